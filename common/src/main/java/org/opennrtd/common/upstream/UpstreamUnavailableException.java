package org.opennrtd.common.upstream;

/** The other service could not be reached, answered too late or answered 5xx: worth retrying. */
public class UpstreamUnavailableException extends UpstreamException {

    public UpstreamUnavailableException(String service, String message, Throwable cause) {
        super(service, message, cause);
    }
}
