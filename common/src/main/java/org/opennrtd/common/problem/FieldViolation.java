package org.opennrtd.common.problem;

/** One invalid field or parameter, as listed in a problem's {@code violations}. */
public record FieldViolation(String field, String message) {
}
