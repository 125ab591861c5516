package org.opennrtd.recommendations.importing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts what a decompressing stream yields and refuses a gzip bomb: more than {@code maxBytes} in all, or, past the
 * first 16 MiB, more than {@link #MAX_RATIO} times the compressed size. Real exports compress about ten to one.
 */
final class InflationGuard extends FilterInputStream {

    /** How many times its compressed size a file may inflate to. */
    static final long MAX_RATIO = 200;
    private static final long RATIO_FROM = 16L * 1024 * 1024;

    private final long compressedBytes;
    private final long maxBytes;
    private long count;

    InflationGuard(InputStream in, long compressedBytes, long maxBytes) {
        super(in);
        this.compressedBytes = Math.max(1, compressedBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    private void counted(long n) {
        count += n;
        if (count > maxBytes) {
            throw InvalidFileException.malformed("The gzip file decompresses to more than " + maxBytes
                    + " bytes, the most the import takes.");
        }
        if (count > RATIO_FROM && count / compressedBytes > MAX_RATIO) {
            throw InvalidFileException.malformed("The gzip file decompresses to more than " + MAX_RATIO
                    + " times its size; it is refused as a compression bomb.");
        }
    }
}
