package org.opennrtd.indicators.importing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.opennrtd.common.text.ControlCharacters;
import org.opennrtd.indicators.observations.DimensionKey;
import org.opennrtd.indicators.observations.Period;

/**
 * Reads an observation file (OpenNRTD CSV or SDMX-CSV, recognised by its header), checks every row against the
 * country's indicators and the dimension catalogue, and writes the accepted rows as gzipped PostgreSQL COPY text
 * ({@link #COPY_COLUMNS}) for the job's payload. Nothing here touches the database; any problem rejects the file.
 */
public final class ObservationFileReader {

    public enum Format { OPENNRTD_CSV, SDMX_CSV }

    /** The columns of a payload line, in order. */
    public static final String COPY_COLUMNS = "row_no, indicator_id, period, period_start, period_end, dims_key, dims,"
            + " value, status, source, note";

    /** SDMX columns that carry no dimension and that the import reads or ignores. */
    static final Set<String> SDMX_NON_DIMENSIONS = Set.of("DATAFLOW", "STRUCTURE", "STRUCTURE_ID", "ACTION", "FREQ",
            "REF_AREA", "SERIES", "INDICATOR", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "UNIT_MULT", "OBS_STATUS",
            "COMMENT_OBS", "COMMENT_TS", "SOURCE_DETAIL", "NATURE", "REPORTING_TYPE", "TIME_DETAIL", "DECIMALS",
            "BASE_PER", "UPPER_BOUND", "LOWER_BOUND", "GOAL", "TARGET", "OBS_CONF");

    static final Set<String> OPENNRTD_COLUMNS = Set.of("INDICATOR", "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS", "SOURCE",
            "COMMENT_OBS");

    private static final int MAX_PROBLEMS = 1000;

    public record Result(Format format, int rows, List<RowProblem> problems, byte[] payload, Set<String> indicators) {
    }

    private final ImportLimits limits;

    public ObservationFileReader(ImportLimits limits) {
        this.limits = limits;
    }

    public Result read(byte[] content, String contentType, ImportCatalogue catalogue) {
        String text = decode(content, contentType);
        if (ControlCharacters.refused(text)) {
            throw controlCharacters(text);
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter(text)).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.strip().toUpperCase(Locale.ROOT)).toList();
            Columns columns = columns(header, catalogue);
            Pass pass = new Pass(catalogue, columns, header.size());
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(1024, content.length / 3));
            try (OutputStream out = new GZIPOutputStream(bytes, 65536) {
                {
                    def.setLevel(Deflater.BEST_SPEED);
                }
            }) {
                for (CSVRecord record : parser) {
                    if (pass.rows >= limits.maxRows()) {
                        throw InvalidFileException.malformed("The file has more than " + limits.maxRows()
                                + " rows; split it into several imports.");
                    }
                    pass.row(record, out);
                }
                pass.flush(out);
            }
            if (pass.rows == 0 && pass.problems.isEmpty()) {
                throw InvalidFileException.malformed("The file has a header but no observations.");
            }
            if (pass.problems.isEmpty()) {
                duplicates(text, format, catalogue, columns, pass);
            }
            return new Result(columns.format, pass.rows, pass.problems, bytes.toByteArray(), pass.indicators);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            // commons-csv: duplicate or empty header names, unbalanced quotes
            throw InvalidFileException.malformed("The file is not well-formed CSV: " + e.getMessage());
        }
    }

    /** Refuses what is not text (415) and what is text but not UTF-8 (422). */
    static String decode(byte[] content, String contentType) {
        if (contentType != null) {
            String type = contentType.toLowerCase(Locale.ROOT).split(";")[0].strip();
            if (!Set.of("text/csv", "text/plain", "application/csv", "application/vnd.sdmx.data+csv",
                    "application/octet-stream", "application/vnd.ms-excel", "text/comma-separated-values", "")
                    .contains(type)) {
                throw InvalidFileException.unsupported("Observations are imported from CSV or SDMX-CSV files, not "
                        + type + ".");
            }
        }
        if (content.length == 0) {
            throw InvalidFileException.malformed("The file is empty.");
        }
        // Binary files and UTF-16 text have NUL bytes at once, in the first line, and many; a stray NUL in a cell of
        // a text file is a control character, which the cell's row problem names.
        int probe = Math.min(content.length, 8192);
        int nul = 0;
        boolean firstLine = true;
        for (int i = 0; i < probe; i++) {
            if (content[i] == '\n') {
                firstLine = false;
            } else if (content[i] == 0) {
                nul++;
                if (firstLine || nul * 32L > probe) {
                    throw InvalidFileException.unsupported("The file is binary (it contains NUL bytes), not CSV text.");
                }
            }
        }
        if (content.length >= 4 && ((content[0] == 'P' && content[1] == 'K') || (content[0] == '%' && content[1] == 'P'
                && content[2] == 'D' && content[3] == 'F'))) {
            throw InvalidFileException.unsupported("The file is a zip or PDF document, not CSV text.");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw InvalidFileException.malformed("The file is not UTF-8 text; save it as CSV UTF-8.");
        }
    }

    /**
     * The refusal of a file with control characters ({@link ControlCharacters}): a problem for each cell that holds
     * one, by row (the header is row 0) and column. Read apart, untrimmed: the rows' reading trims cells, which would
     * hide a control character at either end.
     */
    private static InvalidFileException controlCharacters(String text) {
        CSVFormat untrimmed = CSVFormat.DEFAULT.builder().setDelimiter(delimiter(text)).setIgnoreEmptyLines(true).get();
        List<RowProblem> problems = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(untrimmed).get()) {
            List<String> header = null;
            int row = 0;
            for (CSVRecord record : parser) {
                if (header == null) {
                    header = record.toList();
                }
                for (int i = 0; i < record.size() && problems.size() < MAX_PROBLEMS; i++) {
                    if (ControlCharacters.refused(record.get(i))) {
                        String name = i < header.size() && row > 0 && !ControlCharacters.refused(header.get(i))
                                ? header.get(i).strip() : "column " + (i + 1);
                        problems.add(new RowProblem(row, name, ControlCharacters.violation(record.get(i))));
                    }
                }
                row++;
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            throw InvalidFileException.malformed("The file is not well-formed CSV: " + e.getMessage());
        }
        if (problems.isEmpty()) {
            // Outside any cell (between quoted fields): the file is not CSV as written.
            return InvalidFileException.malformed("The file holds a control character outside its cells; "
                    + ControlCharacters.ALLOWED + ".");
        }
        RowProblem first = problems.get(0);
        return new InvalidFileException(422, "The file has " + problems.size() + " cell(s) with a control character;"
                + " nothing was imported. First, row " + first.row() + ", " + first.column() + ": " + first.message()
                + ".", problems);
    }

    private static char delimiter(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        return first.indexOf(',') < 0 && first.indexOf(';') >= 0 ? ';' : ',';
    }

    /** Where each field is; dimension columns by catalogue code. */
    record Columns(Format format, int indicator, int period, int value, int status, int source, int note, int refArea,
            int freq, Map<String, Integer> dimensions, Map<String, Integer> unknown) {
    }

    static Columns columns(List<String> header, ImportCatalogue catalogue) {
        if (header.isEmpty() || header.stream().allMatch(String::isEmpty)) {
            throw InvalidFileException.malformed("The file has no header row.");
        }
        Format format = header.contains("DATAFLOW") ? Format.SDMX_CSV : Format.OPENNRTD_CSV;
        Map<String, Integer> dimensions = new TreeMap<>();
        Map<String, Integer> unknown = new TreeMap<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            Set<String> known = format == Format.SDMX_CSV ? SDMX_NON_DIMENSIONS : OPENNRTD_COLUMNS;
            if (known.contains(name)) {
                continue;
            }
            if (catalogue.dimensions().containsKey(name)) {
                dimensions.put(name, i);
            } else {
                unknown.put(name, i);
            }
        }
        if (format == Format.OPENNRTD_CSV && !unknown.isEmpty()) {
            throw InvalidFileException.malformed("Unknown column(s) " + unknown.keySet() + ": the OpenNRTD CSV has"
                    + " INDICATOR, TIME_PERIOD, OBS_VALUE, OBS_STATUS, SOURCE, COMMENT_OBS and dimension columns named"
                    + " by their catalogue code.");
        }
        int indicator = format == Format.SDMX_CSV && header.contains("SERIES") ? header.indexOf("SERIES")
                : header.indexOf("INDICATOR");
        List<String> missing = new ArrayList<>();
        if (indicator < 0) {
            missing.add(format == Format.SDMX_CSV ? "SERIES (or INDICATOR)" : "INDICATOR");
        }
        if (!header.contains("TIME_PERIOD")) {
            missing.add("TIME_PERIOD");
        }
        if (!header.contains("OBS_VALUE")) {
            missing.add("OBS_VALUE");
        }
        if (!missing.isEmpty()) {
            throw InvalidFileException.malformed("The header lacks the column(s) " + String.join(", ", missing) + ".");
        }
        return new Columns(format, indicator, header.indexOf("TIME_PERIOD"), header.indexOf("OBS_VALUE"),
                header.indexOf("OBS_STATUS"), format == Format.SDMX_CSV ? header.indexOf("SOURCE_DETAIL")
                : header.indexOf("SOURCE"), header.indexOf("COMMENT_OBS"), header.indexOf("REF_AREA"),
                header.indexOf("FREQ"), dimensions, unknown);
    }

    /** One pass over the rows: checks, payload lines and the 64-bit hash of each row's observation key. */
    final class Pass {
        final ImportCatalogue catalogue;
        final Columns columns;
        final List<RowProblem> problems = new ArrayList<>();
        final Set<String> indicators = new LinkedHashSet<>();
        final Map<String, Period> periods = new HashMap<>();
        long[] hashes = new long[1024];
        int rows;
        /** Payload lines not yet written to the gzip stream. */
        private byte[] line = new byte[1 << 16];
        private int used;
        /** Each indicator's id, as payload text. */
        private final Map<String, byte[]> ids = new HashMap<>();
        /** The payload fields of each period text already seen, and their hash. */
        private final Map<String, Fields> periodFields = new HashMap<>();
        /**
         * The dimension fields of each combination of indicator and dimension cells already seen and found valid
         * (at most {@link #MAX_COMBINATIONS} kept), and their hash: rows of a combination seen before skip its checks.
         */
        private final Map<String, Fields> combinations = new HashMap<>();
        private final StringBuilder combinationKey = new StringBuilder(128);
        private String lastSource;
        private byte[] lastSourceBytes;
        private String lastNote;
        private byte[] lastNoteBytes;
        private final int fields;

        Pass(ImportCatalogue catalogue, Columns columns, int fields) {
            this.catalogue = catalogue;
            this.columns = columns;
            this.fields = fields;
        }

        void row(CSVRecord record, OutputStream out) throws IOException {
            int row = ++rows;
            int before = problems.size();
            if (record.size() != fields) {
                problem(row, null, "has " + record.size() + " fields; the header has "
                        + record.getParser().getHeaderNames().size());
                return;
            }
            for (int i = 0; i < record.size(); i++) {
                if (record.get(i).length() > limits.maxCellChars()) {
                    problem(row, record.getParser().getHeaderNames().get(i), "is longer than " + limits.maxCellChars()
                            + " characters");
                    return;
                }
            }
            String code = record.get(columns.indicator());
            ImportCatalogue.Indicator indicator = catalogue.indicators().get(code);
            if (code.isEmpty()) {
                problem(row, columns.format() == Format.SDMX_CSV ? "SERIES" : "INDICATOR", "is empty");
            } else if (indicator == null) {
                problem(row, columns.format() == Format.SDMX_CSV ? "SERIES" : "INDICATOR", "'" + code
                        + "' is not a national indicator of " + catalogue.country());
            } else {
                indicators.add(code);
            }
            if (columns.refArea() >= 0) {
                String area = record.get(columns.refArea());
                if (!area.isEmpty() && !area.equals(catalogue.country())) {
                    problem(row, "REF_AREA", "is " + area + ", but the import is for " + catalogue.country());
                }
            }
            String periodText = record.get(columns.period());
            Period period = periods.computeIfAbsent(periodText, p -> Period.parse(p).orElse(null));
            if (period == null) {
                problem(row, "TIME_PERIOD", "'" + periodText + "' is not a year, quarter, month, day or range of days"
                        + " (2023, 2023-Q2, 2023-04, 2023-04-15, 2023-01-01/2023-06-30)");
            } else if (columns.freq() >= 0) {
                String freq = record.get(columns.freq());
                if (!freq.isEmpty() && !freq.equals(period.frequency())) {
                    problem(row, "FREQ", "is " + freq + " but TIME_PERIOD " + periodText + " has frequency "
                            + period.frequency());
                }
            }
            String valueText = record.get(columns.value());
            double value = number(valueText);
            if (Double.isNaN(value)) {
                problem(row, "OBS_VALUE", valueText.isEmpty() ? "is empty" : "'" + valueText + "' is not a number");
            }
            String status = columns.status() < 0 ? "FINAL" : status(record.get(columns.status()));
            if (status == null) {
                problem(row, "OBS_STATUS", "'" + record.get(columns.status()) + "' is not A or FINAL, P or PROVISIONAL");
            }
            Fields combination = null;
            String combinationText = null;
            if (indicator != null) {
                combinationKey.setLength(0);
                combinationKey.append(code);
                for (Integer i : columns.dimensions().values()) {
                    combinationKey.append('\u0001').append(record.get(i));
                }
                combinationText = combinationKey.toString();
                combination = combinations.get(combinationText);
            }
            SortedMap<String, String> codes = null;
            if (combination == null) {
                codes = new TreeMap<>();
                for (Map.Entry<String, Integer> d : columns.dimensions().entrySet()) {
                    String cell = record.get(d.getValue());
                    if (cell.isEmpty() || cell.equals(DimensionKey.TOTAL)) {
                        continue;
                    }
                    if (!catalogue.dimensions().get(d.getKey()).contains(cell)) {
                        problem(row, d.getKey(), "'" + cell + "' is not a code of dimension " + d.getKey());
                    } else if (indicator != null && !indicator.dimensions().contains(d.getKey())) {
                        problem(row, d.getKey(), "indicator " + code + " is not broken down by " + d.getKey());
                    } else {
                        codes.put(d.getKey(), cell);
                    }
                }
            }
            for (Map.Entry<String, Integer> u : columns.unknown().entrySet()) {
                String cell = record.get(u.getValue());
                if (!cell.isEmpty() && !cell.equals(DimensionKey.TOTAL)) {
                    problem(row, u.getKey(), "is not a dimension of the catalogue, yet the row breaks it down ('"
                            + cell + "')");
                }
            }
            if (problems.size() > before || !problems.isEmpty()) {
                return;
            }
            byte[] id = ids.computeIfAbsent(code, c -> ascii(indicator.id().toString()));
            if (combination == null) {
                String dimsKey = DimensionKey.key(codes);
                combination = new Fields(ascii(escape(dimsKey) + '\t' + escape(DimensionKey.json(codes))),
                        fnv(fnv(FNV_OFFSET, indicator.id().toString()), dimsKey));
                if (combinations.size() < MAX_COMBINATIONS) {
                    combinations.put(combinationText, combination);
                }
            }
            Fields periodPart = periodFields.computeIfAbsent(periodText, t -> new Fields(
                    ascii(escape(period.text()) + '\t' + period.start() + '\t' + period.end()),
                    fnv(fnv(FNV_OFFSET, period.start().toString()), period.end().toString())));
            if (rows > hashes.length) {
                hashes = Arrays.copyOf(hashes, hashes.length * 2);
            }
            hashes[row - 1] = hash(combination.hash(), periodPart.hash());
            byte[] source = columns.source() < 0 ? NULL : source(record.get(columns.source()));
            byte[] note = columns.note() < 0 ? NULL : note(record.get(columns.note()));
            String number = valueText(value);
            room(48 + id.length + periodPart.text().length + combination.text().length + number.length()
                    + source.length + note.length, out);
            putAscii(Integer.toString(row));
            tab();
            put(id);
            tab();
            put(periodPart.text());
            tab();
            put(combination.text());
            tab();
            putAscii(number);
            tab();
            put(status.equals("FINAL") ? FINAL : PROVISIONAL);
            tab();
            put(source);
            tab();
            put(note);
            line[used++] = '\n';
        }

        private byte[] source(String s) {
            if (!s.equals(lastSource)) {
                lastSource = s;
                lastSourceBytes = nullable(s).getBytes(StandardCharsets.UTF_8);
            }
            return lastSourceBytes;
        }

        private byte[] note(String s) {
            if (!s.equals(lastNote)) {
                lastNote = s;
                lastNoteBytes = nullable(s).getBytes(StandardCharsets.UTF_8);
            }
            return lastNoteBytes;
        }

        private void room(int bytes, OutputStream out) throws IOException {
            if (used + bytes > line.length) {
                flush(out);
                if (bytes > line.length) {
                    line = new byte[bytes];
                }
            }
        }

        void flush(OutputStream out) throws IOException {
            out.write(line, 0, used);
            used = 0;
        }

        private void tab() {
            line[used++] = '\t';
        }

        private void put(byte[] b) {
            System.arraycopy(b, 0, line, used, b.length);
            used += b.length;
        }

        private void putAscii(String s) {
            for (int i = 0; i < s.length(); i++) {
                line[used++] = (byte) s.charAt(i);
            }
        }

        private void problem(int row, String column, String message) {
            if (problems.size() < MAX_PROBLEMS) {
                problems.add(new RowProblem(row, column, message));
            }
        }
    }

    /** Rows that would store the same observation twice: equal hashes, confirmed on their keys. */
    private void duplicates(String text, CSVFormat format, ImportCatalogue catalogue, Columns columns, Pass pass)
            throws IOException {
        long[] sorted = Arrays.copyOf(pass.hashes, pass.rows);
        Arrays.sort(sorted);
        Set<Long> suspect = new HashSet<>();
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                suspect.add(sorted[i]);
            }
        }
        if (suspect.isEmpty()) {
            return;
        }
        Map<String, Integer> firstRow = new HashMap<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            int row = 0;
            for (CSVRecord record : parser) {
                row++;
                if (!suspect.contains(pass.hashes[row - 1])) {
                    continue;
                }
                SortedMap<String, String> codes = new TreeMap<>();
                columns.dimensions().forEach((d, i) -> codes.put(d, record.get(i)));
                String key = record.get(columns.indicator()) + "|" + DimensionKey.key(DimensionKey.normalise(codes)) + "|"
                        + pass.periods.get(record.get(columns.period())).start() + "/"
                        + pass.periods.get(record.get(columns.period())).end();
                Integer first = firstRow.putIfAbsent(key, row);
                if (first != null && pass.problems.size() < MAX_PROBLEMS) {
                    pass.problems.add(new RowProblem(row, null, "is the same observation (indicator, period and"
                            + " dimension codes) as row " + first));
                }
            }
        }
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final int MAX_COMBINATIONS = 100_000;
    private static final byte[] NULL = {'\\', 'N'};
    private static final byte[] FINAL = ascii("FINAL");
    private static final byte[] PROVISIONAL = ascii("PROVISIONAL");

    /** Payload text of some fields, and the hash of the key parts they hold. */
    private record Fields(byte[] text, long hash) {
    }

    /** FNV-1a over the characters of {@code s} and a separator, from {@code h}. */
    static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return (h ^ '|') * 0x100000001b3L;
    }

    /** The 64-bit hash of an observation key from those of its indicator and codes and of its period. */
    static long hash(long combination, long period) {
        long h = combination * 0x9e3779b97f4a7c15L + period;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A plain decimal number (no NaN, infinity or hexadecimal), or NaN when the text is none. */
    static double number(String s) {
        if (s.isEmpty() || s.length() > 40) {
            return Double.NaN;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return Double.NaN;
            }
        }
        try {
            double v = Double.parseDouble(s);
            return Double.isInfinite(v) ? Double.NaN : v;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static String status(String s) {
        return switch (s.toUpperCase(Locale.ROOT)) {
            case "", "A", "FINAL" -> "FINAL";
            case "P", "PROVISIONAL" -> "PROVISIONAL";
            default -> null;
        };
    }

    private static String valueText(double v) {
        return Double.toString(v);
    }

    private static String nullable(String s) {
        return s.isEmpty() ? "\\N" : escape(s);
    }

    /** COPY text escaping. */
    static String escape(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (r != null && sb == null) {
                sb = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (sb != null) {
                if (r != null) {
                    sb.append(r);
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? s : sb.toString();
    }
}
