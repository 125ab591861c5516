package org.opennrtd.reporting.service;


import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import org.opennrtd.reporting.entity.CountryStatusSnapshotEntity;
import org.opennrtd.reporting.repository.CountryStatusSnapshotRepository;
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
import org.jboss.logging.Logger;
import org.opennrtd.common.http.Languages;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.reporting.client.IndicatorsServiceClient;
import org.opennrtd.reporting.client.RecommendationsServiceClient;
import org.opennrtd.reporting.client.UpstreamGuard;
import org.opennrtd.reporting.client.indicators.model.SdgGoal;
import org.opennrtd.reporting.client.recommendations.model.CountBucket;
import org.opennrtd.reporting.client.recommendations.model.RecommendationStatistics;

/**
 * Combines a country's recommendation counts and implementation tracking (recommendations service) with the SDG
 * framework and national indicators (indicators service). Either service failing makes fresh data unavailable: a status with half its numbers missing would be
 * read as zeros. Every fresh status is kept as the country's last good snapshot: served again as it is within a
 * short freshness window, and marked stale while a service is down.
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

    @Inject
    UpstreamGuard guard;

    @Inject
    CountryStatusSnapshotRepository snapshots;

    @Inject
    HeldStatuses held;

    @Inject
    CountryImplementation implementation;

    @Inject
    ObjectMapper json;

    /**
     * How long a status this replica holds is served as the stored snapshot without asking the store again: a
     * snapshot that another replica stored meanwhile shows here at most this much later. {@code 0S} asks at every
     * pull.
     */
    @ConfigProperty(name = "opennrtd.country-status.recheck-interval", defaultValue = "PT1S")
    Duration recheck;

    /** How long a computed status is served again without asking the services; {@code 0S} disables it. */
    @ConfigProperty(name = "opennrtd.country-status.max-age", defaultValue = "PT60S")
    Duration maxAge;

    /**
     * The status of a country in the language asked for. While the newest snapshot of (country, language) is
     * younger than the freshness window, and than {@code acceptedAge} when the client limits it, it is served as it
     * is, without any upstream call (and decoded from the database only when it changed, and read from it at most
     * once per recheck interval: {@link HeldStatuses}). Past half the window, a pull that the snapshot answers
     * also starts one refresh in the background, so that a country pulled steadily is never served a computation's
     * wait. Otherwise the status is computed from fresh data, once for all the requests that need it at that
     * moment, and stored as the new snapshot; when a service is unavailable, the snapshot (marked stale, with its
     * age) is served if there is one, else the 503 problem.
     *
     * <p>Authorisation comes first: {@link Caller#countryScope} refuses a country the caller may not read before
     * any snapshot is looked at.
     *
     * <p>Replicas may each compute the same status once: that costs one extra round of upstream calls and nothing
     * else. Each snapshot is written in one statement of its own transaction, which keeps the newer one, so a reader
     * sees either the old snapshot or the new one, never half.
     *
     * @param acceptedAge the oldest snapshot the client accepts ({@code Cache-Control: max-age}; zero for
     *                    {@code no-cache}), or null when the client sets no limit
     */
    public CountryStatusView view(String iso3, String acceptLanguage, Duration acceptedAge) {
        String country = caller.countryScope(iso3).orElse(iso3);
        String requestedLanguage = Languages.pick(acceptLanguage, LANGUAGES);
        CountryStatusSnapshotEntity.Key key = new CountryStatusSnapshotEntity.Key(country, requestedLanguage);
        Duration window = freshnessWindow();
        Duration reusable = acceptedAge == null || acceptedAge.compareTo(window) > 0 ? window : acceptedAge;
        if (!reusable.isZero() && !reusable.isNegative()) {
            HeldStatuses.Held snapshot = newest(key);
            if (snapshot != null) {
                Duration elapsed = snapshot.age();
                if (elapsed.compareTo(reusable) < 0) {
                    if (elapsed.compareTo(window.dividedBy(2)) >= 0) {
                        held.refreshAhead(key, () -> compute(country, acceptLanguage));
                    }
                    long left = Math.min(window.toSeconds(), window.minus(elapsed).toSeconds());
                    return new CountryStatusView(snapshot.report(), false, snapshot.fetchedAt(),
                            Math.max(0, elapsed.toSeconds()), snapshot.entityTag(), Math.max(0, left));
                }
            }
        }
        HeldStatuses.Held fresh;
        try {
            // A client that refuses any stored answer gets a computation of its own; others share one.
            fresh = acceptedAge != null && acceptedAge.isZero()
                    ? held.keep(key, compute(country, acceptLanguage))
                    : held.computeOnce(key, () -> compute(country, acceptLanguage));
        } catch (ProblemException e) {
            if (e.status() != 503) {
                throw e;
            }
            HeldStatuses.Held snapshot = newest(key);
            if (snapshot == null) {
                throw e;
            }
            long age = Math.max(0, snapshot.age().toSeconds());
            LOG.infof("Serving the %s status of %s from its snapshot of %s (%d s old)", requestedLanguage, country,
                    snapshot.fetchedAt(), age);
            return new CountryStatusView(snapshot.report(), true, snapshot.fetchedAt(), age, snapshot.entityTag(), 0);
        }
        long age = Math.max(0, fresh.age().toSeconds());
        return new CountryStatusView(fresh.report(), false, fresh.fetchedAt(), age, fresh.entityTag(),
                Math.max(0, window.toSeconds() - age));
    }

    /**
     * The stored snapshot of {@code key}, or null when there is none. The status this replica holds answers when it
     * is that snapshot (the same fetch time: one narrow read); otherwise the stored body is decoded, once, and held.
     */
    private HeldStatuses.Held newest(CountryStatusSnapshotEntity.Key key) {
        HeldStatuses.Held recent = held.confirmedWithin(key, recheck);
        if (recent != null) {
            return recent;
        }
        OffsetDateTime storedAt = snapshots.fetchedAt(key);
        if (storedAt == null) {
            return null;
        }
        HeldStatuses.Held mine = held.get(key);
        if (mine != null && mine.fetchedAt().isEqual(storedAt)) {
            held.confirmed(key);
            return mine;
        }
        CountryStatusSnapshotEntity stored = QuarkusTransaction.requiringNew().call(() -> snapshots.findById(key));
        if (stored == null) {
            return null;
        }
        CountryStatusReport report = read(stored.body);
        return held.keep(key, new HeldStatuses.Held(report, stored.fetchedAt, entityTag(report)));
    }

    /** The status from fresh data, stored as the newest snapshot; a 503 problem when a service is unavailable. */
    private HeldStatuses.Held compute(String country, String acceptLanguage) {
        CountryStatusReport report = status(country, acceptLanguage);
        String body = write(report);
        QuarkusTransaction.requiringNew().run(() -> snapshots.save(country, report.language(), body,
                report.generatedAt()));
        return new HeldStatuses.Held(report, report.generatedAt(), entityTag(report));
    }

    /** The configured window; zero (or a negative value) disables it. */
    private Duration freshnessWindow() {
        return maxAge.isNegative() ? Duration.ZERO : maxAge;
    }

    /** Strong tag of what the status says: its content without the moment it was generated. */
    String entityTag(CountryStatusReport report) {
        CountryStatusReport content = new CountryStatusReport(report.country(), null, report.language(),
                report.total(), report.byPosition(), report.byMechanism(), report.byBody(), report.bySdgGoal(),
                report.lastUpdatedAt(), report.goals(), report.targets(), report.indicators(), report.sources(),
                report.implementation());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(write(content).getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(CountryStatusReport report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A country status cannot be written as JSON", e);
        }
    }

    private CountryStatusReport read(String body) {
        try {
            return json.readValue(body, CountryStatusReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored country status cannot be read", e);
        }
    }

    /**
     * The status from fresh data; a 503 problem when a service is unavailable. The caller's scope was checked by
     * {@link #view}; this may run off any request (a refresh ahead of expiry), with the service's own account.
     */
    CountryStatusReport status(String country, String acceptLanguage) {
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
                List.of(RecommendationsServiceClient.SERVICE, IndicatorsServiceClient.SERVICE),
                implementation.count(country));
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
        return guard.fetch(service, call);
    }

}
