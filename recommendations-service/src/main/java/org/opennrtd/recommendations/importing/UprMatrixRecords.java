package org.opennrtd.recommendations.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opennrtd.common.text.ControlCharacters;
import org.opennrtd.recommendations.importing.UprMatrixLayout.Column;

/**
 * The records of a UPR matrix, made from its table rows in document order: rows before the first header row are
 * passed over (a title table, say); a header row sets the {@link UprMatrixLayout layout} of the rows after it; a row
 * whose one filled cell reads {@code Theme: <theme>} opens a group; every other row with text is a recommendation
 * row, read into an {@link ImportRecord} or rejected with a {@link RowProblem}.
 *
 * <p>A record's {@code themes} start with the group's theme (added when the themes cell leaves it out); its SDGs
 * are those of the themes cell, then those of the SDGs column; {@code countries} is empty (the import names the
 * State under review).
 */
final class UprMatrixRecords {

    private static final Pattern THEME_GROUP = Pattern.compile("(?is)^\\s*theme\\s*:\\s*(.*)$");

    private final List<ImportRecord> records = new ArrayList<>();
    private final List<RowProblem> problems = new ArrayList<>();
    private UprMatrixLayout layout;
    private String groupTheme;
    private int rowsRead;

    /** Takes the next table row; {@code row} is its 1-based number over all tables. */
    void row(int row, List<DocxTableRows.Cell> cells) {
        UprMatrixLayout header = UprMatrixLayout.ofHeader(cells);
        if (header != null) {
            layout = header;
            return;
        }
        if (layout == null) {
            return; // before the matrix, e.g. a title table
        }
        List<DocxTableRows.Cell> filled = cells.stream().filter(c -> !c.text().isBlank()).toList();
        if (filled.isEmpty()) {
            return;
        }
        Matcher theme = THEME_GROUP.matcher(filled.get(0).text());
        if (filled.size() == 1 && theme.matches()) {
            groupTheme = ThemesCell.withoutThemeCode(PlainLine.of(theme.group(1)));
            return;
        }
        rowsRead++;
        boolean controlled = false;
        for (DocxTableRows.Cell cell : cells) {
            // XML 1.0 cannot carry these characters, so a parsed document has none; checked so that the rule holds here too.
            if (ControlCharacters.refused(cell.text())) {
                problems.add(RowProblem.fatal(row, "column " + (cell.gridStart() + 1), "The cell "
                        + ControlCharacters.violation(cell.text()) + "."));
                controlled = true;
            }
        }
        if (!controlled) {
            recommendation(row, cells);
        }
    }

    /**
     * What the rows made; {@code rowsRead} counts recommendation rows (records plus rejected rows), not the header,
     * {@code Theme:} or empty rows.
     *
     * @throws InvalidFileException (415) when no row was a matrix header
     */
    ParsedFile result() {
        if (layout == null) {
            throw InvalidFileException.unsupported("No UPR matrix found: the document has no table with a header "
                    + "row such as 'Recommendation | Position | Full list of themes'.");
        }
        return new ParsedFile(ImportFormat.UPR_MATRIX_DOCX, List.copyOf(records), List.copyOf(problems), rowsRead);
    }

    private void recommendation(int row, List<DocxTableRows.Cell> cells) {
        RecommendationCell recommendation = RecommendationCell.read(row, layout.text(cells, Column.RECOMMENDATION),
                problems);
        if (recommendation == null) {
            return;
        }
        SdgCodes sdgs = new SdgCodes();
        ThemesCell themesCell = ThemesCell.read(layout.text(cells, Column.THEMES), sdgs);
        for (String l : layout.text(cells, Column.SDGS).split("\n")) {
            sdgs.addLine(l);
        }
        List<String> themes = new ArrayList<>(themesCell.themes());
        if (groupTheme != null && !groupTheme.isEmpty() && !themes.contains(groupTheme)) {
            themes.add(0, groupTheme);
        }
        String position = PlainLine.of(layout.text(cells, Column.POSITION));

        records.add(new ImportRecord(row, null, recommendation.documentSymbol(), recommendation.paragraph(),
                recommendation.text(), List.of(), "UPR", position.isEmpty() ? null : position,
                recommendation.recommendingStates(), List.copyOf(themes), themesCell.affectedPersons(), sdgs.targets(),
                sdgs.goals(), null, null, "Recommendation", List.of(), null));
    }
}
