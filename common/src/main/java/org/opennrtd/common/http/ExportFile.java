package org.opennrtd.common.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An export file's bytes, written by {@link ExportFileWriter} straight to the response as they are produced,
 * whatever their media type (CSV, XLSX, SDMX-CSV or JSON).
 */
@FunctionalInterface
public interface ExportFile {

    /** Writes the whole file to {@code out}; nothing is written when it fails before its first byte. */
    void writeTo(OutputStream out) throws IOException;
}
