package org.opennrtd.reporting.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;
import org.opennrtd.common.upstream.UpstreamException;
import org.opennrtd.common.problem.ProblemException;

/**
 * Turns every way a guarded call to another service can fail (circuit open, timeout, unreachable, 5xx, 4xx) into
 * one quick 503 problem that names the service, with {@code Retry-After}.
 */
@ApplicationScoped
public class UpstreamGuard {

    private static final Logger LOG = Logger.getLogger(UpstreamGuard.class);

    @ConfigProperty(name = "opennrtd.reporting.retry-after-seconds", defaultValue = "10")
    int retryAfterSeconds;

    public <T> T fetch(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw unavailable(service, e).orElseThrow(() -> e);
        }
    }

    /**
     * Every item of a paged list: one guarded call per page, from offset 0 until the page's total is reached or a
     * page comes back empty.
     *
     * @param page the call for one page at the given offset
     * @param total the list's total as the page tells it
     */
    public <P, T> List<T> all(String service, IntFunction<P> page, Function<P, List<T>> items,
                              ToLongFunction<P> total) {
        List<T> result = new ArrayList<>();
        int offset = 0;
        while (true) {
            int from = offset;
            P p = fetch(service, () -> page.apply(from));
            List<T> got = items.apply(p);
            if (got == null || got.isEmpty()) {
                return result;
            }
            result.addAll(got);
            offset += got.size();
            if (offset >= total.applyAsLong(p)) {
                return result;
            }
        }
    }

    /** @return the 503 problem for an upstream failure, empty for any other exception */
    public Optional<ProblemException> unavailable(String service, Throwable e) {
        if (e instanceof CircuitBreakerOpenException) {
            LOG.warnf("Not calling %s: its circuit breaker is open after repeated failures", service);
            return Optional.of(problem(service, "has failed repeatedly; calls to it are paused for a short while"));
        }
        if (e instanceof TimeoutException) {
            LOG.warnf("%s did not answer in time", service);
            return Optional.of(problem(service, "did not answer in time"));
        }
        if (e instanceof UpstreamException u) {
            LOG.warnf("Call to %s failed: %s", u.service(), rootCause(e));
            LOG.debug("Upstream failure", e);
            return Optional.of(problem(u.service(), "is unavailable or failing"));
        }
        return Optional.empty();
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }

    private ProblemException problem(String service, String what) {
        return ProblemException.serviceUnavailable("The " + (service == null ? "service" : service) + ", whose data this answer combines, " + what
                + ". Try again in " + retryAfterSeconds + " seconds.", retryAfterSeconds);
    }
}
