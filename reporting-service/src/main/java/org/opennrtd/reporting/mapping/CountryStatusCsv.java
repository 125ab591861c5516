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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
