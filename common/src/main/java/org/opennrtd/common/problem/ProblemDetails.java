package org.opennrtd.common.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The RFC 9457 problem details body every service answers errors with. It serialises exactly as the
 * contract's shared {@code Problem} schema.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProblemDetails(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        String errorId,
        List<FieldViolation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Problem type URIs are relative references under this base, one per kind of problem. */
    public static final String TYPE_BASE = "https://opennrtd.org/problems/";
}
