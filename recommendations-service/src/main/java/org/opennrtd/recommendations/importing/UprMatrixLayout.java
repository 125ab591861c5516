package org.opennrtd.recommendations.importing;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where a UPR matrix keeps each column, recognised from the header row's text rather than by position, so the
 * layouts of the second, third and fourth cycles all work: a cell naming "SDG" is the SDGs column ({@code Relevant
 * SDGs}), else one naming "theme" the themes ({@code Full list of themes}, {@code Human rights themes and groups of
 * persons}), else one naming "position" the position ({@code Position of the State under review}), else one naming
 * "recommendation" the recommendation ({@code Recommendation and recommending State}). The first cell found for a
 * column wins. A row is the header when it names the recommendation column and the position or the themes column.
 */
final class UprMatrixLayout {

    enum Column { RECOMMENDATION, POSITION, THEMES, SDGS }

    /** The first grid column of each column found. */
    private final Map<Column, Integer> gridColumns;

    private UprMatrixLayout(Map<Column, Integer> gridColumns) {
        this.gridColumns = gridColumns;
    }

    /** The layout the row announces, or null when the row is no matrix header. */
    static UprMatrixLayout ofHeader(List<DocxTableRows.Cell> row) {
        Map<Column, Integer> found = new EnumMap<>(Column.class);
        for (DocxTableRows.Cell c : row) {
            String t = PlainLine.of(c.text()).toLowerCase(Locale.ROOT);
            if (t.isEmpty() || t.length() > 120 || Character.isDigit(t.charAt(0))) {
                continue;
            }
            Column column = t.contains("sdg") ? Column.SDGS
                    : t.contains("theme") ? Column.THEMES
                    : t.contains("position") ? Column.POSITION
                    : t.contains("recommendation") ? Column.RECOMMENDATION
                    : null;
            if (column != null) {
                found.putIfAbsent(column, c.gridStart());
            }
        }
        boolean isHeader = found.containsKey(Column.RECOMMENDATION)
                && (found.containsKey(Column.POSITION) || found.containsKey(Column.THEMES));
        return isHeader ? new UprMatrixLayout(found) : null;
    }

    /** The text of the row's cell in that column; empty when the layout has no such column or the row no such cell. */
    String text(List<DocxTableRows.Cell> row, Column column) {
        Integer grid = gridColumns.get(column);
        if (grid == null) {
            return "";
        }
        return row.stream().filter(c -> c.covers(grid)).map(DocxTableRows.Cell::text).findFirst().orElse("");
    }
}
