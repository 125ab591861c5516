package org.opennrtd.recommendations.importing;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.openxml4j.opc.PackageRelationshipCollection;
import org.apache.poi.openxml4j.opc.PackageRelationshipTypes;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.util.XMLHelper;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads OHCHR's UPR "thematic list of recommendations" (the Word matrix sent to a State after its review) into
 * {@link ImportRecord}s.
 *
 * <p>The matrix is one Word table (sometimes split over several): a header row whose cells name the columns, group
 * rows {@code Theme: <theme>}, and one row per recommendation. Columns are found from the header text, not by
 * position, so the layouts of the second, third and fourth cycles all work:
 * <ul>
 * <li>recommendation: {@code Recommendation} / {@code Recommendation and recommending State}; the cell holds
 * {@code <paragraph> <text> (<State>) (<State>); <text> (<State>);} and a line
 * {@code Source of Position: A/HRC/43/15/Add.1 - Para.3};</li>
 * <li>position: {@code Position} / {@code Position of the State under review};</li>
 * <li>themes: {@code Full list of themes} / {@code Human rights themes and groups of persons}; the cell holds theme
 * lines, then optionally {@code SDGs:} with {@code - 16 - PEACE, ...} lines, then {@code Affected persons:} or
 * {@code Groups of Persons:} with one group per line (cycle-2 theme codes such as {@code A12} are dropped);</li>
 * <li>SDGs (cycle 4): {@code Relevant SDGs}, goal lines ({@code - 16 - ...}) or target lines ({@code 16.3 ...}).</li>
 * </ul>
 *
 * <p>Uploads are untrusted. Before POI sees the file the reader checks it is a complete zip whose entries inflate
 * neither beyond {@link #DEFAULT_MAX_UNCOMPRESSED_BYTES} (total) nor more than 100 times their compressed size; the
 * document XML is then streamed with POI's hardened SAX reader (no DOCTYPE, no entity expansion, no external
 * entities), never loaded as a whole, with caps on the number of table rows and on the characters of one cell.
 * POI's process-wide {@link ZipSecureFile} limits are those of {@link ImportLimits}. Anything that cannot be read
 * is an {@link InvalidFileException}: 415 when the bytes are not a zip at all, 422 when they are a zip but damaged,
 * hostile, over a limit or not a Word document; a Word document without a matrix header row is 415.
 *
 * <p>Records: {@code row} is the 1-based index of the table row (counted over all tables, header included);
 * {@code text} is the recommendation's phrasings without their bracketed States, joined by "; "; {@code themes}
 * start with the group's {@code Theme:} (added when the themes cell leaves it out); {@code countries} is empty (the
 * import names the State under review). A row without a paragraph number, text or Source of Position is a
 * non-fatal {@link RowProblem}. {@link ParsedFile#rowsRead()} counts recommendation rows (records plus rejected
 * rows), not the header, {@code Theme:} or empty rows.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class UprMatrixDocxReader {

    public static final int DEFAULT_MAX_ROWS = 100_000;
    public static final int DEFAULT_MAX_CELL_CHARS = 50_000;
    public static final long DEFAULT_MAX_FILE_BYTES = 50L * 1024 * 1024;
    public static final long DEFAULT_MAX_UNCOMPRESSED_BYTES = 100L * 1024 * 1024;
    /** An entry may inflate to at most 100 times its compressed size (beyond the first {@link #GRACE_BYTES}). */
    static final double MIN_INFLATE_RATIO = 0.01;
    static final long GRACE_BYTES = 100 * 1024;
    static final int MAX_ZIP_ENTRIES = 1_000;
    static final int MAX_CELLS_PER_ROW = 200;
    /** The file is held in one array: whatever the limits, no more than this. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 64;

    private static final Set<String> WORD_MAIN_CONTENT_TYPES = Set.of(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
            "application/vnd.ms-word.document.macroEnabled.main+xml",
            "application/vnd.ms-word.template.macroEnabledTemplate.main+xml");

    private static final Pattern THEME_GROUP = Pattern.compile("(?is)^\\s*theme\\s*:\\s*(.*)$");
    private static final Pattern SOURCE_OF_POSITION = Pattern.compile("(?i)source\\s+of\\s+position\\s*:?");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z]{1,6}(?:/[A-Za-z0-9.\\-]+)+");
    private static final Pattern ADDENDUM = Pattern.compile("(?i)/Add\\.?\\s*\\d+.*$");
    private static final Pattern PARAGRAPH = Pattern.compile("(?s)^(\\d{1,4}(?:\\.\\d{1,4}){0,3})\\.?(?=\\s|\\p{L}|\\(|$)\\s*(.*)$");
    private static final Pattern THEME_CODE = Pattern.compile("^[A-Z]\\d{1,3}\\s+(?=\\S)");
    private static final Pattern BULLET = Pattern.compile("^[-–—•·*▪]\\s*");
    private static final Pattern HEADING = Pattern.compile("(?i)^([\\p{L} ]{3,60}?)\\s*:\\s*(.*)$");
    private static final Pattern SDG_ITEM = Pattern.compile(
            "(?i)^(?:(?:SDGs?|goal|target)\\s*)?(\\d{1,2})(?:\\.(\\d{1,2}|[a-z]))?(?!\\d)(?!\\.[0-9a-z])");
    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt|quot|apos|nbsp|#\\d{1,7}|#[xX][0-9a-fA-F]{1,6});");
    private static final Pattern DIGIT = Pattern.compile("\\d");
    private static final Pattern ACRONYM = Pattern.compile("^[\\p{Lu}\\-]{2,}$");
    /** Words that mark a bracketed group in a recommendation's text as something other than a State. */
    private static final Pattern NOT_A_STATE = Pattern.compile("(?i)\\b(convention|covenant|protocol|act|law|code|"
            + "committee|council|commission|programme|program|plan|strategy|agenda|declaration|principles|rules|"
            + "guidelines|ombudsman|court|charter|resolution|article|para|paragraph)\\b");

    private enum Column { RECOMMENDATION, POSITION, THEMES, SDGS }

    private enum Section { THEMES, SDGS, PERSONS, OTHER }

    private final int maxRows;
    private final int maxCellChars;
    private final long maxFileBytes;
    private final long maxUncompressedBytes;

    /** A reader with the default limits. */
    public UprMatrixDocxReader() {
        this(DEFAULT_MAX_ROWS, DEFAULT_MAX_CELL_CHARS);
    }

    /**
     * @param maxRows most table rows the document may have (all tables together)
     * @param maxCellChars most characters one table cell may hold
     */
    public UprMatrixDocxReader(int maxRows, int maxCellChars) {
        this(maxRows, maxCellChars, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_UNCOMPRESSED_BYTES);
    }

    /**
     * @param maxRows most table rows the document may have (all tables together)
     * @param maxCellChars most characters one table cell may hold
     * @param maxFileBytes largest upload read, in bytes
     * @param maxUncompressedBytes most bytes all zip entries together may inflate to
     */
    public UprMatrixDocxReader(int maxRows, int maxCellChars, long maxFileBytes, long maxUncompressedBytes) {
        if (maxRows < 1 || maxCellChars < 1 || maxFileBytes < 1 || maxUncompressedBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxRows = maxRows;
        this.maxCellChars = maxCellChars;
        this.maxFileBytes = maxFileBytes;
        this.maxUncompressedBytes = maxUncompressedBytes;
        // POI's zip limits are process-wide and owned by ImportLimits; this reader checks the zip itself first.
        ImportLimits.applyZipLimits();
    }


    public ParsedFile read(Path file) {
        try {
            long size = Files.size(file);
            if (size > maxFileBytes || size > MAX_ARRAY) {
                throw tooLarge();
            }
            return read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw InvalidFileException.malformed("The uploaded file cannot be read.");
        }
    }

    public ParsedFile read(InputStream in) {
        byte[] content;
        try {
            content = in.readNBytes((int) Math.min(MAX_ARRAY, maxFileBytes) + 1);
        } catch (IOException e) {
            throw InvalidFileException.malformed("The uploaded file cannot be read.");
        }
        return read(content);
    }

    public ParsedFile read(byte[] content) {
        if (content == null || content.length == 0) {
            throw InvalidFileException.unsupported("The file is empty; expected a Word (.docx) UPR matrix.");
        }
        if (content.length > maxFileBytes || content.length > MAX_ARRAY) {
            throw tooLarge();
        }
        if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            throw InvalidFileException.unsupported(
                    "This is an old Word (.doc) or other legacy Office file; save it as .docx and upload it again.");
        }
        if (!startsWith(content, 'P', 'K', 3, 4) && !startsWith(content, 'P', 'K', 5, 6)) {
            throw InvalidFileException.unsupported("The file is not a Word (.docx) document.");
        }
        checkZip(content);

        OPCPackage pkg = null;
        try {
            pkg = OPCPackage.open(new ByteArrayInputStream(content));
            PackagePart main = mainDocumentPart(pkg);
            Handler handler = new Handler();
            XMLReader xml = XMLHelper.newXMLReader();
            xml.setContentHandler(handler);
            try (InputStream document = main.getInputStream()) {
                xml.parse(new InputSource(document));
            }
            return handler.result();
        } catch (InvalidFileException e) {
            throw e;
        } catch (SAXException e) {
            InvalidFileException cause = invalidCause(e);
            if (cause != null) {
                throw cause;
            }
            throw InvalidFileException.malformed("The Word document's XML is not well-formed or declares a DOCTYPE, "
                    + "which is refused for safety.");
        } catch (IOException | ParserConfigurationException | org.apache.poi.openxml4j.exceptions.InvalidFormatException
                 | RuntimeException e) {
            InvalidFileException cause = invalidCause(e);
            if (cause != null) {
                throw cause;
            }
            throw InvalidFileException.malformed("The Word document cannot be read: it is damaged, truncated or hostile.");
        } catch (StackOverflowError e) {
            throw InvalidFileException.malformed("The Word document is nested too deeply to be read.");
        } finally {
            if (pkg != null) {
                pkg.revert();
            }
        }
    }

    private InvalidFileException tooLarge() {
        return InvalidFileException.malformed("The file is larger than "
                + Math.min(maxFileBytes, MAX_ARRAY) / (1024 * 1024) + " MB.");
    }

    private static InvalidFileException invalidCause(Throwable e) {
        for (int depth = 0; e != null && depth < 10; depth++) {
            if (e instanceof InvalidFileException invalid) {
                return invalid;
            }
            Throwable next = e instanceof SAXException sax && sax.getException() != null ? sax.getException() : e.getCause();
            e = next == e ? null : next;
        }
        return null;
    }

    private static boolean startsWith(byte[] content, int... prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((content[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------
    // the container

    /** Complete (has its end-of-central-directory record), few entries, no entry inflating beyond the limits. */
    private void checkZip(byte[] content) {
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

    private static PackagePart mainDocumentPart(OPCPackage pkg) {
        PackageRelationshipCollection rels = pkg.getRelationshipsByType(PackageRelationshipTypes.CORE_DOCUMENT);
        if (rels.isEmpty()) {
            rels = pkg.getRelationshipsByType(PackageRelationshipTypes.STRICT_CORE_DOCUMENT);
        }
        PackagePart part = rels.isEmpty() ? null : pkg.getPart(rels.getRelationship(0));
        if (part == null) {
            throw InvalidFileException.malformed("The file is a zip archive but not a Word (.docx) document.");
        }
        if (!WORD_MAIN_CONTENT_TYPES.contains(part.getContentType())) {
            throw InvalidFileException.malformed("The file is an Office document but not a Word (.docx) document.");
        }
        return part;
    }

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

    // ---------------------------------------------------------------------------------------------------------
    // the document: streamed, outer table rows only

    /** One cell of an outer table row: where it sits on the table grid and its paragraphs. */
    private static final class Cell {
        final int gridStart;
        int span = 1;
        boolean mergedWithAbove;
        final List<String> lines = new ArrayList<>();
        String text;

        Cell(int gridStart) {
            this.gridStart = gridStart;
        }

        boolean covers(int gridColumn) {
            return gridColumn >= gridStart && gridColumn < gridStart + span;
        }
    }

    private final class Handler extends DefaultHandler {
        private final List<ImportRecord> records = new ArrayList<>();
        private final List<RowProblem> problems = new ArrayList<>();
        private final Deque<StringBuilder> paragraphs = new ArrayDeque<>();
        private Map<Column, Integer> columns;
        private Map<Integer, String> previousRow = Map.of();
        private String groupTheme;
        private int rowsRead;

        private int tableDepth;
        private int skipDepth;
        private int runDepth;
        private boolean inText;
        private int rowNumber;
        private List<Cell> cells;
        private int gridCursor;
        private Cell cell;
        private int cellChars;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
            if (skipDepth > 0) {
                skipDepth++;
                return;
            }
            switch (localName) {
                case "tbl" -> tableDepth++;
                case "tr" -> {
                    if (tableDepth == 1) {
                        if (++rowNumber > maxRows) {
                            throw fail("The document has more than " + maxRows + " table rows.");
                        }
                        cells = new ArrayList<>();
                        gridCursor = 0;
                    }
                }
                case "gridBefore" -> {
                    if (tableDepth == 1 && cells != null && cell == null) {
                        gridCursor += number(attributes);
                    }
                }
                case "tc" -> {
                    if (tableDepth == 1 && cells != null) {
                        if (cells.size() >= MAX_CELLS_PER_ROW) {
                            throw fail("Table row " + rowNumber + " has more than " + MAX_CELLS_PER_ROW + " cells.");
                        }
                        cell = new Cell(gridCursor);
                        cellChars = 0;
                    }
                }
                case "gridSpan" -> {
                    if (tableDepth == 1 && cell != null) {
                        cell.span = Math.max(1, Math.min(number(attributes), 1_000));
                    }
                }
                case "vMerge" -> {
                    if (tableDepth == 1 && cell != null) {
                        cell.mergedWithAbove = !"restart".equals(value(attributes));
                    }
                }
                case "p" -> {
                    if (cell != null) {
                        paragraphs.push(new StringBuilder());
                    }
                }
                case "r" -> runDepth++;
                case "t" -> inText = cell != null && !paragraphs.isEmpty();
                case "tab" -> append(runDepth > 0 ? "\t" : "");
                case "br", "cr" -> append(runDepth > 0 ? "\n" : "");
                case "noBreakHyphen" -> append(runDepth > 0 ? "-" : "");
                // the older rendering of alternate content, moved-away and deleted text would repeat or resurrect text
                case "Fallback", "moveFrom", "del" -> skipDepth = 1;
                default -> {
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (skipDepth > 0) {
                skipDepth--;
                return;
            }
            switch (localName) {
                case "tbl" -> tableDepth--;
                case "t" -> inText = false;
                case "r" -> runDepth = Math.max(0, runDepth - 1);
                case "p" -> {
                    if (cell != null && !paragraphs.isEmpty()) {
                        cell.lines.add(paragraphs.pop().toString());
                    }
                }
                case "tc" -> {
                    if (tableDepth == 1 && cell != null) {
                        paragraphs.clear();
                        cells.add(cell);
                        gridCursor += cell.span;
                        cell = null;
                    }
                }
                case "tr" -> {
                    if (tableDepth == 1 && cells != null) {
                        row(rowNumber, cells);
                        cells = null;
                    }
                }
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            if (inText && skipDepth == 0) {
                append(new String(ch, start, length));
            }
        }

        private void append(String s) throws SAXException {
            if (s.isEmpty() || cell == null || paragraphs.isEmpty()) {
                return;
            }
            cellChars += s.length();
            if (cellChars > maxCellChars) {
                throw fail("A cell in table row " + rowNumber + " holds more than " + maxCellChars + " characters.");
            }
            paragraphs.peek().append(s);
        }

        private SAXException fail(String message) {
            return new SAXException(InvalidFileException.malformed(message));
        }

        ParsedFile result() {
            if (columns == null) {
                throw InvalidFileException.unsupported("No UPR matrix found: the document has no table with a header "
                        + "row such as 'Recommendation | Position | Full list of themes'.");
            }
            return new ParsedFile(ImportFormat.UPR_MATRIX_DOCX, List.copyOf(records), List.copyOf(problems), rowsRead);
        }

        // -------------------------------------------------------------------------------------------------
        // one outer table row

        private void row(int row, List<Cell> rowCells) {
            Map<Integer, String> texts = new HashMap<>();
            for (Cell c : rowCells) {
                String text = String.join("\n", c.lines);
                if (c.mergedWithAbove && text.isBlank()) {
                    text = previousRow.getOrDefault(c.gridStart, "");
                }
                c.text = decodeEntities(text);
                texts.put(c.gridStart, c.text);
            }
            previousRow = texts;

            Map<Column, Integer> header = header(rowCells);
            if (header != null) {
                columns = header;
                return;
            }
            if (columns == null) {
                return; // before the matrix, e.g. a title table
            }
            List<Cell> filled = rowCells.stream().filter(c -> !c.text.isBlank()).toList();
            if (filled.isEmpty()) {
                return;
            }
            Matcher theme = THEME_GROUP.matcher(filled.get(0).text);
            if (filled.size() == 1 && theme.matches()) {
                groupTheme = withoutThemeCode(line(theme.group(1)));
                return;
            }
            rowsRead++;
            recommendation(row, rowCells);
        }

        private Map<Column, Integer> header(List<Cell> rowCells) {
            Map<Column, Integer> found = new EnumMap<>(Column.class);
            for (Cell c : rowCells) {
                String t = line(c.text).toLowerCase(Locale.ROOT);
                if (t.isEmpty() || t.length() > 120 || Character.isDigit(t.charAt(0))) {
                    continue;
                }
                Column column = t.contains("sdg") ? Column.SDGS
                        : t.contains("theme") ? Column.THEMES
                        : t.contains("position") ? Column.POSITION
                        : t.contains("recommendation") ? Column.RECOMMENDATION
                        : null;
                if (column != null) {
                    found.putIfAbsent(column, c.gridStart);
                }
            }
            boolean isHeader = found.containsKey(Column.RECOMMENDATION)
                    && (found.containsKey(Column.POSITION) || found.containsKey(Column.THEMES));
            return isHeader ? found : null;
        }

        private String cellText(List<Cell> rowCells, Column column) {
            Integer grid = columns.get(column);
            if (grid == null) {
                return "";
            }
            return rowCells.stream().filter(c -> c.covers(grid)).map(c -> c.text).findFirst().orElse("");
        }

        private void recommendation(int row, List<Cell> rowCells) {
            String cellText = cellText(rowCells, Column.RECOMMENDATION);
            Matcher source = SOURCE_OF_POSITION.matcher(cellText);
            String body = line(source.find() ? cellText.substring(0, source.start()) : cellText);
            String symbol = symbol(cellText);

            if (body.isEmpty()) {
                problems.add(RowProblem.rejected(row, "Recommendation", "The row has no recommendation."));
                return;
            }
            Matcher paragraph = PARAGRAPH.matcher(body);
            if (!paragraph.matches()) {
                problems.add(RowProblem.rejected(row, "Recommendation", "The recommendation does not start with its "
                        + "paragraph number (e.g. '121.2 Ratify ...'): '" + abbreviate(body) + "'."));
                return;
            }
            Phrasings phrasings = phrasings(paragraph.group(2));
            if (phrasings.text().isEmpty()) {
                problems.add(RowProblem.rejected(row, "Recommendation",
                        "Recommendation " + paragraph.group(1) + " has no text."));
                return;
            }
            if (symbol == null) {
                problems.add(RowProblem.rejected(row, "Recommendation", "Recommendation " + paragraph.group(1)
                        + " has no 'Source of Position: <document symbol>' line, so its report is unknown."));
                return;
            }

            LinkedHashSet<String> themes = new LinkedHashSet<>();
            LinkedHashSet<String> persons = new LinkedHashSet<>();
            LinkedHashSet<String> targets = new LinkedHashSet<>();
            LinkedHashSet<Integer> goals = new LinkedHashSet<>();
            themesCell(cellText(rowCells, Column.THEMES), themes, persons, targets, goals);
            for (String l : cellText(rowCells, Column.SDGS).split("\n")) {
                sdgs(l, targets, goals);
            }
            List<String> themeList = new ArrayList<>(themes);
            if (groupTheme != null && !groupTheme.isEmpty() && !themes.contains(groupTheme)) {
                themeList.add(0, groupTheme);
            }
            String position = line(cellText(rowCells, Column.POSITION));

            records.add(new ImportRecord(row, null, symbol, paragraph.group(1), phrasings.text(), List.of(), "UPR",
                    position.isEmpty() ? null : position, phrasings.states(), List.copyOf(themeList),
                    List.copyOf(persons), List.copyOf(targets), List.copyOf(goals), null, null, "Recommendation",
                    List.of(), null));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // cell contents

    /** The Working Group report's symbol: the Source of Position's symbol without an {@code /Add.N} suffix. */
    static String symbol(String recommendationCell) {
        Matcher source = SOURCE_OF_POSITION.matcher(recommendationCell);
        if (!source.find()) {
            return null;
        }
        String rest = recommendationCell.substring(source.end());
        int eol = rest.indexOf('\n');
        Matcher symbol = SYMBOL.matcher(eol < 0 ? rest : rest.substring(0, eol));
        if (!symbol.find()) {
            return null;
        }
        String s = ADDENDUM.matcher(symbol.group()).replaceFirst("");
        while (s.endsWith(".") || s.endsWith("/") || s.endsWith("-")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.isEmpty() ? null : s;
    }

    record Phrasings(String text, List<String> states) {
    }

    /**
     * Splits {@code <text> (<State>) (<State>); <text> (<State>).} into the texts (joined by "; ") and the States.
     * A phrasing ends where a run of bracketed States is followed by ";", "." or the end; a bracket group counts as
     * a State when it reads like one (capitalised words, no digits, not an acronym or a treaty's name), so
     * {@code Convention, 1930 (No. 29) (United Kingdom ...)} keeps "(No. 29)" in the text. Brackets nest:
     * {@code (Bolivia (Plurinational State of))} is one State.
     */
    static Phrasings phrasings(String s) {
        int n = s.length();
        // top-level bracket groups, in order
        List<int[]> groups = new ArrayList<>();
        int[] groupEndingAt = new int[n + 1]; // the index in groups of the group whose ")" is at i, or -1
        Arrays.fill(groupEndingAt, -1);
        boolean[] inside = new boolean[n + 1];
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '(') {
                open.push(i);
            } else if (c == ')' && !open.isEmpty()) {
                int start = open.pop();
                if (open.isEmpty()) {
                    groupEndingAt[i] = groups.size();
                    groups.add(new int[] {start, i});
                    for (int k = start; k <= i; k++) {
                        inside[k] = true;
                    }
                }
            }
        }
        List<String> texts = new ArrayList<>();
        LinkedHashSet<String> states = new LinkedHashSet<>();
        int segment = 0;
        for (int i = 0; i <= n; i++) {
            boolean terminator = i == n
                    || !inside[i] && (s.charAt(i) == ';'
                            || s.charAt(i) == '.' && (i + 1 == n || Character.isWhitespace(s.charAt(i + 1))));
            if (!terminator) {
                continue;
            }
            int j = i - 1;
            while (j >= segment && Character.isWhitespace(s.charAt(j))) {
                j--;
            }
            int g = j < 0 ? -1 : groupEndingAt[j];
            Deque<List<String>> found = new ArrayDeque<>();
            int firstStart = -1;
            while (g >= 0 && groups.get(g)[0] >= segment) {
                List<String> named = statesIn(line(s.substring(groups.get(g)[0] + 1, groups.get(g)[1])));
                if (named == null) {
                    break;
                }
                found.addFirst(named);
                firstStart = groups.get(g)[0];
                int k = firstStart - 1;
                while (k >= segment && Character.isWhitespace(s.charAt(k))) {
                    k--;
                }
                g = k < 0 ? -1 : groupEndingAt[k];
            }
            if (!found.isEmpty()) {
                String text = trimPhrasing(s.substring(segment, firstStart));
                if (!text.isEmpty()) {
                    texts.add(text);
                }
                found.forEach(states::addAll);
                segment = i + 1;
            }
        }
        if (segment < n) {
            String rest = trimPhrasing(s.substring(segment));
            if (!rest.isEmpty()) {
                texts.add(rest);
            }
        }
        return new Phrasings(String.join("; ", texts), List.copyOf(states));
    }

    private static String trimPhrasing(String text) {
        String t = line(text);
        while (t.startsWith(";")) {
            t = t.substring(1).strip();
        }
        while (t.endsWith(";")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }

    /**
     * The States a bracket group names, or null if it is not a list of States: one State, or several separated by
     * commas as the cycle-2 layout writes them ({@code (Austria, Belgium, Chile)}); commas inside a nested bracket
     * do not separate.
     */
    static List<String> statesIn(String inner) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                parts.add(inner.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(inner.substring(start).strip());
        for (String part : parts) {
            if (!looksLikeState(part)) {
                return null;
            }
        }
        return parts;
    }

    static boolean looksLikeState(String name) {
        if (name.isEmpty() || name.length() > 80 || DIGIT.matcher(name).find() || ACRONYM.matcher(name).matches()) {
            return false;
        }
        if (!Character.isUpperCase(name.codePointAt(0)) && !name.startsWith("the ")) {
            return false;
        }
        return !NOT_A_STATE.matcher(name).find();
    }

    /** Theme lines, then {@code SDGs:} lines, then {@code Affected persons:} / {@code Groups of Persons:} lines. */
    private static void themesCell(String cell, Set<String> themes, Set<String> persons, Set<String> targets,
                                   Set<Integer> goals) {
        Section section = Section.THEMES;
        for (String raw : cell.split("\n")) {
            String l = line(raw);
            if (l.isEmpty()) {
                continue;
            }
            Matcher heading = HEADING.matcher(l);
            if (!BULLET.matcher(l).find() && heading.matches()) {
                Section next = section(heading.group(1));
                if (next != null) {
                    section = next;
                    l = line(heading.group(2));
                    if (l.isEmpty()) {
                        continue;
                    }
                }
            }
            String item = line(BULLET.matcher(l).replaceFirst(""));
            if (item.isEmpty()) {
                continue;
            }
            switch (section) {
                case THEMES -> addDistinct(themes, withoutThemeCode(item));
                case PERSONS -> addDistinct(persons, item);
                case SDGS -> sdgs(item, targets, goals);
                case OTHER -> {
                }
            }
        }
    }

    private static Section section(String heading) {
        String h = heading.toLowerCase(Locale.ROOT).strip();
        if (h.equals("sdg") || h.equals("sdgs") || h.startsWith("sustainable development goal") || h.equals("relevant sdgs")) {
            return Section.SDGS;
        }
        if (h.equals("affected persons") || h.equals("persons affected") || h.equals("groups of persons")
                || h.equals("group of persons") || h.equals("groups of persons affected")) {
            return Section.PERSONS;
        }
        if (h.equals("themes") || h.equals("theme") || h.equals("human rights themes") || h.equals("full list of themes")) {
            return Section.THEMES;
        }
        if (h.equals("targets") || h.equals("sdg targets")) {
            return Section.SDGS;
        }
        return null;
    }

    /** One line of SDGs, possibly several separated by commas ({@code SDGs: 5, 16}). */
    private static void sdgs(String line, Set<String> targets, Set<Integer> goals) {
        for (String part : line.split("[,;]")) {
            sdg(part, targets, goals);
        }
    }

    /** {@code - 16 - PEACE, JUSTICE ...} is goal 16; {@code 16.3 Promote ...} or {@code Target 5.a} a target. */
    private static void sdg(String raw, Set<String> targets, Set<Integer> goals) {
        String item = line(BULLET.matcher(line(raw)).replaceFirst(""));
        Matcher m = SDG_ITEM.matcher(item);
        if (!m.find()) {
            return;
        }
        int goal = Integer.parseInt(m.group(1));
        if (goal < 1 || goal > 17) {
            return;
        }
        if (m.group(2) != null) {
            addDistinct(targets, goal + "." + m.group(2).toLowerCase(Locale.ROOT));
        } else {
            goals.add(goal);
        }
    }

    private static String withoutThemeCode(String theme) {
        return THEME_CODE.matcher(theme).replaceFirst("").strip();
    }

    private static void addDistinct(Set<String> values, String value) {
        if (!value.isEmpty()) {
            values.add(value);
        }
    }

    /** Text on one line: no-break and other odd spaces made plain, invisible characters dropped, runs collapsed. */
    static String line(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("[\\u00AD\\u200B\\u200C\\u200D\\u2060\\uFEFF]", "")
                .replaceAll("[\\s\\u00A0\\u2007\\u202F]+", " ")
                .strip();
    }

    /** Entities left in the text by an export that escaped twice ({@code &amp;amp;} in the XML). */
    static String decodeEntities(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = ENTITY.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> "\u00A0";
                default -> {
                    int cp = e.startsWith("#x") || e.startsWith("#X")
                            ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
                    yield Character.isValidCodePoint(cp) && cp != 0 ? new String(Character.toChars(cp)) : m.group();
                }
            };
            m.appendReplacement(out, Matcher.quoteReplacement(r));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static int number(Attributes attributes) {
        String v = value(attributes);
        try {
            return v == null ? 0 : Math.max(0, Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String value(Attributes attributes) {
        for (int i = 0; i < attributes.getLength(); i++) {
            if ("val".equals(attributes.getLocalName(i))) {
                return attributes.getValue(i);
            }
        }
        return null;
    }
}
