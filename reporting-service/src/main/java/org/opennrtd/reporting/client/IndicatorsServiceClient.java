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
import org.opennrtd.reporting.client.indicators.ApiException;
import org.opennrtd.reporting.client.indicators.SdgFrameworkApi;
import org.opennrtd.reporting.client.indicators.model.SdgFrameworkSummary;
import org.opennrtd.reporting.client.indicators.model.SdgGoalPage;

/**
 * The indicators service, through the client generated from api-spec/indicators/v1, with the same timeout,
 * retry and circuit-breaker policy as {@link RecommendationsServiceClient}.
 */
@ApplicationScoped
public class IndicatorsServiceClient {

    public static final String SERVICE = "indicators-service";

    /** Every goal fits on one page (17 of at most 100). */
    static final int ALL_GOALS = 100;

    /** The framework's size and its goals, with titles in the served language. */
    public record SdgFramework(SdgFrameworkSummary summary, SdgGoalPage goals) {
    }

    @Inject
    @RestClient
    SdgFrameworkApi api;

    /**
     * @param acceptLanguage the caller's header, forwarded as it came (null sends none)
     */
    @Timeout(value = 2500, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 2, delay = 200, jitter = 50, maxDuration = 4000,
            retryOn = {UpstreamUnavailableException.class, TimeoutException.class})
    @ExponentialBackoff(factor = 2, maxDelay = 1000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = UpstreamRejectedException.class)
    @CircuitBreakerName(SERVICE)
    public SdgFramework framework(String acceptLanguage) {
        return UpstreamCalls.call(SERVICE, () -> {
            try {
                return new SdgFramework(api.getSdgFrameworkSummary(), api.listSdgGoals(0, ALL_GOALS, acceptLanguage));
            } catch (ApiException e) {
                throw UpstreamCalls.failure(SERVICE, e.getResponse(), e);
            }
        });
    }
}
