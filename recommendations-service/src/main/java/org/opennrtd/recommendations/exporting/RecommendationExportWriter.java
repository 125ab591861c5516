package org.opennrtd.recommendations.exporting;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.DeferredSXSSFSheet;
import org.apache.poi.xssf.streaming.DeferredSXSSFWorkbook;
import org.opennrtd.recommendations.entity.RecommendationEntity;

/**
 * Writes recommendations to a stream as they come, as CSV (UTF-8 with a byte-order mark, so that spreadsheets read
 * the accents, RFC 4180 quoting) or XLSX (POI's deferred streaming workbook: the sheet's rows are generated while
 * the file is being written, 100 rows in memory, every cell a string, no temporary file). Every cell is neutralised
 * against formula injection. Rows are pulled from the iterator only as the previous ones have been written.
 */
public final class RecommendationExportWriter {

    private RecommendationExportWriter() {
    }

    public static void csv(List<ExportColumn> columns, Iterator<RecommendationEntity> rows, OutputStream out)
            throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
        for (ExportColumn c : columns) {
            printer.print(c.property());
        }
        printer.println();
        while (rows.hasNext()) {
            RecommendationEntity r = rows.next();
            for (ExportColumn c : columns) {
                printer.print(SpreadsheetCells.neutralise(c.text(r)));
            }
            printer.println();
        }
        printer.flush();
        writer.flush();
    }

    /**
     * @param expectedRows the rows counted beforehand, for the used range the sheet declares ahead of its rows (as a
     *                     workbook written at once declares the range it holds); a count that changed in between
     *                     makes the range approximate, never the rows
     */
    public static void xlsx(List<ExportColumn> columns, Iterator<RecommendationEntity> rows, long expectedRows,
            OutputStream out) throws IOException {
        DeferredSXSSFWorkbook workbook = new DeferredSXSSFWorkbook(100);
        try {
            DeferredSXSSFSheet sheet = workbook.createSheet("Recommendations");
            workbook.getXSSFWorkbook().getSheetAt(0).setDimensionOverride(
                    new CellRangeAddress(0, (int) expectedRows, 0, columns.size() - 1));
            sheet.setRowGenerator(s -> writeRows(s, columns, rows));
            workbook.write(out);
            out.flush();
        } finally {
            workbook.dispose();
            workbook.close();
        }
    }

    private static void writeRows(Sheet sheet, List<ExportColumn> columns, Iterator<RecommendationEntity> rows) {
        int next = 0;
        Row header = sheet.createRow(next++);
        for (int i = 0; i < columns.size(); i++) {
            header.createCell(i).setCellValue(columns.get(i).property());
        }
        while (rows.hasNext()) {
            RecommendationEntity r = rows.next();
            Row row = sheet.createRow(next++);
            for (int i = 0; i < columns.size(); i++) {
                String text = SpreadsheetCells.neutralise(columns.get(i).text(r));
                if (text.length() > SpreadsheetCells.MAX_XLSX_CHARS) {
                    text = text.substring(0, SpreadsheetCells.MAX_XLSX_CHARS);
                }
                row.createCell(i).setCellValue(text);
            }
        }
    }
}
