package org.opennrtd.recommendations.importing;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recommendation cell of a matrix row: {@code <paragraph> <text> (<State>) (<State>); <text> (<State>);}
 * followed by a line {@code Source of Position: A/HRC/43/15/Add.1 - Para.3}.
 *
 * @param paragraph the paragraph number in the Working Group report, e.g. {@code 121.2}
 * @param text the phrasings without their bracketed States, joined by "; "
 * @param recommendingStates the bracketed States, in order, each once
 * @param documentSymbol the report's symbol, the Source of Position's without its {@code /Add.N}
 */
record RecommendationCell(String paragraph, String text, List<String> recommendingStates, String documentSymbol) {

    private static final String COLUMN = "Recommendation";
    private static final Pattern SOURCE_OF_POSITION = Pattern.compile("(?i)source\\s+of\\s+position\\s*:?");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z]{1,6}(?:/[A-Za-z0-9.\\-]+)+");
    private static final Pattern ADDENDUM = Pattern.compile("(?i)/Add\\.?\\s*\\d+.*$");
    private static final Pattern PARAGRAPH = Pattern.compile("(?s)^(\\d{1,4}(?:\\.\\d{1,4}){0,3})\\.?(?=\\s|\\p{L}|\\(|$)\\s*(.*)$");

    /**
     * The cell's recommendation, or null when the row is rejected (no text, no paragraph number, no text after it,
     * or no Source of Position); the reason is added to {@code problems}.
     */
    static RecommendationCell read(int row, String cell, List<RowProblem> problems) {
        Matcher source = SOURCE_OF_POSITION.matcher(cell);
        String body = PlainLine.of(source.find() ? cell.substring(0, source.start()) : cell);
        String symbol = symbol(cell);

        if (body.isEmpty()) {
            problems.add(RowProblem.rejected(row, COLUMN, "The row has no recommendation."));
            return null;
        }
        Matcher paragraph = PARAGRAPH.matcher(body);
        if (!paragraph.matches()) {
            problems.add(RowProblem.rejected(row, COLUMN, "The recommendation does not start with its "
                    + "paragraph number (e.g. '121.2 Ratify ...'): '" + abbreviate(body) + "'."));
            return null;
        }
        StatesInBrackets.Phrasings phrasings = StatesInBrackets.split(paragraph.group(2));
        if (phrasings.text().isEmpty()) {
            problems.add(RowProblem.rejected(row, COLUMN, "Recommendation " + paragraph.group(1) + " has no text."));
            return null;
        }
        if (symbol == null) {
            problems.add(RowProblem.rejected(row, COLUMN, "Recommendation " + paragraph.group(1)
                    + " has no 'Source of Position: <document symbol>' line, so its report is unknown."));
            return null;
        }
        return new RecommendationCell(paragraph.group(1), phrasings.text(), phrasings.states(), symbol);
    }

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

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
