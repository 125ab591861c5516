package org.opennrtd.recommendations.rest;

import java.nio.file.Path;

/**
 * An export written to a temporary file, sent as it is by {@link ExportFileWriter} whatever its media type (CSV or
 * XLSX); the resource deletes the file when the response ends.
 */
public record ExportFile(Path path) {
}
