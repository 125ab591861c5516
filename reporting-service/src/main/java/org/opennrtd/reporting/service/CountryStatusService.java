package org.opennrtd.reporting.service;


import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.opennrtd.common.http.Languages;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.reporting.client.IndicatorsServiceClient;
import org.opennrtd.reporting.client.RecommendationsServiceClient;
import org.opennrtd.reporting.client.UpstreamException;
import org.opennrtd.reporting.client.indicators.model.SdgGoal;
import org.opennrtd.reporting.client.recommendations.model.CountBucket;
import org.opennrtd.reporting.client.recommendations.model.RecommendationStatistics;

/**
 * Combines a country's recommendation counts (recommendations service) with the SDG framework (indicators
 * service). Either service failing makes the whole answer unavailable: a status with half its numbers missing
 * would be read as zeros.
 */
@ApplicationScoped
public class CountryStatusService {

    private static final Logger LOG = Logger.getLogger(CountryStatusService.class);

    /** The languages of the indicators service, in its order of preference; the first is its fallback. */
    static final List<String> LANGUAGES = List.of("en", "fr", "es", "ru", "zh-Hans", "ar");

    @Inject
    RecommendationsServiceClient recommendations;

    @Inject
    IndicatorsServiceClient indicators;

    @Inject
    Caller caller;

    @ConfigProperty(name = "opennrtd.reporting.retry-after-seconds", defaultValue = "10")
    int retryAfterSeconds;

    public CountryStatusReport status(String iso3, String acceptLanguage) {
        String country = caller.countryScope(iso3).orElse(iso3);
        RecommendationStatistics statistics = fetch(RecommendationsServiceClient.SERVICE,
                () -> recommendations.statistics(country));
        IndicatorsServiceClient.SdgFramework framework = fetch(IndicatorsServiceClient.SERVICE,
                () -> indicators.framework(acceptLanguage));

        Map<Integer, String> titles = new HashMap<>();
        String language = null;
        for (SdgGoal goal : framework.goals().getItems()) {
            titles.put(goal.getCode(), goal.getTitle());
            if (language == null) {
                language = goal.getLanguage();
            }
        }
        if (language == null) {
            language = Languages.pick(acceptLanguage, LANGUAGES);
        }

        List<CountryStatusReport.GoalCount> byGoal = statistics.getBySdgGoal().stream()
                .map(bucket -> goalCount(bucket, titles))
                .sorted(Comparator.comparingInt(CountryStatusReport.GoalCount::goal))
                .toList();
        return new CountryStatusReport(
                country,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS),
                language,
                statistics.getTotal(),
                counts(statistics.getByPosition()),
                counts(statistics.getByMechanism()),
                counts(statistics.getByBody()),
                byGoal,
                statistics.getLastUpdatedAt(),
                framework.summary().getGoals(),
                framework.summary().getTargets(),
                framework.summary().getIndicators(),
                List.of(RecommendationsServiceClient.SERVICE, IndicatorsServiceClient.SERVICE));
    }

    private static CountryStatusReport.GoalCount goalCount(CountBucket bucket, Map<Integer, String> titles) {
        int goal;
        try {
            goal = Integer.parseInt(bucket.getKey().trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("The recommendations service counted an SDG goal '" + bucket.getKey()
                    + "', which is not a goal number", e);
        }
        String title = titles.get(goal);
        if (title == null) {
            LOG.warnf("The indicators service has no title for SDG goal %d", goal);
            title = "Goal " + goal;
        }
        return new CountryStatusReport.GoalCount(goal, title, bucket.getCount());
    }

    private static List<CountryStatusReport.Count> counts(List<CountBucket> buckets) {
        return buckets == null ? List.of()
                : buckets.stream().map(b -> new CountryStatusReport.Count(b.getKey(), b.getCount())).toList();
    }

    /** Runs one guarded call; whatever way it fails, the caller gets a quick 503 that names the service. */
    private <T> T fetch(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (CircuitBreakerOpenException e) {
            LOG.warnf("Not calling %s: its circuit breaker is open after repeated failures", service);
            throw unavailable(service, "has failed repeatedly; calls to it are paused for a short while");
        } catch (TimeoutException e) {
            LOG.warnf("%s did not answer in time", service);
            throw unavailable(service, "did not answer in time");
        } catch (UpstreamException e) {
            LOG.warnf("Call to %s failed: %s", service, rootCause(e));
            LOG.debug("Upstream failure", e);
            throw unavailable(service, "is unavailable or failing");
        }
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }

    private ProblemException unavailable(String service, String what) {
        return ProblemException.serviceUnavailable("The " + service + ", whose data this answer combines, " + what
                + ". Try again in " + retryAfterSeconds + " seconds.", retryAfterSeconds);
    }
}
