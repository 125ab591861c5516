package org.opennrtd.reporting.report;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;
import org.apache.poi.common.usermodel.PictureType;
import org.apache.poi.util.Units;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFStyle;
import org.apache.poi.xwpf.usermodel.XWPFStyles;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTDecimalNumber;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPPrGeneral;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTRPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSimpleField;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTString;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyle;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STStyleType;

/**
 * A Word document a ministry can edit (Apache POI XWPF): real heading styles (Title, Heading 1, Heading 2) so
 * that the table of contents field, which Word or LibreOffice fills in when the file is opened, lists every
 * section; plain editable tables; charts as PNG pictures with their text alternative.
 */
@ApplicationScoped
public class DocxReportRenderer implements ReportRenderer {

    /** Width of a chart on an A4 page with normal margins: 16 cm. */
    static final int CHART_WIDTH_PT = 453;

    @Override
    public ReportFormat format() {
        return ReportFormat.DOCX;
    }

    @Override
    public byte[] render(ReportDocument d) {
        try (XWPFDocument doc = new XWPFDocument()) {
            styles(doc);
            doc.getProperties().getCoreProperties().setTitle(d.title() + " – " + d.subtitle());
            doc.getProperties().getCoreProperties().setCreator("OpenNRTD");

            paragraph(doc, "Title", d.title());
            paragraph(doc, "Subtitle", d.subtitle());
            table(doc, null, List.of(), d.cover().stream().map(f -> List.of(f.label(), f.value())).toList());

            XWPFParagraph contents = paragraph(doc, "Heading1", d.contentsHeading());
            contents.setPageBreak(true);
            contents.getCTP().getPPr().addNewOutlineLvl().setVal(BigInteger.valueOf(9)); // not listed in itself
            XWPFParagraph toc = doc.createParagraph();
            CTSimpleField field = toc.getCTP().addNewFldSimple();
            field.setInstr("TOC \\o \"1-2\" \\h \\z \\u");
            field.setDirty(true);
            field.addNewR().addNewT().setStringValue(d.summaryHeading() + " …");
            doc.enforceUpdateFields();

            paragraph(doc, "Heading1", d.summaryHeading()).setPageBreak(true);
            if (d.emptyNote() != null) {
                doc.createParagraph().createRun().setText(d.emptyNote());
            }
            for (ReportDocument.Table t : d.summaryTables()) {
                table(doc, t.caption(), t.headers(), t.rows());
            }
            for (ReportDocument.Chart c : d.charts()) {
                paragraph(doc, "Heading2", c.title());
                picture(doc, c);
            }
            for (ReportDocument.Section s : d.sections()) {
                paragraph(doc, "Heading1", s.heading()).setPageBreak(true);
                for (ReportDocument.Field f : s.facts()) {
                    labelled(doc, f);
                }
                if (s.table() != null) {
                    table(doc, s.table().caption(), s.table().headers(), s.table().rows());
                }
                for (ReportDocument.Entry e : s.entries()) {
                    paragraph(doc, "Heading2", e.heading());
                    doc.createParagraph().createRun().setText(e.text());
                    e.fields().forEach(f -> labelled(doc, f));
                    e.narratives().forEach(f -> labelled(doc, f));
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XWPFParagraph paragraph(XWPFDocument doc, String style, String text) {
        XWPFParagraph p = doc.createParagraph();
        p.setStyle(style);
        p.createRun().setText(text);
        return p;
    }

    private static void labelled(XWPFDocument doc, ReportDocument.Field f) {
        XWPFParagraph p = doc.createParagraph();
        p.setSpacingAfter(40);
        XWPFRun label = p.createRun();
        label.setBold(true);
        label.setText(f.label() + ": ");
        p.createRun().setText(f.value());
    }

    private static void table(XWPFDocument doc, String caption, List<String> headers, List<List<String>> rows) {
        if (caption != null) {
            XWPFParagraph p = doc.createParagraph();
            (p.getCTP().isSetPPr() ? p.getCTP().getPPr() : p.getCTP().addNewPPr()).addNewKeepNext();
            XWPFRun r = p.createRun();
            r.setBold(true);
            r.setText(caption);
        }
        int columns = Math.max(headers.size(), rows.stream().mapToInt(List::size).max().orElse(1));
        XWPFTable table = doc.createTable(rows.size() + (headers.isEmpty() ? 0 : 1), columns);
        table.setWidth("100%");
        int r = 0;
        if (!headers.isEmpty()) {
            XWPFTableRow head = table.getRow(r++);
            head.setRepeatHeader(true);
            for (int c = 0; c < headers.size(); c++) {
                cell(head, c, headers.get(c), true);
            }
        }
        for (List<String> row : rows) {
            XWPFTableRow tr = table.getRow(r++);
            for (int c = 0; c < row.size(); c++) {
                cell(tr, c, row.get(c), headers.isEmpty() && c == 0);
            }
        }
        doc.createParagraph();
    }

    private static void cell(XWPFTableRow row, int column, String text, boolean bold) {
        XWPFParagraph p = row.getCell(column).getParagraphs().get(0);
        XWPFRun run = p.createRun();
        run.setBold(bold);
        run.setText(text);
    }

    private static void picture(XWPFDocument doc, ReportDocument.Chart c) {
        XWPFParagraph p = doc.createParagraph();
        p.setAlignment(ParagraphAlignment.CENTER);
        XWPFRun run = p.createRun();
        int heightPt = CHART_WIDTH_PT * c.height() / c.width();
        try {
            run.addPicture(new ByteArrayInputStream(c.png()), PictureType.PNG, c.id() + ".png",
                    Units.toEMU(CHART_WIDTH_PT), Units.toEMU(heightPt));
        } catch (InvalidFormatException | IOException e) {
            throw new IllegalStateException("A chart cannot be added to the document", e);
        }
        run.getCTR().getDrawingArray(0).getInlineArray(0).getDocPr().setDescr(c.altText());
    }

    /** Title, Subtitle, Heading 1 and Heading 2 as Word's built-in ids, with outline levels for the contents. */
    private static void styles(XWPFDocument doc) {
        XWPFStyles styles = doc.createStyles();
        style(styles, "Title", "Title", null, 48, "1F5F8B");
        style(styles, "Subtitle", "Subtitle", null, 30, "404040");
        style(styles, "Heading1", "heading 1", 0, 32, "1F5F8B");
        style(styles, "Heading2", "heading 2", 1, 24, "1A1A1A");
    }

    private static void style(XWPFStyles styles, String id, String name, Integer outlineLevel, int halfPoints,
                              String color) {
        CTStyle ct = CTStyle.Factory.newInstance();
        ct.setStyleId(id);
        CTString n = CTString.Factory.newInstance();
        n.setVal(name);
        ct.setName(n);
        ct.addNewQFormat();
        ct.setType(STStyleType.PARAGRAPH);
        CTPPrGeneral ppr = ct.addNewPPr();
        ppr.addNewKeepNext();
        ppr.addNewSpacing().setBefore(BigInteger.valueOf(outlineLevel == null ? 0 : 240));
        if (outlineLevel != null) {
            CTDecimalNumber level = CTDecimalNumber.Factory.newInstance();
            level.setVal(BigInteger.valueOf(outlineLevel));
            ppr.setOutlineLvl(level);
        }
        CTRPr rpr = ct.addNewRPr();
        rpr.addNewB();
        rpr.addNewSz().setVal(BigInteger.valueOf(halfPoints));
        rpr.addNewColor().setVal(color);
        XWPFStyle style = new XWPFStyle(ct);
        style.setType(STStyleType.PARAGRAPH);
        styles.addStyle(style);
    }
}
