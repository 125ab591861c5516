package org.opennrtd.common.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;

/**
 * A {@code sort} parameter ({@code -publicationDate,documentSymbol}) translated into an SQL {@code ORDER BY}
 * list through a whitelist of properties, so that no caller text ever reaches the SQL.
 */
public final class SortOrder {

    private SortOrder() {
    }

    /**
     * @param sort the parameter, or null/blank for the default
     * @param columns property name to SQL expression
     * @param fallback the ORDER BY list to use when sort is absent
     * @param tieBreaker appended so that paging is stable
     */
    public static String toSql(String sort, Map<String, String> columns, String fallback, String tieBreaker) {
        if (sort == null || sort.isBlank()) {
            return fallback + ", " + tieBreaker;
        }
        List<String> parts = new ArrayList<>();
        for (String raw : sort.split(",")) {
            String item = raw.trim();
            boolean descending = item.startsWith("-");
            String property = descending ? item.substring(1) : item;
            String column = columns.get(property);
            if (column == null) {
                String message = "cannot sort by '" + property + "'; use one of " + String.join(", ", columns.keySet());
                throw ProblemException.badRequest("sort: " + message, List.of(new FieldViolation("sort", message)));
            }
            parts.add(column + (descending ? " desc nulls last" : " asc nulls last"));
        }
        parts.add(tieBreaker);
        return String.join(", ", parts);
    }
}
