package org.opennrtd.recommendations.importing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * UHRI JSON: an array of records, or an object whose {@code records} member is that array; each record has
 * {@code AnnotationId, Symbol, Text, PublicationDate, AnnotationType, Countries[], AffectedPersons[], Themes[],
 * Sdgs[], Regions[], Body} (and, for UPR records, optionally {@code UprPosition}, {@code UprRecommendingStates},
 * {@code UprSession}). Records are streamed one at a time.
 */
final class UhriJsonRows {

    private UhriJsonRows() {
    }

    static ParsedFile read(String text, ImportLimits limits) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(limits.maxCellChars())
                        .maxNestingDepth(20).build())
                .build();
        ObjectMapper mapper = new ObjectMapper(factory);
        List<ImportRecord> records = new ArrayList<>();
        List<RowProblem> problems = new ArrayList<>();
        int index = 0;
        try (JsonParser parser = factory.createParser(text)) {
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
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                index++;
                if (index > limits.maxRows()) {
                    throw InvalidFileException.malformed("The file has more than " + limits.maxRows() + " records.");
                }
                JsonNode node = mapper.readTree(parser);
                records.add(toRecord(index, node, problems));
            }
            if (parser.currentToken() != JsonToken.END_ARRAY) {
                throw InvalidFileException.malformed("Record " + (index + 1) + " is not a JSON object.");
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw InvalidFileException.malformed("The JSON is malformed" + where + " (record " + (index + 1) + ").");
        } catch (IOException e) {
            throw InvalidFileException.malformed("The JSON cannot be read.");
        }
        return new ParsedFile(ImportFormat.UHRI_JSON, records, problems, index);
    }

    private static ImportRecord toRecord(int row, JsonNode node, List<RowProblem> problems) {
        UUID annotation = null;
        String rawId = string(node, "AnnotationId");
        if (rawId == null) {
            problems.add(RowProblem.fatal(row, "AnnotationId", "The annotation id is missing."));
        } else {
            try {
                annotation = UUID.fromString(rawId);
            } catch (IllegalArgumentException e) {
                problems.add(RowProblem.fatal(row, "AnnotationId", "'" + rawId + "' is not a UUID."));
            }
        }
        LocalDate published = null;
        try {
            published = Cells.date(string(node, "PublicationDate"));
        } catch (IllegalArgumentException e) {
            problems.add(RowProblem.fatal(row, "PublicationDate", e.getMessage()));
        }
        List<String> targets = new ArrayList<>();
        List<Integer> goals = new ArrayList<>();
        try {
            Cells.sdgs(strings(node, "Sdgs", row, problems), targets, goals);
        } catch (IllegalArgumentException e) {
            problems.add(RowProblem.fatal(row, "Sdgs", e.getMessage()));
        }
        Integer session = node.hasNonNull("UprSession") && node.get("UprSession").canConvertToInt()
                ? node.get("UprSession").asInt() : null;
        String[] paragraphAndText = Cells.paragraphAndText(string(node, "Text"));
        return new ImportRecord(row, annotation, string(node, "Symbol"), paragraphAndText[0], paragraphAndText[1],
                strings(node, "Countries", row, problems), string(node, "Body"), string(node, "UprPosition"),
                strings(node, "UprRecommendingStates", row, problems), strings(node, "Themes", row, problems),
                strings(node, "AffectedPersons", row, problems), targets, goals,
                session == null ? null : UhriTabularMapper.cycleOfSession(session), session,
                string(node, "AnnotationType"), strings(node, "Regions", row, problems), published);
    }

    private static String string(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.isTextual() ? v.textValue() : v.toString();
        return Cells.single(s);
    }

    private static List<String> strings(JsonNode node, String field, int row, List<RowProblem> problems) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            problems.add(RowProblem.fatal(row, field, "'" + field + "' must be an array of strings."));
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            String s = item.isTextual() ? item.textValue() : item.toString();
            if (s != null && !s.isBlank() && !out.contains(s.strip())) {
                out.add(s.strip());
            }
        }
        return out;
    }
}
