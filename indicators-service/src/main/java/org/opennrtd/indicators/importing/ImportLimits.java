package org.opennrtd.indicators.importing;

/**
 * Bounds on what one uploaded file may make the service do.
 *
 * @param maxRows observations per file
 * @param maxCellChars characters in one field
 */
public record ImportLimits(int maxRows, int maxCellChars) {
}
