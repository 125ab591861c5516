package org.opennrtd.common.problem;

import java.util.List;

/**
 * A failure that the caller can act on: it carries its HTTP status, a problem type, a title and a detail,
 * and becomes an {@code application/problem+json} response. Services throw it (or its factories); they never
 * build responses themselves.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldViolation> violations;
    private Integer retryAfterSeconds;

    public ProblemException(int status, String type, String title, String detail, List<FieldViolation> violations) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public ProblemException(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    public static ProblemException badRequest(String detail, List<FieldViolation> violations) {
        return new ProblemException(400, "invalid-request", "Invalid request", detail, violations);
    }

    public static ProblemException invalidField(String field, String message) {
        return badRequest(field + ": " + message, List.of(new FieldViolation(field, message)));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Not found", "No " + what + " with id " + id + ".");
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail);
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "stale-entity-tag", "Precondition failed", detail);
    }

    public static ProblemException preconditionRequired(String detail) {
        return new ProblemException(428, "if-match-required", "Precondition required", detail);
    }

    public static ProblemException unprocessable(String detail, List<FieldViolation> violations) {
        return new ProblemException(422, "unprocessable-content", "Unprocessable content", detail, violations);
    }

    /** 503 with a {@code Retry-After} header: something this service depends on is down, slow or failing. */
    public static ProblemException serviceUnavailable(String detail, int retryAfterSeconds) {
        return new ProblemException(503, "dependency-unavailable", "Service unavailable", detail)
                .retryAfter(retryAfterSeconds);
    }

    /** Asks the caller to wait this many seconds before retrying ({@code Retry-After}). */
    public ProblemException retryAfter(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** Seconds for the {@code Retry-After} header, or null for none. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
