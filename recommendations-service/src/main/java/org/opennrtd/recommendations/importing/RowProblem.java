package org.opennrtd.recommendations.importing;

/**
 * Something wrong with one row of an uploaded file.
 *
 * @param row 1-based row (or record index) in the source; 0 for the file as a whole
 * @param column the column or field at fault, or null
 * @param message what is wrong, in words a person who edits the file can act on
 * @param fatal a fatal problem rejects the whole import (nothing is stored); a non-fatal one only rejects the row
 */
public record RowProblem(int row, String column, String message, boolean fatal) {

    public static RowProblem fatal(int row, String column, String message) {
        return new RowProblem(row, column, message, true);
    }

    public static RowProblem rejected(int row, String column, String message) {
        return new RowProblem(row, column, message, false);
    }

    /** A value the import could not map; the row is imported without it (or with the stated default). */
    public static RowProblem warning(int row, String column, String message) {
        return new RowProblem(row, column, message, false);
    }
}
