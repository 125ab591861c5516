package org.opennrtd.recommendations.client;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.opennrtd.common.upstream.UpstreamCalls;
import org.opennrtd.common.upstream.UpstreamRejectedException;
import org.opennrtd.common.upstream.UpstreamUnavailableException;
import org.opennrtd.recommendations.client.indicators.ApiException;
import org.opennrtd.recommendations.client.indicators.SdgFrameworkApi;
import org.opennrtd.recommendations.client.indicators.model.SdgTarget;
import org.opennrtd.recommendations.client.indicators.model.SdgTargetPage;

/**
 * The indicators service, through the client generated from api-spec/indicators/v1: a timeout per call, retries
 * with backoff on failures worth retrying, and a circuit breaker that stops calling a failing service for a while.
 */
@ApplicationScoped
public class IndicatorsServiceClient {

    public static final String SERVICE = "indicators-service";

    /** The largest page the indicators service serves. */
    static final int PAGE = 100;

    /** One SDG target and its English text. */
    public record Target(String code, int goal, String text) {
    }

    @Inject
    @RestClient
    SdgFrameworkApi api;

    /** Every target of the framework (169), in English, in framework order; all pages are fetched. */
    @Timeout(value = 6000, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 2, delay = 200, jitter = 50, maxDuration = 8000,
            retryOn = {UpstreamUnavailableException.class, TimeoutException.class})
    @ExponentialBackoff(factor = 2, maxDelay = 1000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            skipOn = UpstreamRejectedException.class)
    @CircuitBreakerName(SERVICE)
    public List<Target> targets() {
        return UpstreamCalls.call(SERVICE, () -> {
            try {
                List<Target> all = new ArrayList<>();
                int offset = 0;
                while (true) {
                    SdgTargetPage page = api.listSdgTargets(offset, PAGE, null, "en");
                    List<SdgTarget> items = page.getItems() == null ? List.of() : page.getItems();
                    for (SdgTarget t : items) {
                        all.add(new Target(t.getCode(), t.getGoal(), t.getTitle()));
                    }
                    offset += items.size();
                    long total = page.getPage() == null || page.getPage().getTotal() == null ? offset
                            : page.getPage().getTotal();
                    if (items.isEmpty() || offset >= total) {
                        return all;
                    }
                }
            } catch (ApiException e) {
                throw UpstreamCalls.failure(SERVICE, e.getResponse(), e);
            }
        });
    }
}
