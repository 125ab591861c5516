package org.opennrtd.recommendations.importing;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Text an import writes once and reads back in order, kept gzip-compressed in a temporary file rather than in the
 * heap: a job's payload (its staged rows, in the format of {@link ImportPayload}) until it is stored, the rows of
 * States that already have recommendations, which are matched only after every row has arrived, and the audit
 * entries of created ones, copied after the rows. Memory stays flat however large the file; the
 * temporary file is removed on {@link #close}.
 */
public final class LineSpool implements AutoCloseable {

    /** Reads one line back. */
    interface LineConsumer {
        void accept(String line) throws IOException;
    }

    private final Path file;
    private Writer out;
    private int lines;

    public LineSpool() {
        try {
            file = Files.createTempFile("opennrtd-import", ".spool.gz");
            out = new BufferedWriter(new OutputStreamWriter(new ImportPayload.FastGzip(Files.newOutputStream(file)),
                    StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("A temporary file for the import cannot be written", e);
        }
    }

    /** Where to write while the spool is open; each line must end with a line break. */
    Writer writer() {
        return out;
    }

    /** Appends a line (which holds no line break of its own). */
    public void add(String line) {
        try {
            out.append(line).append('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lines++;
    }

    /** How many lines {@link #add} wrote. */
    public int lines() {
        return lines;
    }

    /** Ends writing (once); the compressed bytes, to store as they are. */
    public InputStream compressed() throws IOException {
        endWriting();
        return Files.newInputStream(file);
    }

    /** Ends writing (once); the size of the compressed bytes. */
    public long compressedSize() throws IOException {
        endWriting();
        return Files.size(file);
    }

    private void endWriting() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    /** Ends writing (once) and reads everything back from the start. */
    Reader reader() throws IOException {
        endWriting();
        return new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8);
    }

    /** Reads the lines back in order. */
    void forEach(LineConsumer consumer) throws IOException {
        try (BufferedReader in = new BufferedReader(reader(), 1 << 16)) {
            for (String line; (line = in.readLine()) != null; ) {
                consumer.accept(line);
            }
        }
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException e) {
            // the file is removed below
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file; the OS cleans up what is left
        }
    }
}
