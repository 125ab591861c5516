package org.opennrtd.reporting.client;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.opennrtd.common.upstream.UpstreamCalls;
import org.opennrtd.common.upstream.UpstreamRejectedException;
import org.opennrtd.common.upstream.UpstreamUnavailableException;
import org.opennrtd.reporting.client.recommendations.ActionsApi;
import org.opennrtd.reporting.client.recommendations.ApiException;
import org.opennrtd.reporting.client.recommendations.ClustersApi;
import org.opennrtd.reporting.client.recommendations.FollowUpApi;
import org.opennrtd.reporting.client.recommendations.InstitutionsApi;
import org.opennrtd.reporting.client.recommendations.MilestonesApi;
import org.opennrtd.reporting.client.recommendations.ProgressUpdatesApi;
import org.opennrtd.reporting.client.recommendations.RecommendationsApi;
import org.opennrtd.reporting.client.recommendations.model.ActionPage;
import org.opennrtd.reporting.client.recommendations.model.ClusterPage;
import org.opennrtd.reporting.client.recommendations.model.DueState;
import org.opennrtd.reporting.client.recommendations.model.InstitutionPage;
import org.opennrtd.reporting.client.recommendations.model.MilestonePage;
import org.opennrtd.reporting.client.recommendations.model.ProgressUpdatePage;
import org.opennrtd.reporting.client.recommendations.model.ProgressUpdateStatus;
import org.opennrtd.reporting.client.recommendations.model.RecommendationFollowUpPage;
import org.opennrtd.reporting.client.recommendations.model.Mechanism;
import org.opennrtd.reporting.client.recommendations.model.RecommendationPage;
import org.opennrtd.reporting.client.recommendations.model.RecommendationStatistics;

/**
 * The recommendations service, through the client generated from api-spec/recommendations/v1, with a timeout per
 * attempt, retries with exponential backoff (the calls are idempotent GETs) and a circuit breaker that stops
 * calling a failing service for a while. The limits can be changed without a build through the usual
 * SmallRye Fault Tolerance properties, for example
 * {@code quarkus.fault-tolerance."org.opennrtd.reporting.client.RecommendationsServiceClient/statistics".timeout.value}.
 * The policy on the class applies to the reads of implementation tracking (follow-ups, actions, milestones, progress
 * updates, institutions, clusters), each with its own circuit breaker; every read is one page of at most
 * {@link #PAGE_SIZE}, so a country's data comes in a few calls whatever the number of recommendations.
 */
@ApplicationScoped
@Timeout(value = 2500, unit = ChronoUnit.MILLIS)
@Retry(maxRetries = 2, delay = 200, jitter = 50, maxDuration = 4000,
        retryOn = {UpstreamUnavailableException.class, TimeoutException.class})
@ExponentialBackoff(factor = 2, maxDelay = 1000)
@CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
        skipOn = UpstreamRejectedException.class)
public class RecommendationsServiceClient {

    public static final String SERVICE = "recommendations-service";

    @Inject
    @RestClient
    RecommendationsApi api;

    @Timeout(value = 2500, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 2, delay = 200, jitter = 50, maxDuration = 4000,
            retryOn = {UpstreamUnavailableException.class, TimeoutException.class})
    @ExponentialBackoff(factor = 2, maxDelay = 1000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = UpstreamRejectedException.class)
    @CircuitBreakerName(SERVICE)
    public RecommendationStatistics statistics(String country) {
        return UpstreamCalls.call(SERVICE, () -> {
            try {
                return api.getRecommendationStatistics(country);
            } catch (ApiException e) {
                throw UpstreamCalls.failure(SERVICE, e.getResponse(), e);
            }
        });
    }

    /** Circuit-breaker names must be unique per method; the listing has its own. */
    public static final String PAGES_BREAKER = SERVICE + "/recommendations";

    /** The largest page the recommendations service gives. */
    public static final int PAGE_SIZE = 100;

    /** What a report selects: a country and optionally a mechanism, body, UPR cycle and publication period. */
    public record Selection(String country, Mechanism mechanism, String body, Integer uprCycle,
                            java.time.LocalDate publishedFrom, java.time.LocalDate publishedTo) {
    }

    /** One page of the selected recommendations, in a stable order (document symbol, paragraph). */
    @Timeout(value = 2500, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 2, delay = 200, jitter = 50, maxDuration = 4000,
            retryOn = {UpstreamUnavailableException.class, TimeoutException.class})
    @ExponentialBackoff(factor = 2, maxDelay = 1000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = UpstreamRejectedException.class)
    @CircuitBreakerName(PAGES_BREAKER)
    public RecommendationPage page(Selection s, int offset) {
        return UpstreamCalls.call(SERVICE, () -> {
            try {
                return api.listRecommendations(offset, PAGE_SIZE, "documentSymbol,paragraph", null, s.country(),
                        s.mechanism(), s.body(), null, null, null, null, null, null, null, s.uprCycle(), null, null,
                        s.publishedFrom(), s.publishedTo(), null, null, null, null);
            } catch (ApiException e) {
                throw UpstreamCalls.failure(SERVICE, e.getResponse(), e);
            }
        });
    }

    @Inject
    @RestClient
    FollowUpApi followUp;

    @Inject
    @RestClient
    ActionsApi actions;

    @Inject
    @RestClient
    MilestonesApi milestones;

    @Inject
    @RestClient
    ProgressUpdatesApi progressUpdates;

    @Inject
    @RestClient
    InstitutionsApi institutions;

    @Inject
    @RestClient
    ClustersApi clusters;

    /** One page of the implementation status of the country's recommendations. */
    public RecommendationFollowUpPage followUps(String country, int offset) {
        return read(() -> followUp.listRecommendationFollowUps(country, null, offset, PAGE_SIZE));
    }

    /** One page of the country's actions, oldest first; each says when its next progress update is due. */
    public ActionPage actions(String country, int offset) {
        return read(() -> actions.listActions(country, null, null, null, null, null, offset, PAGE_SIZE,
                "createdAt"));
    }

    /** One page of the country's milestones; {@code due} OVERDUE keeps planned ones past their due date. */
    public MilestonePage milestones(String country, DueState due, int offset) {
        return read(() -> milestones.listMilestones(country, null, null, due, offset, PAGE_SIZE));
    }

    /** One page of the country's progress updates in one state, newest report first. */
    public ProgressUpdatePage progressUpdates(String country, ProgressUpdateStatus status, int offset) {
        return read(() -> progressUpdates.listProgressUpdates(country, null, status, offset, PAGE_SIZE));
    }

    /** One page of the country's institutions. */
    public InstitutionPage institutions(String country, int offset) {
        return read(() -> institutions.listInstitutions(country, null, null, offset, PAGE_SIZE, "name"));
    }

    /** One page of the country's clusters of recommendations. */
    public ClusterPage clusters(String country, int offset) {
        return read(() -> clusters.listClusters(country, null, offset, PAGE_SIZE, "name"));
    }

    private static <T> T read(Supplier<T> call) {
        return UpstreamCalls.call(SERVICE, () -> {
            try {
                return call.get();
            } catch (ApiException e) {
                throw UpstreamCalls.failure(SERVICE, e.getResponse(), e);
            }
        });
    }
}
