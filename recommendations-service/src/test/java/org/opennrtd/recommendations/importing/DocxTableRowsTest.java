package org.opennrtd.recommendations.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.util.XMLHelper;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.importing.DocxTableRows.Cell;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

class DocxTableRowsTest {

    private static final String W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    private record Row(int number, List<Cell> cells) {
    }

    @Test
    void cellsSitOnTheGridAndAMergedEmptyCellTakesTheTextAbove() throws Exception {
        List<Row> rows = rows(100, 1_000, tbl(
                tr(tc("", p("Recommendation")), tc("<w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>", p("Position"))),
                tr(tc("<w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>", p("121.1 Ratify"), p("Source of Position: x")),
                        tc("", p("Supported")), tc("", p("&amp;amp; more"))),
                tr("<w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>", tc("", p("Noted"))),
                tr(tc("<w:tcPr><w:vMerge/></w:tcPr>", p("")), tc("", p("Noted")))));

        assertEquals(List.of(1, 2, 3, 4), rows.stream().map(Row::number).toList());
        assertEquals(List.of(new Cell(0, 1, "Recommendation"), new Cell(1, 2, "Position")), rows.get(0).cells());
        assertEquals("121.1 Ratify\nSource of Position: x", rows.get(1).cells().get(0).text());
        assertEquals("& more", rows.get(1).cells().get(2).text(), "an entity escaped twice is decoded");
        assertEquals(List.of(new Cell(1, 1, "Noted")), rows.get(2).cells(), "gridBefore shifts the first cell");
        // Row 4's first cell continues a merge: the row above has no cell at grid column 0, so it stays empty.
        assertEquals("", rows.get(3).cells().get(0).text());
        assertTrue(rows.get(0).cells().get(1).covers(2));
        assertFalse(rows.get(0).cells().get(1).covers(3));
    }

    @Test
    void aMergedCellCopiesTheCellAboveAtTheSameGridColumn() throws Exception {
        List<Row> rows = rows(100, 1_000, tbl(
                tr(tc("", p("122.1 Ratify (France)")), tc("", p("Supported"))),
                tr(tc("<w:tcPr><w:vMerge/></w:tcPr>", p("")), tc("", p("Noted")))));
        assertEquals(List.of(new Cell(0, 1, "122.1 Ratify (France)"), new Cell(1, 1, "Noted")), rows.get(1).cells());
    }

    @Test
    void deletedTextIsSkippedAndANestedTableIsTextOfItsCell() throws Exception {
        String deleted = "<w:p><w:r><w:t>kept</w:t></w:r><w:del><w:r><w:delText>gone</w:delText><w:t>gone</w:t></w:r>"
                + "</w:del><w:r><w:tab/><w:t>after</w:t></w:r></w:p>";
        List<Row> rows = rows(100, 1_000, tbl(tr(tc("", deleted + tbl(tr(tc("", p("inner"))))))));
        assertEquals(1, rows.size(), "rows of a nested table are no rows of their own");
        assertEquals("kept\tafter\ninner", rows.get(0).cells().get(0).text());
    }

    @Test
    void tooManyRowsOrCharactersFailWithTheReason() {
        String twoRows = tbl(tr(tc("", p("a"))), tr(tc("", p("b"))));
        SAXException rows = assertThrows(SAXException.class, () -> rows(1, 1_000, twoRows));
        assertEquals("The document has more than 1 table rows.", rows.getException().getMessage());
        SAXException chars = assertThrows(SAXException.class, () -> rows(10, 3, tbl(tr(tc("", p("abcd"))))));
        assertSame(InvalidFileException.class, chars.getException().getClass());
        assertEquals("A cell in table row 1 holds more than 3 characters.", chars.getException().getMessage());
    }

    private static List<Row> rows(int maxRows, int maxCellChars, String body) throws Exception {
        List<Row> rows = new ArrayList<>();
        XMLReader xml = XMLHelper.newXMLReader();
        xml.setContentHandler(new DocxTableRows(maxRows, maxCellChars, (n, cells) -> rows.add(new Row(n, cells))));
        xml.parse(new InputSource(new StringReader(
                "<w:document xmlns:w=\"" + W + "\"><w:body>" + body + "</w:body></w:document>")));
        return rows;
    }

    private static String tbl(String... rows) {
        return "<w:tbl>" + String.join("", rows) + "</w:tbl>";
    }

    private static String tr(String... cells) {
        return "<w:tr>" + String.join("", cells) + "</w:tr>";
    }

    private static String tc(String properties, String... paragraphs) {
        return "<w:tc>" + properties + String.join("", paragraphs) + "</w:tc>";
    }

    private static String p(String text) {
        return "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p>";
    }
}
