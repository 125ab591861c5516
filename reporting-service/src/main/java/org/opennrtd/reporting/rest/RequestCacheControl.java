package org.opennrtd.reporting.rest;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/** The request directives of RFC 9111 (section 5.2.1) the country status honours: {@code no-cache} and {@code max-age}. */
final class RequestCacheControl {

    private static final Pattern SECONDS = Pattern.compile("\"?(\\d{1,10})\"?");

    private RequestCacheControl() {
    }

    /**
     * The oldest stored answer the client accepts: zero for {@code no-cache}, the smallest {@code max-age}, or null
     * when the header sets no limit. Other directives, and a {@code max-age} that is not a number of seconds, are
     * ignored.
     */
    static Duration acceptedAge(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Duration accepted = null;
        for (String part : header.split(",")) {
            String directive = part.trim().toLowerCase(Locale.ROOT);
            if (directive.equals("no-cache")) {
                return Duration.ZERO;
            }
            int equals = directive.indexOf('=');
            if (equals > 0 && directive.substring(0, equals).trim().equals("max-age")) {
                var seconds = SECONDS.matcher(directive.substring(equals + 1).trim());
                if (seconds.matches()) {
                    Duration age = Duration.ofSeconds(Long.parseLong(seconds.group(1)));
                    accepted = accepted == null || age.compareTo(accepted) < 0 ? age : accepted;
                }
            }
        }
        return accepted;
    }
}
