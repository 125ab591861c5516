package org.opennrtd.recommendations.importing;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV as UHRI exports and spreadsheets write it: strictly UTF-8 (with or without a byte-order mark), comma or
 * semicolon separated (whichever the header uses), quoted fields with line breaks inside.
 */
final class DelimitedRows {

    private DelimitedRows() {
    }

    /** The text of a file that must be valid UTF-8; a BOM is dropped. */
    static String decodeUtf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (MalformedInputException e) {
            throw InvalidFileException.malformed("The file is not valid UTF-8 text (an invalid byte sequence near byte "
                    + offsetOfFirstError(bytes) + "); save it as UTF-8 and upload it again.");
        } catch (CharacterCodingException e) {
            throw InvalidFileException.malformed("The file is not valid UTF-8 text.");
        }
    }

    /** The header's fields, for recognising the format. */
    static List<String> header(String text) {
        List<String> header = new ArrayList<>();
        read(text, ImportLimits.DEFAULT, (row, cells) -> {
            if (header.isEmpty()) {
                header.addAll(cells);
            }
        }, 1);
        return header;
    }

    /** Calls {@code onRow(lineNumber, cells)} for the header (row 1) and every non-empty record. */
    static void read(String text, ImportLimits limits, BiConsumer<Integer, List<String>> onRow) {
        read(text, limits, onRow, Integer.MAX_VALUE);
    }

    private static void read(String text, ImportLimits limits, BiConsumer<Integer, List<String>> onRow, int maxRecords) {
        char delimiter = delimiterOf(text);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
                .setTrim(false).get();
        int records = 0;
        try (Reader reader = new StringReader(text); CSVParser parser = CSVParser.parse(reader, format)) {
            for (CSVRecord record : parser) {
                if (++records > maxRecords) {
                    return;
                }
                if (records > limits.maxRows() + 1) {
                    throw InvalidFileException.malformed("The file has more than " + limits.maxRows() + " rows.");
                }
                List<String> cells = new ArrayList<>(record.size());
                for (String cell : record) {
                    if (cell.length() > limits.maxCellChars()) {
                        throw InvalidFileException.malformed("Line " + record.getParser().getCurrentLineNumber()
                                + " has a field longer than " + limits.maxCellChars() + " characters.");
                    }
                    cells.add(cell);
                }
                onRow.accept((int) record.getRecordNumber(), cells);
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            throw InvalidFileException.malformed("The CSV is malformed (" + brief(e) + ").");
        } catch (IOException e) {
            throw InvalidFileException.malformed("The CSV cannot be read.");
        }
    }

    private static char delimiterOf(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        long commas = first.chars().filter(c -> c == ',').count();
        long semicolons = first.chars().filter(c -> c == ';').count();
        return semicolons > commas ? ';' : ',';
    }

    private static String brief(RuntimeException e) {
        String m = e.getMessage() == null ? "unreadable" : e.getMessage();
        // commons-csv names the position ("... at line 3 ..."): keep that, drop any class names.
        int at = m.indexOf("line");
        return at >= 0 ? "near " + m.substring(at, Math.min(m.length(), at + 40)).replaceAll("[^A-Za-z0-9 :,]", "") : "unbalanced quotes";
    }

    private static long offsetOfFirstError(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        decoder.decode(in, out, true);
        return in.position();
    }
}
