package org.opennrtd.reporting.report;

import io.quarkus.qute.TemplateData;
import java.util.Base64;
import java.util.List;

/**
 * A report laid out but not yet formatted: cover, summary tables and charts, then sections (listed in the table
 * of contents) made of entries. {@link ReportComposer} builds it from {@link ReportData} for each report type;
 * each renderer turns it into one format, so the numbers are the same in every format.
 */
@TemplateData
public record ReportDocument(
        String language,
        String title,
        String subtitle,
        List<Field> cover,
        String summaryHeading,
        List<Table> summaryTables,
        List<Chart> charts,
        String contentsHeading,
        List<Section> sections,
        String emptyNote,
        List<Count> counts) {

    /** A label and its value. */
    @TemplateData
    public record Field(String label, String value) {
    }

    @TemplateData
    public record Table(String id, String caption, List<String> headers, List<List<String>> rows) {
    }

    /** A chart drawn as PNG, with a text alternative for screen readers (tagged PDF, HTML alt). */
    @TemplateData
    public record Chart(String id, String title, String altText, byte[] png, int width, int height) {

        public String dataUri() {
            return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
        }
    }

    /** A top-level part of the report (a theme, goal, body or action), listed in the table of contents. */
    @TemplateData
    public record Section(String id, String heading, List<Field> facts, List<Entry> entries, Table table) {
    }

    /** One recommendation or action within a section. */
    @TemplateData
    public record Entry(String heading, String text, List<Field> fields, List<Field> narratives) {
    }

    /** A number the report shows, for comparisons between versions: dimension POSITION, STATUS, THEME, SDG_GOAL, BODY. */
    @TemplateData
    public record Count(String dimension, String key, long count) {
    }
}
