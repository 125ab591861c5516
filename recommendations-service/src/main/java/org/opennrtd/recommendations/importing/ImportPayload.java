package org.opennrtd.recommendations.importing;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What an import job keeps of its rows until a worker applies them: each staged row as a line of PostgreSQL COPY's
 * text format (tabs, line breaks and backslashes inside values escaped; arrays as quoted array literals),
 * gzip-compressed at the fastest level. Far cheaper to write and to read than JSON, and COPY reads the lines as
 * they are. Written a row at a time to a {@link LineSpool} and read back a batch at a time ({@link #feed}).
 */
public final class ImportPayload {

    /** Field positions in an encoded row. */
    static final int F_ROW = 0;
    static final int F_COUNTRY = 1;
    static final int F_TEXT = 2;
    static final int F_SYMBOL = 5;
    static final int F_PARAGRAPH = 6;
    static final int F_ANNOTATION = 7;
    static final int F_POSITION = 11;

    private ImportPayload() {
    }

    /** Rows at hand as one payload. */
    public static byte[] encode(List<StagedRecommendation> rows) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        StringBuilder buffer = new StringBuilder(4096);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(new FastGzip(bytes), StandardCharsets.UTF_8), 1 << 16)) {
            for (StagedRecommendation r : rows) {
                out.append(line(buffer, r)).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A staged row as a line of COPY's text format (without its line end), built in {@code buffer}. */
    public static String line(StringBuilder buffer, StagedRecommendation r) {
        buffer.setLength(0);
        row(buffer, r);
        buffer.setLength(buffer.length() - 1);
        return buffer.toString();
    }

    /** The rows of a stored payload, decoded a batch at a time as the applier asks for them. */
    public static RowFeed feed(byte[] encodedRows) {
        BufferedReader in;
        try {
            in = new BufferedReader(new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(encodedRows),
                    1 << 16), StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("The import job's rows cannot be read", e);
        }
        return () -> {
            List<String> batch = new ArrayList<>(1024);
            try {
                for (String line; batch.size() < 1024 && (line = in.readLine()) != null; ) {
                    batch.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("The import job's rows cannot be read", e);
            }
            return batch.isEmpty() ? null : batch;
        };
    }

    /** gzip at the fastest level: the payload is written while the file is read. */
    static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    private static void row(StringBuilder line, StagedRecommendation r) {
        line.append(r.row()).append('\t');
        field(line, r.country());
        field(line, r.text());
        field(line, r.mechanism());
        field(line, r.body());
        field(line, r.documentSymbol());
        field(line, r.paragraph());
        field(line, r.uhriAnnotationId() == null ? null : r.uhriAnnotationId().toString());
        field(line, r.uprCycle() == null ? null : r.uprCycle().toString());
        field(line, r.uprSession() == null ? null : r.uprSession().toString());
        array(line, r.recommendingStates());
        field(line, r.position());
        array(line, r.themes());
        array(line, r.affectedPersons());
        array(line, r.sdgTargets());
        array(line, r.sdgGoals().stream().map(String::valueOf).toList());
        array(line, r.regions());
        field(line, r.annotationType());
        field(line, r.publicationDate() == null ? null : r.publicationDate().toString());
        array(line, r.recommendingRegions());
        field(line, r.uhriDocumentId() == null ? null : r.uhriDocumentId().toString());
        line.append(r.uhriPublicationDate() == null ? "\\N" : r.uhriPublicationDate().toString()).append('\n');
    }

    /** A field of COPY's text format followed by a tab: null is \N; backslash, tab, CR and LF are escaped. */
    private static void field(StringBuilder line, String value) {
        if (value == null) {
            line.append("\\N");
        } else {
            escaped(line, value, false);
        }
        line.append('\t');
    }

    /**
     * Appends {@code value} with COPY's escapes (backslash, tab, CR, LF), and inside an array element also the
     * element's own ({@code "} and backslash). Most values need none and are appended whole.
     */
    private static void escaped(StringBuilder line, String value, boolean element) {
        int n = value.length();
        int i = 0;
        while (i < n && !special(value.charAt(i), element)) {
            i++;
        }
        line.append(value, 0, i);
        for (; i < n; i++) {
            char ch = value.charAt(i);
            switch (ch) {
                // In an array element a backslash is first escaped for the array (\\), then each for COPY.
                case '\\' -> line.append(element ? "\\\\\\\\" : "\\\\");
                case '"' -> line.append(element ? "\\\\\"" : "\"");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(ch);
            }
        }
    }

    private static boolean special(char ch, boolean element) {
        return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r' || (element && ch == '"');
    }

    /** A PostgreSQL array literal with every element quoted, followed by a tab, as a field of COPY's text format. */
    private static void array(StringBuilder line, List<String> values) {
        line.append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append('"');
            escaped(line, values.get(i), true);
            line.append('"');
        }
        line.append("}\t");
    }
}
