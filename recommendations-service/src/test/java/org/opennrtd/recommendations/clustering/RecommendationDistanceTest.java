package org.opennrtd.recommendations.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one clustering distance: its parts, its weights and what it does when a signal is missing. */
class RecommendationDistanceTest {

    /** Two unit vectors at cosine 0.6 and a third equal to the first. */
    static final List<float[]> VECTORS = List.of(new float[] {1, 0}, new float[] {0.6f, 0.8f}, new float[] {1, 0});

    @Test
    void withoutImportedSignalsItIsTheTextsCosineDistance() {
        RecommendationDistance d = new RecommendationDistance(VECTORS, null, null, RecommendationDistance.Weights.DEFAULT);
        assertEquals(0.4, d.between(0, 1), 1e-6);
        assertFalse(d.hasImportedSignals());
    }

    @Test
    void aSignalOneSideLacksLeavesTheSumAndTheWeightsAreRenormalised() {
        RecommendationDistance d = new RecommendationDistance(VECTORS,
                List.of(List.of("Roma"), List.of(), List.of("Roma")), null, RecommendationDistance.Weights.DEFAULT);
        assertEquals(0.4, d.between(0, 1), 1e-6, "the second has no themes: text alone");
        assertEquals(0.0, d.between(0, 2), 1e-6, "same text, same theme");
        assertTrue(d.hasImportedSignals());
    }

    @Test
    void theFirstThemeWeighsMoreThanTheOthers() {
        // {a:2, b:1} against {b:2, a:1}: min sum 2, max sum 4, distance 0.5; {a:2, b:1} against {a:2, c:1}: 2/4 too,
        // but {a:2, b:1} against {c:2, a:1}: min 1, max 2 + 1 + 2 = 5, distance 0.8.
        assertEquals(0.5, theme(List.of("A", "b"), List.of("b", "a ")), 1e-9);
        assertEquals(0.5, theme(List.of("A", "b"), List.of("a", "c")), 1e-9);
        assertEquals(0.8, theme(List.of("A", "b"), List.of("c", "a")), 1e-9);
        assertEquals(1.0, theme(List.of("A"), List.of("c")), 1e-9);
    }

    @Test
    void textThemesAndPersonsJoinInOneWeightedMean() {
        RecommendationDistance d = new RecommendationDistance(VECTORS, List.of(List.of("x"), List.of("y"), List.of()),
                List.of(List.of("Roma", "children"), List.of("roma"), List.of()),
                new RecommendationDistance.Weights(0.5, 0.4, 0.1, 2));
        // (0.5 * 0.4 + 0.4 * 1 + 0.1 * 0.5) / 1.0
        assertEquals(0.65, d.between(0, 1), 1e-6);
    }

    private static double theme(List<String> a, List<String> b) {
        List<float[]> same = List.of(new float[] {1, 0}, new float[] {1, 0});
        // Text distance 0, so d = 0.4 * d_theme / 0.9 with the default weights: undo the mean.
        return new RecommendationDistance(same, List.of(a, b), null, RecommendationDistance.Weights.DEFAULT)
                .between(0, 1) * 0.9 / 0.4;
    }
}
