package org.opennrtd.recommendations.importing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Streams the rows of a Word document's outer tables (nested tables are read as text of their cell) from the SAX
 * events of {@code word/document.xml}, and hands each row on as its cells: where each sits on the table grid
 * ({@code gridBefore}, {@code gridSpan}) and its text, one line per paragraph. A cell merged with the one above
 * ({@code vMerge}) and left empty takes that cell's text. Text inside the older rendering of alternate content,
 * moved-away and deleted text is skipped, since it would repeat or resurrect text; entities left by an export that
 * escaped twice are decoded. Rows are numbered from 1 over all tables together.
 *
 * <p>Limits: at most {@code maxRows} table rows, {@link #MAX_CELLS_PER_ROW} cells in one row and
 * {@code maxCellChars} characters in one cell; beyond them the parse fails with an {@link InvalidFileException}
 * wrapped in a {@link SAXException}.
 */
final class DocxTableRows extends DefaultHandler {

    static final int MAX_CELLS_PER_ROW = 200;

    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt|quot|apos|nbsp|#\\d{1,7}|#[xX][0-9a-fA-F]{1,6});");

    /** One cell of an outer table row: the first grid column it covers, how many it covers, and its text. */
    record Cell(int gridStart, int span, String text) {

        boolean covers(int gridColumn) {
            return gridColumn >= gridStart && gridColumn < gridStart + span;
        }
    }

    /** A cell being read. */
    private static final class OpenCell {
        final int gridStart;
        int span = 1;
        boolean mergedWithAbove;
        final List<String> lines = new ArrayList<>();

        OpenCell(int gridStart) {
            this.gridStart = gridStart;
        }
    }

    private final int maxRows;
    private final int maxCellChars;
    private final BiConsumer<Integer, List<Cell>> onRow;

    private final Deque<StringBuilder> paragraphs = new ArrayDeque<>();
    private Map<Integer, String> previousRow = Map.of();
    private int tableDepth;
    private int skipDepth;
    private int runDepth;
    private boolean inText;
    private int rowNumber;
    private List<OpenCell> cells;
    private int gridCursor;
    private OpenCell cell;
    private int cellChars;

    /** Calls {@code onRow(rowNumber, cells)} at the end of each outer table row. */
    DocxTableRows(int maxRows, int maxCellChars, BiConsumer<Integer, List<Cell>> onRow) {
        this.maxRows = maxRows;
        this.maxCellChars = maxCellChars;
        this.onRow = onRow;
    }

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
                    cell = new OpenCell(gridCursor);
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
                    onRow.accept(rowNumber, finished(cells));
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

    /** The row's cells with their texts; a merged cell left empty takes the text of the cell above. */
    private List<Cell> finished(List<OpenCell> row) {
        List<Cell> out = new ArrayList<>(row.size());
        Map<Integer, String> texts = new HashMap<>();
        for (OpenCell c : row) {
            String text = String.join("\n", c.lines);
            if (c.mergedWithAbove && text.isBlank()) {
                text = previousRow.getOrDefault(c.gridStart, "");
            }
            Cell done = new Cell(c.gridStart, c.span, decodeEntities(text));
            out.add(done);
            texts.put(done.gridStart(), done.text());
        }
        previousRow = texts;
        return out;
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

    private static SAXException fail(String message) {
        return new SAXException(InvalidFileException.malformed(message));
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
