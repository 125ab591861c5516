package org.opennrtd.recommendations.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.importing.DocxTableRows.Cell;
import org.opennrtd.recommendations.importing.UprMatrixLayout.Column;

/** The parts of a matrix row, each read on its own: the layout, the recommendation, themes and SDG cells. */
class UprMatrixCellsTest {

    @Test
    void theLayoutIsFoundFromTheHeaderTextOfEachCycle() {
        List<Cell> cycle4 = List.of(new Cell(0, 1, "Recommendation and recommending State"),
                new Cell(1, 1, "Position of the State under review"),
                new Cell(2, 1, "Human rights themes and groups of persons"), new Cell(3, 1, "Relevant SDGs"));
        UprMatrixLayout layout = UprMatrixLayout.ofHeader(cycle4);
        List<Cell> row = List.of(new Cell(0, 1, "rec"), new Cell(1, 1, "pos"), new Cell(2, 1, "themes"),
                new Cell(3, 1, "sdgs"));
        assertEquals("rec", layout.text(row, Column.RECOMMENDATION));
        assertEquals("pos", layout.text(row, Column.POSITION));
        assertEquals("themes", layout.text(row, Column.THEMES));
        assertEquals("sdgs", layout.text(row, Column.SDGS));

        UprMatrixLayout cycle3 = UprMatrixLayout.ofHeader(List.of(new Cell(0, 1, "Recommendation"),
                new Cell(1, 1, "Position"), new Cell(2, 2, "Full list of themes")));
        List<Cell> spanning = List.of(new Cell(0, 1, "rec"), new Cell(1, 1, "pos"), new Cell(2, 1, "themes"));
        assertEquals("themes", cycle3.text(spanning, Column.THEMES));
        assertEquals("", cycle3.text(spanning, Column.SDGS), "the cycle-3 layout has no SDGs column");

        assertNull(UprMatrixLayout.ofHeader(List.of(new Cell(0, 1, "Recommendations"), new Cell(1, 1, "Slovenia"))),
                "a title row naming only recommendations is no header");
        assertNull(UprMatrixLayout.ofHeader(List.of(new Cell(0, 1, "121.1 Ratify the recommendation"),
                new Cell(1, 1, "Position"))), "a cell starting with a paragraph number is no column name");
    }

    @Test
    void aRecommendationCellGivesParagraphTextStatesAndReport() {
        List<RowProblem> problems = new ArrayList<>();
        RecommendationCell cell = RecommendationCell.read(7, "121.2 Complete the ratification (Ukraine); "
                + "ratify it (Slovakia) (Ukraine)\nSource of Position: A/HRC/43/15/Add.1 - Para.3", problems);
        assertEquals(new RecommendationCell("121.2", "Complete the ratification; ratify it",
                List.of("Ukraine", "Slovakia"), "A/HRC/43/15"), cell);
        assertEquals(List.of(), problems);
    }

    @Test
    void aRecommendationCellWithoutParagraphTextOrSourceIsRejectedWithTheReason() {
        List<RowProblem> problems = new ArrayList<>();
        assertNull(RecommendationCell.read(3, "Ratify (France)\nSource of Position: A/HRC/43/15", problems));
        assertNull(RecommendationCell.read(4, "121.3 (France)\nSource of Position: A/HRC/43/15", problems));
        assertNull(RecommendationCell.read(5, "121.4 Ratify (France)", problems));
        assertNull(RecommendationCell.read(6, "  \nSource of Position: A/HRC/43/15", problems));
        assertEquals(List.of(
                RowProblem.rejected(3, "Recommendation", "The recommendation does not start with its paragraph number"
                        + " (e.g. '121.2 Ratify ...'): 'Ratify (France)'."),
                RowProblem.rejected(4, "Recommendation", "Recommendation 121.3 has no text."),
                RowProblem.rejected(5, "Recommendation", "Recommendation 121.4 has no 'Source of Position: <document"
                        + " symbol>' line, so its report is unknown."),
                RowProblem.rejected(6, "Recommendation", "The row has no recommendation.")), problems);
    }

    @Test
    void bracketsAreStatesOnlyWhenTheyReadLikeStates() {
        assertTrue(StatesInBrackets.looksLikeState("Bolivia (Plurinational State of)"));
        assertTrue(StatesInBrackets.looksLikeState("the Netherlands"));
        assertFalse(StatesInBrackets.looksLikeState("UN"), "an acronym");
        assertFalse(StatesInBrackets.looksLikeState("No. 29"), "a number");
        assertFalse(StatesInBrackets.looksLikeState("Istanbul Convention"), "a treaty");
        assertFalse(StatesInBrackets.looksLikeState("civil society"), "lower case");
        assertEquals(List.of("Austria", "Bolivia (Plurinational State of, the)"),
                StatesInBrackets.statesIn("Austria, Bolivia (Plurinational State of, the)"));
        assertNull(StatesInBrackets.statesIn("Austria, 2011"));
    }

    @Test
    void theThemesCellGivesThemesPersonsAndSdgsAndTheSdgsColumnAddsToThem() {
        SdgCodes sdgs = new SdgCodes();
        ThemesCell cell = ThemesCell.read("A12 Acceptance of international norms\n- Enforced disappearances\n"
                + "SDGs: - 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS\n- 5 - GENDER EQUALITY\n"
                + "Affected persons:\n- Disappeared persons\n- Women", sdgs);
        assertEquals(List.of("Acceptance of international norms", "Enforced disappearances"), cell.themes());
        assertEquals(List.of("Disappeared persons", "Women"), cell.affectedPersons());
        for (String line : "16.3 Promote the rule of law\nTarget 5.a\n- 16 - PEACE\n18 - no such goal\n16.10".split("\n")) {
            sdgs.addLine(line);
        }
        assertEquals(List.of(16, 5), sdgs.goals(), "goals in order of first mention, each once");
        assertEquals(List.of("16.3", "5.a", "16.10"), sdgs.targets());
    }
}
