package org.opennrtd.recommendations;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/** Builders of import files for tests: UHRI exports in each format, UPR matrices, and hostile files. */
public final class ImportFiles {

    static final String MATRIX = "/fixtures/upr/upr34-slovenia-thematic-list-of-recommendations.docx";

    private ImportFiles() {
    }

    static byte[] resource(String path) {
        try (InputStream in = ImportFiles.class.getResourceAsStream(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A UHRI export row: the values of {@link #UHRI_HEADER} in that order. */
    static final List<String> UHRI_HEADER = List.of("Text", "Countries Concerned", "Reccomending Body", "Document Symbol",
            "Themes", "Affected Persons", "Sdgs", "Document Publication Date", "UPR Reccomending States", "UPR Position",
            "Type", "OHCHR Annotation Id", "UPR Session", "Regions Concerned");

    /** The column names of a fourth-cycle UPR matrix. */
    static final String[] MATRIX_CYCLE4_HEADER = {"Recommendation and recommending State",
        "Position of the State under review", "Human rights themes and groups of persons", "Relevant SDGs"};

    /** A UPR matrix (.docx) of one table: the header, then one row per recommendation; a line break starts a paragraph. */
    static byte[] matrix(String[] header, String[]... rows) {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFTable table = doc.createTable(1, header.length);
            fill(table.getRow(0), header);
            for (String[] cells : rows) {
                fill(table.createRow(), cells);
            }
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fills a Word table row's cells, each line of a value a paragraph of its own. */
    public static void fill(XWPFTableRow row, String[] cells) {
        for (int i = 0; i < cells.length; i++) {
            XWPFTableCell cell = row.getCell(i);
            String[] lines = cells[i].split("\n", -1);
            cell.getParagraphs().get(0).createRun().setText(lines[0]);
            for (int l = 1; l < lines.length; l++) {
                cell.addParagraph().createRun().setText(lines[l]);
            }
        }
    }

    static String csv(char delimiter, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    sb.append(delimiter);
                }
                sb.append('"').append(row.get(i).replace("\"", "\"\"")).append('"');
            }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    static byte[] xlsx(List<List<Object>> rows) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = wb.createSheet("Export");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Object v = rows.get(r).get(c);
                    if (v instanceof Number n) {
                        row.createCell(c).setCellValue(n.doubleValue());
                    } else if (v instanceof String s && s.startsWith("=")) {
                        row.createCell(c).setCellFormula(s.substring(1));
                    } else {
                        row.createCell(c).setCellValue(String.valueOf(v));
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A real workbook whose sheet XML declares entities that expand a billion-laughs style. */
    static byte[] xlsxWithEntityExpansion() {
        StringBuilder entities = new StringBuilder("<!DOCTYPE worksheet [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            entities.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        entities.append("]>");
        return xlsxBomb(0, entities.toString());
    }

    /** A real workbook whose sheet XML is padded with {@code padding} blanks: it inflates far beyond its size. */
    static byte[] xlsxBomb(int padding) {
        return xlsxBomb(padding, "");
    }

    private static byte[] xlsxBomb(int padding, String doctype) {
        byte[] workbook = xlsx(List.of(List.of("Text", "OHCHR Annotation Id"), List.of("x", "5c1c1c1c-0000-4000-8000-000000000009")));
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(workbook));
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().startsWith("xl/worksheets/")) {
                    String xml = new String(content, StandardCharsets.UTF_8);
                    if (!doctype.isEmpty()) {
                        int root = xml.indexOf("<worksheet");
                        xml = xml.substring(0, root) + doctype + xml.substring(root).replace("<sheetData>", "<sheetData>&l9;");
                    }
                    int end = xml.lastIndexOf("</worksheet>");
                    zip.write(xml.substring(0, end).getBytes(StandardCharsets.UTF_8));
                    byte[] blanks = " ".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
                    for (int written = 0; written < padding; written += blanks.length) {
                        zip.write(blanks);
                    }
                    zip.write(xml.substring(end).getBytes(StandardCharsets.UTF_8));
                } else {
                    zip.write(content);
                }
                zip.closeEntry();
            }
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zip with the given entries, each holding {@code size} copies of one character. */
    static byte[] zip(String[] names, int size) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            byte[] chunk = "a".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
            for (String name : names) {
                zip.putNextEntry(new ZipEntry(name));
                for (int written = 0; written < size; written += chunk.length) {
                    zip.write(chunk);
                }
                zip.closeEntry();
            }
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
