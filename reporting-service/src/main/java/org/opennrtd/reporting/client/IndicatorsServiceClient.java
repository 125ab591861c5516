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
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.opennrtd.common.upstream.UpstreamCalls;
import org.opennrtd.common.upstream.UpstreamRejectedException;
import org.opennrtd.common.upstream.UpstreamUnavailableException;
import org.opennrtd.reporting.client.indicators.ApiException;
import org.opennrtd.reporting.client.indicators.NationalIndicatorsApi;
import org.opennrtd.reporting.client.indicators.ObservationsApi;
import org.opennrtd.reporting.client.indicators.SdgFrameworkApi;
import org.opennrtd.reporting.client.indicators.model.IndicatorProgressPage;
import org.opennrtd.reporting.client.indicators.model.NationalIndicatorPage;
import org.opennrtd.reporting.client.indicators.model.SdgFrameworkSummary;
import org.opennrtd.reporting.client.indicators.model.SdgGoalPage;

/**
 * The indicators service, through the client generated from api-spec/indicators/v1, with the same timeout,
 * retry and circuit-breaker policy as {@link RecommendationsServiceClient}. The policy on the class applies to the
 * reads of national indicators and their progress, each method with its own circuit breaker.
 */
@ApplicationScoped
@Timeout(value = 2500, unit = ChronoUnit.MILLIS)
@Retry(maxRetries = 2, delay = 200, jitter = 50, maxDuration = 4000,
        retryOn = {UpstreamUnavailableException.class, TimeoutException.class})
@ExponentialBackoff(factor = 2, maxDelay = 1000)
@CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
        skipOn = UpstreamRejectedException.class)
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

    /** The largest page the indicators service gives. */
    public static final int PAGE_SIZE = 100;

    @Inject
    @RestClient
    NationalIndicatorsApi nationalIndicators;

    @Inject
    @RestClient
    ObservationsApi observations;

    /** One page of the country's national indicators, with the recommendations and actions they are linked to. */
    public NationalIndicatorPage nationalIndicators(String country, int offset) {
        return read(() -> nationalIndicators.listNationalIndicators(offset, PAGE_SIZE, "code", null, country, null,
                null, null, null));
    }

    /**
     * One page (at most 100) of the country's national indicators, each with the progress of its total series and
     * the latest observation of every series, in one call.
     *
     * @param indicatorIds only these indicators (at most {@link #PAGE_SIZE}); empty for all of the country's
     */
    public IndicatorProgressPage progress(String country, List<UUID> indicatorIds, int offset) {
        if (indicatorIds.size() > PAGE_SIZE) {
            throw new IllegalArgumentException("at most " + PAGE_SIZE + " indicator ids per read");
        }
        return read(() -> observations.listNationalIndicatorProgress(country,
                indicatorIds.isEmpty() ? null : indicatorIds, offset, PAGE_SIZE));
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
