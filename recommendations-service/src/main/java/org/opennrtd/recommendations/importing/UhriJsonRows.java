package org.opennrtd.recommendations.importing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.opennrtd.common.text.ControlCharacters;

/**
 * UHRI JSON, read as a stream one record at a time (never the whole file in memory): an array of records, or an
 * object whose {@code records} member is that array. Two record shapes are accepted:
 * <ul>
 * <li>the UHRI's bulk export ({@code export-full-en.json}): {@code AnnotationId, DocumentId, Symbol, AnnotationType,
 * Body, Countries[], Regions[], Themes[], AffectedPersons[], Sdgs[], PublicationDate, PublicationDateOnUhri, Text,
 * UprCycle, UprSession[], UprPositions[], UprRecommendingCountry[], UprRecommendingRegions[]}, single values and
 * list items possibly prefixed with {@code "- "}, {@code Upr*} null, absent or empty outside the UPR;</li>
 * <li>the earlier shape, with {@code UprPosition}, {@code UprRecommendingStates} and a number {@code UprSession}.</li>
 * </ul>
 * A value of the wrong JSON type is a fatal row problem; an SDG value that names no target or goal is a warning.
 */
final class UhriJsonRows {

    private UhriJsonRows() {
    }

    /** Reads {@code in}, handing each record to {@code onRecord}; the problems and the number of records read. */
    static ParsedFile read(InputStream in, ImportLimits limits, Consumer<ImportRecord> onRecord) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(limits.maxCellChars())
                        .maxNestingDepth(20).maxNumberLength(40).build())
                .build();
        ObjectMapper mapper = new ObjectMapper(factory);
        List<RowProblem> problems = new ArrayList<>();
        int index = 0;
        // The record being read when an error comes: the current one inside a record, else the next.
        int at = 1;
        try (JsonParser parser = factory.createParser(in)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                boolean found = false;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if ("records".equals(name) && value == JsonToken.START_ARRAY) {
                        found = true;
                        break;
                    }
                    parser.skipChildren();
                }
                if (!found) {
                    throw InvalidFileException.malformed("The JSON object has no 'records' array.");
                }
            } else if (first != JsonToken.START_ARRAY) {
                throw InvalidFileException.malformed("UHRI JSON is an array of records or an object with 'records'.");
            }
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
                index++;
                if (index > limits.maxRows()) {
                    throw InvalidFileException.malformed("The file has more than " + limits.maxRows() + " records.");
                }
                at = index;
                JsonNode node = mapper.readTree(parser);
                at = index + 1;
                if (!controlCharacters(index, node, null, problems)) {
                    onRecord.accept(toRecord(index, node, problems));
                }
            }
            if (token != JsonToken.END_ARRAY) {
                throw InvalidFileException.malformed(token == null
                        ? "The JSON ends before its array of records is closed (record " + (index + 1) + "); the file is truncated."
                        : "Record " + (index + 1) + " is not a JSON object.");
            }
            if (parser.nextToken() != null && first == JsonToken.START_ARRAY) {
                throw InvalidFileException.malformed("The JSON has content after its array of records.");
            }
        } catch (StreamConstraintsException e) {
            throw InvalidFileException.malformed("Record " + at + " breaks a limit of the import: "
                    + (e.getMessage().contains("nesting") ? "it is nested more than 20 levels deep."
                    : e.getMessage().contains("String value length") ? "a value is longer than " + limits.maxCellChars()
                    + " characters." : "a number is too long."));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            boolean truncated = String.valueOf(e.getOriginalMessage()).contains("end-of-input");
            throw InvalidFileException.malformed(truncated
                    ? "The JSON is malformed: it ends inside record " + at + "; the file is truncated."
                    : "The JSON is malformed" + where + " (record " + at + ").");
        } catch (IOException e) {
            if (e.getCause() instanceof InvalidFileException invalid) {
                throw invalid;
            }
            throw InvalidFileException.malformed("The JSON cannot be read" + (e instanceof java.util.zip.ZipException
                    || e instanceof java.io.EOFException ? ": its gzip compression is damaged or truncated." : "."));
        }
        return new ParsedFile(ImportFormat.UHRI_JSON, List.of(), problems, index);
    }

    /**
     * Adds a fatal problem for each string (or member name) of record {@code row} that holds a refused control
     * character ({@link ControlCharacters}), naming its field as {@code Countries[1]}; whether it found one.
     */
    private static boolean controlCharacters(int row, JsonNode node, String path, List<RowProblem> problems) {
        boolean found = false;
        if (node.isTextual()) {
            if (ControlCharacters.refused(node.textValue())) {
                problems.add(RowProblem.fatal(row, path, "The value " + ControlCharacters.violation(node.textValue()) + "."));
                return true;
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                found |= controlCharacters(row, node.get(i), path + "[" + i + "]", problems);
            }
        } else if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                String name = path == null ? ControlCharacters.visible(field.getKey())
                        : path + "." + ControlCharacters.visible(field.getKey());
                if (ControlCharacters.refused(field.getKey())) {
                    problems.add(RowProblem.fatal(row, name, "The field name " + ControlCharacters.violation(field.getKey()) + "."));
                    found = true;
                }
                found |= controlCharacters(row, field.getValue(), name, problems);
            }
        }
        return found;
    }

    private static ImportRecord toRecord(int row, JsonNode node, List<RowProblem> problems) {
        Fields f = new Fields(row, node, problems);
        UUID annotation = f.uuid("AnnotationId", true);
        UUID document = f.uuid("DocumentId", false);
        LocalDate published = f.date("PublicationDate");
        LocalDate onUhri = f.date("PublicationDateOnUhri");
        List<String> targets = new ArrayList<>();
        List<Integer> goals = new ArrayList<>();
        for (String sdg : f.strings("Sdgs")) {
            try {
                Cells.sdgs(List.of(sdg), targets, goals);
            } catch (IllegalArgumentException e) {
                problems.add(RowProblem.warning(row, "Sdgs", e.getMessage() + "; the value was left out."));
            }
        }
        Integer session = f.firstInteger("UprSession");
        Integer cycle = f.integer("UprCycle");
        if (cycle == null && session != null) {
            cycle = UhriTabularMapper.cycleOfSession(session);
        }
        List<String> positions = f.has("UprPositions") ? f.strings("UprPositions") : listOf(f.string("UprPosition"));
        List<String> recommending = f.has("UprRecommendingCountry") ? f.strings("UprRecommendingCountry")
                : f.strings("UprRecommendingStates");
        String[] paragraphAndText = UhriText.paragraphAndText(f.string("Text"));
        return new ImportRecord(row, annotation, f.string("Symbol"), paragraphAndText[0], paragraphAndText[1],
                f.strings("Countries"), f.string("Body"), position(positions), recommending, f.strings("Themes"),
                f.strings("AffectedPersons"), targets, goals, cycle, session, f.string("AnnotationType"),
                f.strings("Regions"), published, f.strings("UprRecommendingRegions"), document, onUhri);
    }

    private static List<String> listOf(String value) {
        return value == null ? List.of() : List.of(value);
    }

    /**
     * The position of a record from its {@code UprPositions}: none is not yet decided (null, stored as PENDING);
     * one is that one; several distinct ones are joined with " / " for the normaliser, which reads "Supported /
     * Noted" as supported in part.
     */
    private static String position(List<String> positions) {
        if (positions.isEmpty()) {
            return null;
        }
        return positions.size() == 1 ? positions.get(0) : String.join(" / ", positions);
    }

    /** Typed access to one record's fields; a value of the wrong JSON type is a fatal problem of the row. */
    private static final class Fields {
        private final int row;
        private final JsonNode node;
        private final List<RowProblem> problems;

        Fields(int row, JsonNode node, List<RowProblem> problems) {
            this.row = row;
            this.node = node;
            this.problems = problems;
        }

        boolean has(String field) {
            JsonNode v = node.get(field);
            return v != null && !v.isNull();
        }

        private void wrongType(String field, String expected) {
            problems.add(RowProblem.fatal(row, field, "'" + field + "' must be " + expected + ", not "
                    + node.get(field).getNodeType().name().toLowerCase(java.util.Locale.ROOT) + "."));
        }

        String string(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            if (v.isArray() && v.size() <= 1) {
                // Some exports wrap single values in an array.
                return v.isEmpty() ? null : scalar(field, v.get(0));
            }
            return scalar(field, v);
        }

        private String scalar(String field, JsonNode v) {
            if (!v.isTextual() && !v.isNumber()) {
                wrongType(field, "a string");
                return null;
            }
            return Cells.unprefixed(v.asText());
        }

        List<String> strings(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return List.of();
            }
            if (!v.isArray()) {
                wrongType(field, "an array of strings");
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : v) {
                if (item.isNull()) {
                    continue;
                }
                if (!item.isTextual()) {
                    wrongType(field, "an array of strings");
                    return List.of();
                }
                String s = Cells.unprefixed(item.textValue());
                if (s != null && !out.contains(s)) {
                    out.add(s);
                }
            }
            return out;
        }

        Integer integer(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull() || (v.isTextual() && v.textValue().isBlank())) {
                return null;
            }
            Integer n = positive(v);
            if (n == null) {
                wrongType(field, "a positive whole number");
            }
            return n;
        }

        /** The first of an array of numbers (as {@code UprSession} is), or a single number. */
        Integer firstInteger(String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isArray()) {
                return integer(field);
            }
            if (v.isEmpty()) {
                return null;
            }
            Integer n = positive(v.get(0));
            if (n == null) {
                wrongType(field, "an array of positive whole numbers");
            }
            return n;
        }

        /** A positive whole number, as a JSON number or a string of up to four digits; null if it is not one. */
        private static Integer positive(JsonNode v) {
            if (v.isIntegralNumber() && v.canConvertToInt() && v.intValue() > 0) {
                return v.intValue();
            }
            if (v.isTextual() && v.textValue().strip().matches("\\d{1,4}")) {
                int n = Integer.parseInt(v.textValue().strip());
                return n > 0 ? n : null;
            }
            return null;
        }

        UUID uuid(String field, boolean required) {
            String raw = string(field);
            if (raw == null) {
                if (required) {
                    problems.add(RowProblem.fatal(row, field, "The " + field + " is missing."));
                }
                return null;
            }
            try {
                return UUID.fromString(raw);
            } catch (IllegalArgumentException e) {
                problems.add(RowProblem.fatal(row, field, "'" + raw + "' is not a UUID."));
                return null;
            }
        }

        LocalDate date(String field) {
            try {
                return Cells.date(string(field));
            } catch (IllegalArgumentException e) {
                problems.add(RowProblem.fatal(row, field, e.getMessage()));
                return null;
            }
        }
    }
}
