package org.opennrtd.common.upstream;

/**
 * The other service answered 4xx: the request or this service's credentials are wrong, so retrying cannot help
 * and the other service is not unhealthy (the circuit breaker ignores it).
 */
public class UpstreamRejectedException extends UpstreamException {

    private final int status;

    public UpstreamRejectedException(String service, int status, Throwable cause) {
        super(service, "rejected the call with status " + status, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
