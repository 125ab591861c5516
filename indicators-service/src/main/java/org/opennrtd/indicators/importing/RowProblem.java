package org.opennrtd.indicators.importing;

/**
 * Something wrong with one row of an uploaded file; any problem rejects the whole file.
 *
 * @param row 1-based data row (the header is row 0); 0 for the file as a whole
 * @param column the column at fault, or null
 * @param message what is wrong, in words a person who edits the file can act on
 */
public record RowProblem(int row, String column, String message) {
}
