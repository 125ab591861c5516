package org.opennrtd.recommendations.exporting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.entity.RecommendationEntity;

/**
 * The writers stream: a row is pulled only once the rows before it have reached the output (deflated, for XLSX),
 * so nothing waits for the last row and no file is built aside. What comes out reads back complete.
 */
class RecommendationExportWriterTest {

    static final int ROWS = 3_000;
    static final List<ExportColumn> COLUMNS = List.of(ExportColumn.PARAGRAPH, ExportColumn.TEXT, ExportColumn.THEMES);

    /** Rows made on demand, noting how many bytes the output held when the middle and the last row were asked for. */
    static final class Source implements Iterator<RecommendationEntity> {
        final ByteArrayOutputStream out;
        int next;
        long outAtMiddle = -1;
        long outAtLast = -1;

        Source(ByteArrayOutputStream out) {
            this.out = out;
        }

        @Override
        public boolean hasNext() {
            return next < ROWS;
        }

        @Override
        public RecommendationEntity next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (next == ROWS / 2) {
                outAtMiddle = out.size();
            }
            if (next == ROWS - 1) {
                outAtLast = out.size();
            }
            RecommendationEntity r = new RecommendationEntity();
            r.id = UUID.nameUUIDFromBytes(("row " + next).getBytes(StandardCharsets.UTF_8));
            r.paragraph = "1." + next;
            r.text = (next % 5 == 0 ? "=" : "") + "Recommendation " + next + ": ensure \"quotes\", commas and åäö survive, "
                    + "x".repeat(next % 300);
            r.themes = List.of("Education", "Theme " + (next % 17));
            next++;
            return r;
        }
    }

    @Test
    void csvRowsReachTheOutputBeforeLaterRowsAreRead() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Source rows = new Source(out);
        RecommendationExportWriter.csv(COLUMNS, rows, out);

        assertTrue(rows.outAtMiddle > 100_000, "bytes out when the middle row was read: " + rows.outAtMiddle);
        assertTrue(rows.outAtLast > rows.outAtMiddle, "bytes out when the last row was read: " + rows.outAtLast);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals('\uFEFF', text.charAt(0));
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new StringReader(text.substring(1))).getRecords();
        assertEquals(ROWS + 1, records.size());
        assertEquals(List.of("paragraph", "text", "themes"), records.get(0).toList());
        Source expected = new Source(new ByteArrayOutputStream());
        for (int i = 1; i <= ROWS; i++) {
            RecommendationEntity r = expected.next();
            assertEquals(List.of(r.paragraph, SpreadsheetCells.neutralise(r.text), "Education; Theme " + ((i - 1) % 17)),
                    records.get(i).toList());
        }
    }

    @Test
    void xlsxRowsReachTheOutputBeforeLaterRowsAreRead() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Source rows = new Source(out);
        RecommendationExportWriter.xlsx(COLUMNS, rows, ROWS, out);

        // A workbook built whole and written at the end would have written nothing yet.
        assertTrue(rows.outAtMiddle > 10_000, "bytes out when the middle row was read: " + rows.outAtMiddle);
        assertTrue(rows.outAtLast > rows.outAtMiddle, "bytes out when the last row was read: " + rows.outAtLast);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Sheet sheet = workbook.getSheetAt(0);
            assertEquals("Recommendations", sheet.getSheetName());
            assertEquals(ROWS, sheet.getLastRowNum());
            assertEquals("A1:C" + (ROWS + 1), ((XSSFSheet) sheet).getCTWorksheet().getDimension().getRef(),
                    "the used range, declared ahead of the rows");
            Source expected = new Source(new ByteArrayOutputStream());
            for (int i = 1; i <= ROWS; i++) {
                RecommendationEntity r = expected.next();
                assertEquals(r.paragraph, sheet.getRow(i).getCell(0).getStringCellValue());
                assertEquals(SpreadsheetCells.neutralise(r.text), sheet.getRow(i).getCell(1).getStringCellValue());
            }
        }
    }
}
