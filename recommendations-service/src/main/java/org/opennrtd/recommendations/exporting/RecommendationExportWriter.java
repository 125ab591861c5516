package org.opennrtd.recommendations.exporting;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.opennrtd.recommendations.entity.RecommendationEntity;

/**
 * Writes recommendations row by row as CSV (UTF-8 with a byte-order mark, so that spreadsheets read the accents,
 * RFC 4180 quoting) or XLSX (POI's streaming workbook, 100 rows in memory, every cell a string). Every cell is
 * neutralised against formula injection.
 */
public abstract class RecommendationExportWriter implements Closeable {

    protected final List<ExportColumn> columns;

    protected RecommendationExportWriter(List<ExportColumn> columns) {
        this.columns = columns;
    }

    public static RecommendationExportWriter csv(List<ExportColumn> columns, OutputStream out) throws IOException {
        return new Csv(columns, out);
    }

    public static RecommendationExportWriter xlsx(List<ExportColumn> columns, OutputStream out) {
        return new Xlsx(columns, out);
    }

    public abstract void write(RecommendationEntity recommendation) throws IOException;

    private static final class Csv extends RecommendationExportWriter {
        private final Writer writer;
        private final CSVPrinter printer;

        Csv(List<ExportColumn> columns, OutputStream out) throws IOException {
            super(columns);
            writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write('\uFEFF');
            printer = new CSVPrinter(writer, CSVFormat.RFC4180);
            for (ExportColumn c : columns) {
                printer.print(c.property());
            }
            printer.println();
        }

        @Override
        public void write(RecommendationEntity r) throws IOException {
            for (ExportColumn c : columns) {
                printer.print(SpreadsheetCells.neutralise(c.text(r)));
            }
            printer.println();
        }

        @Override
        public void close() throws IOException {
            printer.flush();
            writer.flush();
        }
    }

    private static final class Xlsx extends RecommendationExportWriter {
        private final SXSSFWorkbook workbook = new SXSSFWorkbook(100);
        private final Sheet sheet;
        private final OutputStream out;
        private int next;

        Xlsx(List<ExportColumn> columns, OutputStream out) {
            super(columns);
            this.out = out;
            sheet = workbook.createSheet("Recommendations");
            Row header = sheet.createRow(next++);
            for (int i = 0; i < columns.size(); i++) {
                header.createCell(i).setCellValue(columns.get(i).property());
            }
        }

        @Override
        public void write(RecommendationEntity r) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < columns.size(); i++) {
                String text = SpreadsheetCells.neutralise(columns.get(i).text(r));
                if (text.length() > SpreadsheetCells.MAX_XLSX_CHARS) {
                    text = text.substring(0, SpreadsheetCells.MAX_XLSX_CHARS);
                }
                row.createCell(i).setCellValue(text);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                workbook.write(out);
                out.flush();
            } finally {
                workbook.dispose();
                workbook.close();
            }
        }
    }
}
