package org.opennrtd.common.upstream;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.function.Supplier;

/** Translates what a generated client throws into the two kinds of {@link UpstreamException}. */
public final class UpstreamCalls {

    private UpstreamCalls() {
    }

    /**
     * @param status the HTTP status of a failed response, read from the generated client's ApiException
     */
    public static UpstreamException failure(String service, Response response, Throwable cause) {
        int status = response == null ? 0 : response.getStatus();
        if (status >= 400 && status < 500) {
            return new UpstreamRejectedException(service, status, cause);
        }
        return new UpstreamUnavailableException(service, status == 0 ? "failed" : "answered " + status, cause);
    }

    /** Failures other than an error response: connection refused, read timeout, token endpoint down, bad JSON. */
    public static <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (UpstreamException e) {
            throw e;
        } catch (WebApplicationException e) {
            throw failure(service, e.getResponse(), e);
        } catch (ProcessingException e) {
            throw new UpstreamUnavailableException(service, "cannot be reached or gave an unreadable answer", e);
        } catch (RuntimeException e) {
            throw new UpstreamUnavailableException(service, "call failed", e);
        }
    }
}
