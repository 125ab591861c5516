package org.opennrtd.reporting.mapping;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.opennrtd.reporting.service.CountryStatusReport;

/** The country status as CSV rows {@code country,dimension,key,label,count} (RFC 4180, header row first). */
public final class CountryStatusCsv {

    private CountryStatusCsv() {
    }

    private static String date(java.time.LocalDate d) {
        return d == null ? "" : d.toString();
    }

    public static String toCsv(CountryStatusReport r) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader("country", "dimension", "key", "label", "count").get())) {
            csv.printRecord(r.country(), "TOTAL", "", "", r.total());
            for (CountryStatusReport.Count c : r.byPosition()) {
                csv.printRecord(r.country(), "POSITION", c.key(), "", c.count());
            }
            for (CountryStatusReport.Count c : r.byMechanism()) {
                csv.printRecord(r.country(), "MECHANISM", c.key(), "", c.count());
            }
            for (CountryStatusReport.Count c : r.byBody()) {
                csv.printRecord(r.country(), "BODY", c.key(), "", c.count());
            }
            for (CountryStatusReport.GoalCount g : r.bySdgGoal()) {
                csv.printRecord(r.country(), "SDG_GOAL", g.goal(), g.title(), g.count());
            }
            CountryStatusReport.Implementation i = r.implementation();
            if (i != null) {
                for (CountryStatusReport.Count c : i.byStatus()) {
                    csv.printRecord(r.country(), "STATUS", c.key(), "", c.count());
                }
                for (CountryStatusReport.ThemeStatus t : i.byThemeAndStatus()) {
                    csv.printRecord(r.country(), "THEME_STATUS", t.status(), t.theme(), t.count());
                }
                csv.printRecord(r.country(), "OVERDUE_MILESTONES", date(i.overdueMilestones().oldestDueDate()), "",
                        i.overdueMilestones().count());
                csv.printRecord(r.country(), "OVERDUE_PROGRESS_UPDATES",
                        date(i.overdueProgressUpdates().oldestDueDate()), "", i.overdueProgressUpdates().count());
                CountryStatusReport.Coverage c = i.coverage();
                csv.printRecord(r.country(), "INDICATOR_COVERAGE", "RECOMMENDATIONS_WITH_INDICATOR", "",
                        c.recommendationsWithIndicator());
                csv.printRecord(r.country(), "INDICATOR_COVERAGE", "RECOMMENDATIONS_WITH_RECENT_OBSERVATION",
                        "", c.recommendationsWithRecentObservation());
                csv.printRecord(r.country(), "INDICATOR_COVERAGE", "INDICATORS", "", c.indicators());
                csv.printRecord(r.country(), "INDICATOR_COVERAGE", "INDICATORS_WITH_DATA", "", c.indicatorsWithData());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
