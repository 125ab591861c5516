package org.opennrtd.reporting.report;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;

/** HTML from the Qute template {@code templates/report.html}; charts are embedded as PNG data URIs. */
@ApplicationScoped
public class HtmlReportRenderer implements ReportRenderer {

    @Inject
    @Location("report.html")
    Template template;

    @Override
    public ReportFormat format() {
        return ReportFormat.HTML;
    }

    @Override
    public byte[] render(ReportDocument document) {
        return html(document, false).getBytes(StandardCharsets.UTF_8);
    }

    /** @param forPdf adds the PDF bookmarks (an openhtmltopdf extension element, not HTML) */
    public String html(ReportDocument document, boolean forPdf) {
        return template.data("doc", document).data("pdf", forPdf).render();
    }
}
