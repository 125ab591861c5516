package org.opennrtd.common.upstream;

/** A call to another OpenNRTD service failed; {@link #service()} names it. */
public abstract class UpstreamException extends RuntimeException {

    private final String service;

    protected UpstreamException(String service, String message, Throwable cause) {
        super(service + " " + message, cause);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
