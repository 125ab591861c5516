package org.opennrtd.reporting.service;

import org.opennrtd.common.problem.ProblemException;

/** A 503 problem that also tells the caller when to try again ({@code Retry-After}). */
public class DependencyUnavailableException extends ProblemException {

    private final int retryAfterSeconds;

    public DependencyUnavailableException(String detail, int retryAfterSeconds) {
        super(503, "dependency-unavailable", "Service unavailable", detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
