package org.opennrtd.recommendations.importing;

import org.apache.poi.openxml4j.util.ZipSecureFile;

/**
 * Bounds on what one uploaded file may make the service do, so that a hostile file is refused instead of
 * exhausting memory or time.
 *
 * @param maxRows records per file
 * @param maxCellChars characters in one cell or field
 * @param maxDecompressedBytes bytes a gzip-compressed file may decompress to
 */
public record ImportLimits(int maxRows, int maxCellChars, long maxDecompressedBytes) {

    /** The most a gzip file may decompress to unless configured: the whole UHRI export (about 360 MB) fits twice. */
    public static final long DEFAULT_MAX_DECOMPRESSED_BYTES = 1L << 30;

    public static final ImportLimits DEFAULT = new ImportLimits(500_000, 50_000, DEFAULT_MAX_DECOMPRESSED_BYTES);

    static {
        // Office files are zips: refuse entries that inflate more than 100 times (zip bombs) or beyond 2 GiB.
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(2L * 1024 * 1024 * 1024 - 1);
        ZipSecureFile.setMaxTextSize(ZipSecureFile.getMaxTextSize());
    }

    /** Loads this class so that the zip limits above are in force before POI opens any file. */
    public static void applyZipLimits() {
        // the static initialiser did the work
    }
}
