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
}
