package org.opennrtd.recommendations.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * OpenNRTD's own CSV template for recommendations a State enters by hand: one recommendation per line, list
 * values separated by {@code |}. Keyed by document symbol and paragraph, or by UHRI annotation id when known.
 */
public final class TemplateCsv {

    public static final List<String> COLUMNS = List.of("documentSymbol", "paragraph", "text", "body", "position",
            "uprCycle", "uprSession", "recommendingStates", "themes", "affectedPersons", "sdgTargets", "sdgGoals",
            "publicationDate", "uhriAnnotationId");

    private static final List<String> EXAMPLE = List.of("A/HRC/43/15", "121.1",
            "Ratify the International Convention for the Protection of All Persons from Enforced Disappearance",
            "UPR", "Supported", "3", "34", "France|Lithuania", "Acceptance of international norms|Enforced disappearances",
            "Disappeared persons", "16.3", "16", "2020-01-16", "");

    private TemplateCsv() {
    }

    /** The template: its header and one example line, RFC 4180 quoted. */
    public static String template() {
        return line(COLUMNS) + line(EXAMPLE);
    }

    static boolean isTemplateHeader(List<String> header) {
        return header.stream().map(String::strip).toList().containsAll(List.of("documentSymbol", "paragraph", "text"));
    }

    static Map<String, Integer> columns(List<String> header, List<RowProblem> problems) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.putIfAbsent(header.get(i).strip(), i);
        }
        for (String required : List.of("text", "documentSymbol", "paragraph")) {
            if (!columns.containsKey(required)) {
                problems.add(RowProblem.fatal(1, required, "The key column '" + required + "' is missing."));
            }
        }
        return columns;
    }

    static ImportRecord toRecord(int row, List<String> cells, Map<String, Integer> columns, List<RowProblem> problems) {
        String symbol = get(cells, columns, "documentSymbol");
        String paragraph = get(cells, columns, "paragraph");
        if (symbol == null || paragraph == null) {
            problems.add(RowProblem.fatal(row, symbol == null ? "documentSymbol" : "paragraph",
                    "Each line needs a document symbol and a paragraph, its key."));
        }
        UUID annotation = null;
        String rawId = get(cells, columns, "uhriAnnotationId");
        if (rawId != null) {
            try {
                annotation = UUID.fromString(rawId);
            } catch (IllegalArgumentException e) {
                problems.add(RowProblem.fatal(row, "uhriAnnotationId", "'" + rawId + "' is not a UUID."));
            }
        }
        LocalDate published = null;
        try {
            published = Cells.date(get(cells, columns, "publicationDate"));
        } catch (IllegalArgumentException e) {
            problems.add(RowProblem.fatal(row, "publicationDate", e.getMessage()));
        }
        List<String> targets = new ArrayList<>();
        List<Integer> goals = new ArrayList<>();
        try {
            List<String> sdg = new ArrayList<>(list(cells, columns, "sdgTargets"));
            sdg.addAll(list(cells, columns, "sdgGoals"));
            Cells.sdgs(sdg, targets, goals);
        } catch (IllegalArgumentException e) {
            problems.add(RowProblem.fatal(row, "sdgTargets", e.getMessage()));
        }
        return new ImportRecord(row, annotation, symbol, paragraph, get(cells, columns, "text"), List.of(),
                get(cells, columns, "body"), get(cells, columns, "position"), list(cells, columns, "recommendingStates"),
                list(cells, columns, "themes"), list(cells, columns, "affectedPersons"), targets, goals,
                integer(cells, columns, "uprCycle", row, problems), integer(cells, columns, "uprSession", row, problems),
                "Recommendation", List.of(), published);
    }

    private static Integer integer(List<String> cells, Map<String, Integer> columns, String column, int row,
            List<RowProblem> problems) {
        String v = get(cells, columns, column);
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            problems.add(RowProblem.fatal(row, column, "'" + v + "' is not a whole number."));
            return null;
        }
    }

    private static List<String> list(List<String> cells, Map<String, Integer> columns, String column) {
        String v = get(cells, columns, column);
        if (v == null) {
            return List.of();
        }
        return Arrays.stream(v.split("\\|")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private static String get(List<String> cells, Map<String, Integer> columns, String column) {
        Integer i = columns.get(column);
        return i == null || i >= cells.size() ? null : Cells.single(cells.get(i));
    }

    private static String line(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(v.matches(".*[,\"\\r\\n|].*") || v.isEmpty() ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
        }
        return sb.append("\r\n").toString();
    }
}
