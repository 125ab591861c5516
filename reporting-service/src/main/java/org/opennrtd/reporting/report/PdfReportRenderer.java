package org.opennrtd.reporting.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * PDF from the same HTML (openhtmltopdf on PDFBox): tagged for accessibility (PDF/UA: structure tree, language,
 * title, text alternatives of the charts, embedded fonts), with bookmarks for the summary and every section and
 * page numbers in the table of contents.
 */
@ApplicationScoped
public class PdfReportRenderer implements ReportRenderer {

    static final String FONT_FAMILY = "DejaVu Sans";

    @Inject
    HtmlReportRenderer html;

    private final byte[] regular = font("/fonts/DejaVuSans.ttf");
    private final byte[] bold = font("/fonts/DejaVuSans-Bold.ttf");

    private static byte[] font(String path) {
        try (InputStream in = PdfReportRenderer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("The bundled font " + path + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ReportFormat format() {
        return ReportFormat.PDF;
    }

    @Override
    public byte[] render(ReportDocument document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.usePdfUaAccessibility(true);
        builder.useFont(() -> new ByteArrayInputStream(regular), FONT_FAMILY, 400, FontStyle.NORMAL, true);
        builder.useFont(() -> new ByteArrayInputStream(bold), FONT_FAMILY, 700, FontStyle.NORMAL, true);
        builder.withProducer("OpenNRTD");
        builder.withHtmlContent(html.html(document, true), null);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
