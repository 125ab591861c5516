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
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.opennrtd.reporting.client.recommendations.ApiException;
import org.opennrtd.reporting.client.recommendations.RecommendationsApi;
import org.opennrtd.reporting.client.recommendations.model.Mechanism;
import org.opennrtd.reporting.client.recommendations.model.RecommendationPage;
import org.opennrtd.reporting.client.recommendations.model.RecommendationStatistics;

/**
 * The recommendations service, through the client generated from api-spec/recommendations/v1, with a timeout per
 * attempt, retries with exponential backoff (the calls are idempotent GETs) and a circuit breaker that stops
 * calling a failing service for a while. The limits can be changed without a build through the usual
 * SmallRye Fault Tolerance properties, for example
 * {@code quarkus.fault-tolerance."org.opennrtd.reporting.client.RecommendationsServiceClient/statistics".timeout.value}.
 */
@ApplicationScoped
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
                        s.publishedFrom(), s.publishedTo());
            } catch (ApiException e) {
                throw UpstreamCalls.failure(SERVICE, e.getResponse(), e);
            }
        });
    }
}
