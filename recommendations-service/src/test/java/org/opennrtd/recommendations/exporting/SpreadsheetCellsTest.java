package org.opennrtd.recommendations.exporting;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpreadsheetCellsTest {

    @Test
    void cellsThatASpreadsheetWouldEvaluateGetAnApostrophe() {
        assertEquals("'=1+1", SpreadsheetCells.neutralise("=1+1"));
        assertEquals("'+1", SpreadsheetCells.neutralise("+1"));
        assertEquals("'-1", SpreadsheetCells.neutralise("-1"));
        assertEquals("'@SUM(A1)", SpreadsheetCells.neutralise("@SUM(A1)"));
        assertEquals("'\t=1", SpreadsheetCells.neutralise("\t=1"));
        assertEquals("'\r=1", SpreadsheetCells.neutralise("\r=1"));
    }

    @Test
    void otherCellsAreUnchanged() {
        assertEquals("Ratify = now", SpreadsheetCells.neutralise("Ratify = now"));
        assertEquals("", SpreadsheetCells.neutralise(""));
        assertEquals(null, SpreadsheetCells.neutralise(null));
    }
}
