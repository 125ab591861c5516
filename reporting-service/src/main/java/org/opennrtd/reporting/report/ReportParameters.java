package org.opennrtd.reporting.report;

import java.time.LocalDate;
import java.util.List;

/** What a report was asked for with; stored with every version. */
public record ReportParameters(
        ReportType type,
        ReportFormat format,
        String country,
        Integer uprCycle,
        String body,
        LocalDate periodFrom,
        LocalDate periodTo,
        String language) {

    /** Languages reports are labelled in; the first is the fallback. */
    public static final List<String> LANGUAGES = List.of("en", "fr", "es");

    /** Versions with the same key (everything but the format) are successive editions of one report. */
    public String seriesKey() {
        return String.join("|", type.name(), country, String.valueOf(uprCycle), String.valueOf(body),
                String.valueOf(periodFrom), String.valueOf(periodTo), language);
    }
}
