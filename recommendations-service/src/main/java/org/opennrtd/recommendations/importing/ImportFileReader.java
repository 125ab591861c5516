package org.opennrtd.recommendations.importing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipFile;
import org.opennrtd.common.text.ControlCharacters;

/**
 * Recognises an uploaded file by its content and reads it with the matching reader. A declared media type that
 * contradicts the content, or content of no accepted format, is refused (415); a damaged or hostile file of an
 * accepted format is malformed (422).
 */
public final class ImportFileReader {

    private static final Set<String> GENERIC_TYPES = Set.of("", "application/octet-stream", "binary/octet-stream",
            "application/x-www-form-urlencoded");
    private static final Map<ImportFormat, Set<String>> DECLARED = Map.of(
            ImportFormat.UHRI_XLSX, Set.of("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"),
            ImportFormat.UPR_MATRIX_DOCX, Set.of("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "application/zip"),
            ImportFormat.UHRI_JSON, Set.of("application/json", "text/json", "text/plain", "application/gzip",
                    "application/x-gzip"),
            ImportFormat.UHRI_CSV, Set.of("text/csv", "application/csv", "text/plain", "application/vnd.ms-excel",
                    "text/comma-separated-values"),
            ImportFormat.OPENNRTD_CSV, Set.of("text/csv", "application/csv", "text/plain", "application/vnd.ms-excel",
                    "text/comma-separated-values"));

    private final ImportLimits limits;
    /** The file as text, decoded once for detection and reading. */
    private String text;

    public ImportFileReader(ImportLimits limits) {
        this.limits = limits;
    }

    /** The file's format, recognised by content and checked against the media type the caller declared. */
    public ImportFormat detect(Path file, String declaredType) {
        ImportFormat format = detect(file);
        checkDeclaredType(format, declaredType);
        return format;
    }

    /**
     * Reads a file of a {@link #detect detected} format, handing each record to {@code onRecord} as soon as it is
     * read (spreadsheets, CSV and JSON record by record; Word documents once read whole). The result holds the
     * problems and the number of rows read, not the records. A file whose header lacks a key column hands on no
     * record: its rows are meaningless.
     */
    public ParsedFile read(Path file, ImportFormat format, Consumer<ImportRecord> onRecord) {
        return switch (format) {
            case UHRI_XLSX -> tabular(format, rows -> XlsxRows.read(file, limits, rows), onRecord);
            case UPR_MATRIX_DOCX -> handOn(new UprMatrixDocxReader(limits.maxRows(), limits.maxCellChars(),
                    UprMatrixDocxReader.DEFAULT_MAX_FILE_BYTES, UprMatrixDocxReader.DEFAULT_MAX_UNCOMPRESSED_BYTES)
                    .read(file), onRecord);
            case UHRI_JSON -> {
                try (InputStream in = open(file)) {
                    yield UhriJsonRows.read(in, limits, onRecord);
                } catch (IOException e) {
                    throw InvalidFileException.malformed("The upload cannot be read.");
                }
            }
            case UHRI_CSV, OPENNRTD_CSV -> {
                String content = text(file);
                yield tabular(format, rows -> DelimitedRows.read(content, limits, rows), onRecord);
            }
        };
    }

    private static ParsedFile handOn(ParsedFile whole, Consumer<ImportRecord> onRecord) {
        whole.records().forEach(onRecord);
        return new ParsedFile(whole.format(), List.of(), whole.problems(), whole.rowsRead());
    }

    /** What the content is, whatever the file is called. */
    private ImportFormat detect(Path file) {
        byte[] head = head(file, false);
        int n = head.length;
        if (n == 0) {
            throw InvalidFileException.malformed("The file is empty.");
        }
        if (isGzip(head)) {
            byte[] inner = head(file, true);
            if (firstNonBlank(inner) == '[' || firstNonBlank(inner) == '{') {
                return ImportFormat.UHRI_JSON;
            }
            throw InvalidFileException.unsupported("A gzip-compressed file is accepted for the UHRI JSON export only;"
                    + " this one holds something else.");
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return zipKind(file);
        }
        if (n >= 4 && (head[0] & 0xff) == 0xD0 && (head[1] & 0xff) == 0xCF && (head[2] & 0xff) == 0x11) {
            throw InvalidFileException.unsupported("Legacy .xls and .doc files are not accepted; save the file as"
                    + " .xlsx or .docx.");
        }
        if (n >= 4 && head[0] == '%' && head[1] == 'P' && head[2] == 'D' && head[3] == 'F') {
            throw InvalidFileException.unsupported("PDF files are not accepted; use the UHRI Excel, CSV or JSON export"
                    + " or the Word thematic list.");
        }
        if (binary(head)) {
            throw InvalidFileException.unsupported("The file is binary and of no format the import accepts.");
        }
        int first = firstNonBlank(head);
        if (first == '[' || first == '{') {
            // JSON is read as a stream, never decoded whole.
            return ImportFormat.UHRI_JSON;
        }
        String text = text(file).stripLeading();
        List<String> header = DelimitedRows.header(text);
        if (TemplateCsv.isTemplateHeader(header)) {
            return ImportFormat.OPENNRTD_CSV;
        }
        if (UhriTabularMapper.isUhriHeader(header)) {
            return ImportFormat.UHRI_CSV;
        }
        if (header.size() < 2) {
            throw InvalidFileException.unsupported("The file is neither a spreadsheet, a Word document, JSON, nor CSV with"
                    + " a header row.");
        }
        throw new InvalidFileException(422, "The CSV header has none of the key columns of a UHRI export (Text, OHCHR"
                + " Annotation Id) or of the OpenNRTD template (documentSymbol, paragraph, text).",
                List.of(RowProblem.fatal(1, null, "Missing key columns; the header is " + String.join(", ", header) + ".")));
    }

    private static final int HEAD_BYTES = 4096;

    /** The first bytes of the file, or of its decompressed content. */
    private byte[] head(Path file, boolean decompressed) {
        try (InputStream in = decompressed ? open(file) : Files.newInputStream(file)) {
            return in.readNBytes(HEAD_BYTES);
        } catch (IOException e) {
            throw InvalidFileException.malformed(decompressed ? "The file's gzip compression is damaged."
                    : "The upload cannot be read.");
        }
    }

    /**
     * Whether the first bytes are binary rather than text: a NUL in the first line (binary files and UTF-16 text
     * have them at once) or in more than one byte of 32. A stray NUL in a cell of a text file is not binary: it is
     * a control character, which the cell's row problem names.
     */
    static boolean binary(byte[] head) {
        int nul = 0;
        boolean firstLine = true;
        for (byte b : head) {
            if (b == '\n') {
                firstLine = false;
            } else if (b == 0) {
                if (firstLine) {
                    return true;
                }
                nul++;
            }
        }
        return nul * 32L > head.length;
    }

    private static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    /** The first byte that is not blank, after a UTF-8 byte-order mark; -1 if none. */
    private static int firstNonBlank(byte[] head) {
        int i = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
        for (; i < head.length; i++) {
            int b = head[i] & 0xff;
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b;
            }
        }
        return -1;
    }

    /**
     * The file's content as a stream: decompressed if it is gzip, within the limits on the decompressed size and on
     * its ratio to the compressed size (a gzip bomb is refused long before it fills memory or disk).
     */
    private InputStream open(Path file) throws IOException {
        InputStream raw = new java.io.BufferedInputStream(Files.newInputStream(file), 65536);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 != 0x1f || b1 != 0x8b) {
            return raw;
        }
        return new InflationGuard(new java.util.zip.GZIPInputStream(raw, 65536), Files.size(file),
                limits.maxDecompressedBytes());
    }

    private static ImportFormat zipKind(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("xl/workbook.xml") != null) {
                return ImportFormat.UHRI_XLSX;
            }
            if (zip.getEntry("word/document.xml") != null) {
                return ImportFormat.UPR_MATRIX_DOCX;
            }
        } catch (IOException e) {
            throw InvalidFileException.malformed("The file looks like a zip (as .xlsx and .docx are) but is damaged or truncated.");
        }
        throw InvalidFileException.unsupported("The zip archive is neither an Excel workbook nor a Word document.");
    }

    private static void checkDeclaredType(ImportFormat format, String declaredType) {
        String declared = declaredType == null ? "" : declaredType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!GENERIC_TYPES.contains(declared) && !DECLARED.get(format).contains(declared)) {
            throw InvalidFileException.unsupported("The file was sent as " + declared + " but its content is "
                    + describe(format) + ".");
        }
    }

    private static String describe(ImportFormat format) {
        return switch (format) {
            case UHRI_XLSX -> "an Excel workbook";
            case UPR_MATRIX_DOCX -> "a Word document";
            case UHRI_JSON -> "JSON";
            case UHRI_CSV, OPENNRTD_CSV -> "CSV";
        };
    }

    private interface RowSource {
        void read(java.util.function.BiConsumer<Integer, List<String>> onRow);
    }

    private ParsedFile tabular(ImportFormat format, RowSource source, Consumer<ImportRecord> onRecord) {
        List<RowProblem> problems = new ArrayList<>();
        Object[] mapper = new Object[1];
        int[] rows = {0};
        boolean[] headerFatal = {false};
        List<String> header = new ArrayList<>();
        source.read((row, cells) -> {
            boolean controlled = controlCharacters(row, cells, header, problems);
            if (mapper[0] == null) {
                header.addAll(cells);
                if (controlled) {
                    headerFatal[0] = true;
                    mapper[0] = Map.of();
                    return;
                }
                if (format == ImportFormat.OPENNRTD_CSV) {
                    mapper[0] = TemplateCsv.columns(cells, problems);
                } else {
                    mapper[0] = UhriTabularMapper.forHeader(cells, problems);
                }
                headerFatal[0] = problems.stream().anyMatch(p -> p.fatal() && p.row() == 1);
                return;
            }
            rows[0]++;
            if (headerFatal[0] || controlled) {
                // A row with a control character is not handed on: it is a fatal problem, and its text could not be stored.
                return;
            }
            if (mapper[0] instanceof UhriTabularMapper uhri) {
                onRecord.accept(uhri.toRecord(row, cells, problems));
            } else {
                @SuppressWarnings("unchecked")
                Map<String, Integer> columns = (Map<String, Integer>) mapper[0];
                onRecord.accept(TemplateCsv.toRecord(row, cells, columns, problems));
            }
        });
        if (mapper[0] == null) {
            throw InvalidFileException.malformed("The file has no header row.");
        }
        return new ParsedFile(format, List.of(), problems, rows[0]);
    }

    /**
     * Adds a fatal problem for each cell of {@code cells} (row {@code row}) that holds a refused control character
     * ({@link ControlCharacters}), naming its column by the header (or by its 1-based number past the header's end).
     */
    private static boolean controlCharacters(int row, List<String> cells, List<String> header, List<RowProblem> problems) {
        boolean found = false;
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            if (ControlCharacters.refused(cell)) {
                String column = i < header.size() && header.get(i) != null && !ControlCharacters.refused(header.get(i))
                        ? header.get(i).strip() : "column " + (i + 1);
                problems.add(RowProblem.fatal(row, column, "The cell " + ControlCharacters.violation(cell) + "."));
                found = true;
            }
        }
        return found;
    }

    private String text(Path file) {
        if (text == null) {
            text = DelimitedRows.decodeUtf8(bytes(file));
        }
        return text;
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw InvalidFileException.malformed("The upload cannot be read.");
        }
    }
}
