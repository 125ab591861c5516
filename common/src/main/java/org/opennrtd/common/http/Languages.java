package org.opennrtd.common.http;

import java.util.List;
import java.util.Locale;

/** Picks the served language from an {@code Accept-Language} header (RFC 9110 / RFC 4647 lookup). */
public final class Languages {

    private Languages() {
    }

    /**
     * @param acceptLanguage the header, possibly null or malformed
     * @param supported language tags in the service's preference order, for example en, fr, es, ru, zh-Hans, ar
     * @return the best supported tag, or the first supported one when nothing matches
     */
    public static String pick(String acceptLanguage, List<String> supported) {
        String fallback = supported.get(0);
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return fallback;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
        for (Locale.LanguageRange range : ranges) {
            if (range.getWeight() == 0) {
                continue;
            }
            String wanted = range.getRange().toLowerCase(Locale.ROOT);
            if (wanted.equals("*")) {
                return fallback;
            }
            for (String tag : supported) {
                String candidate = tag.toLowerCase(Locale.ROOT);
                String primary = candidate.split("-")[0];
                if (candidate.equals(wanted) || wanted.startsWith(candidate + "-") || wanted.equals(primary)
                        || wanted.startsWith(primary + "-")) {
                    return tag;
                }
            }
        }
        return fallback;
    }
}
