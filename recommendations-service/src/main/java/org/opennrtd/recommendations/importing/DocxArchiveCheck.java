package org.opennrtd.recommendations.importing;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The zip container of an uploaded Word document, checked before POI sees it: complete (it has its
 * end-of-central-directory record), at most {@link #MAX_ZIP_ENTRIES} entries, holding {@code [Content_Types].xml},
 * and no entry inflating beyond the total limit or, past the first {@link #GRACE_BYTES}, more than 100 times its
 * compressed size.
 */
final class DocxArchiveCheck {

    /** An entry may inflate to at most 100 times its compressed size (beyond the first {@link #GRACE_BYTES}). */
    static final double MIN_INFLATE_RATIO = 0.01;
    static final long GRACE_BYTES = 100 * 1024;
    static final int MAX_ZIP_ENTRIES = 1_000;

    private DocxArchiveCheck() {
    }

    /** @throws InvalidFileException (422) when the archive is incomplete, hostile or not an Office package */
    static void check(byte[] content, long maxUncompressedBytes) {
        if (!hasEndOfCentralDirectory(content)) {
            throw InvalidFileException.malformed("The file is a damaged or truncated zip archive, not a complete .docx.");
        }
        int entries = 0;
        long total = 0;
        boolean contentTypes = false;
        CountingInputStream counting = new CountingInputStream(new ByteArrayInputStream(content));
        byte[] buffer = new byte[16 * 1024];
        try (ZipInputStream zip = new ZipInputStream(counting)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    throw InvalidFileException.malformed("The file holds more than " + MAX_ZIP_ENTRIES
                            + " zip entries; a Word document has a few dozen.");
                }
                contentTypes |= "[Content_Types].xml".equals(entry.getName());
                long start = counting.count();
                long size = 0;
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    size += n;
                    total += n;
                    if (total > maxUncompressedBytes) {
                        throw InvalidFileException.malformed("The file inflates to more than "
                                + maxUncompressedBytes / (1024 * 1024) + " MB.");
                    }
                    if (size > GRACE_BYTES && (double) (counting.count() - start) / size < MIN_INFLATE_RATIO) {
                        throw InvalidFileException.malformed("The file looks like a zip bomb: an entry inflates more than "
                                + Math.round(1 / MIN_INFLATE_RATIO) + " times.");
                    }
                }
            }
        } catch (InvalidFileException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw InvalidFileException.malformed("The file is a damaged or truncated zip archive, not a readable .docx.");
        }
        if (!contentTypes) {
            throw InvalidFileException.malformed("The file is a zip archive but not a Word (.docx) document.");
        }
    }

    private static boolean hasEndOfCentralDirectory(byte[] content) {
        int last = content.length - 22;
        int first = Math.max(0, last - 0xFFFF);
        for (int i = last; i >= first; i--) {
            if (content[i] == 'P' && content[i + 1] == 'K' && content[i + 2] == 5 && content[i + 3] == 6) {
                return true;
            }
        }
        return false;
    }

    /** Counts the compressed bytes the zip stream has consumed, so each entry's ratio can be measured. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
