package org.opennrtd.recommendations.exporting;

/**
 * Neutralises cell text that a spreadsheet would run as a formula (OWASP "CSV injection"): text starting with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading apostrophe, which
 * spreadsheets show as text and do not evaluate.
 */
public final class SpreadsheetCells {

    /** The longest text an Excel cell holds. */
    public static final int MAX_XLSX_CHARS = 32_767;

    private SpreadsheetCells() {
    }

    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        char first = text.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + text;
        }
        return text;
    }
}
