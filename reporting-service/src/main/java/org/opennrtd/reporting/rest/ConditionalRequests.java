package org.opennrtd.reporting.rest;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.jboss.resteasy.reactive.RestResponse;

/** RFC 9110 conditional GET: {@code If-None-Match} first, else {@code If-Modified-Since}. */
final class ConditionalRequests {

    private ConditionalRequests() {
    }

    static String httpDate(OffsetDateTime t) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atZoneSameInstant(ZoneOffset.UTC));
    }

    /**
     * @param etag the current strong tag, quoted
     * @param lastModified the last change of the data, or null when unknown
     */
    static boolean notModified(String ifNoneMatch, String ifModifiedSince, String etag, OffsetDateTime lastModified) {
        if (ifNoneMatch != null && !ifNoneMatch.isBlank()) {
            for (String candidate : ifNoneMatch.split(",")) {
                String tag = candidate.trim();
                if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                    return true;
                }
            }
            return false;
        }
        if (ifModifiedSince != null && lastModified != null) {
            try {
                ZonedDateTime since = ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                return !lastModified.truncatedTo(ChronoUnit.SECONDS).toInstant().isAfter(since.toInstant());
            } catch (DateTimeParseException e) {
                return false; // an invalid date is ignored (RFC 9110, 13.1.3)
            }
        }
        return false;
    }

    /** Generated interfaces type the body as the JSON representation; other representations go through here. */
    @SuppressWarnings("unchecked")
    static <T> RestResponse<T> untyped(RestResponse<?> response) {
        return (RestResponse<T>) response;
    }
}
