package org.opennrtd.recommendations.clustering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NearDuplicateFinderTest {

    private static final List<String> TEXTS = List.of(
            /* 0 */ "Ratify the Optional Protocol to the Convention against Torture",
            /* 1 */ "Consider ratifying the Optional Protocol to the Convention against Torture",
            /* 2 */ "Complete the ratification of the Optional Protocol to the Convention against Torture",
            /* 3 */ "Ratify the Convention on the Rights of Persons with Disabilities",
            /* 4 */ "Ensure access to safe drinking water in rural areas",
            /* 5 */ "Guarantee access to safe drinking water in all rural areas",
            /* 6 */ "Adopt a national action plan on business and human rights",
            /* 7 */ "",
            /* 8 */ "Ratify the Optional Protocol to the Convention against Torture");

    private static Set<Set<Integer>> groups(NearDuplicateFinder.Result result) {
        return result.groups().stream()
                .map(g -> Arrays.stream(g.members()).boxed().collect(Collectors.toSet()))
                .collect(Collectors.toSet());
    }

    @Test
    void groupsTextsThatAskForTheSameThingAndNothingElse() {
        NearDuplicateFinder.Result result = new NearDuplicateFinder(0.45).find(TEXTS);
        assertEquals(Set.of(Set.of(0, 1, 2, 8), Set.of(4, 5)), groups(result));
        assertEquals(TEXTS.size(), result.texts());
    }

    @Test
    void scoresLieInTheOpenUnitIntervalAndTheRepresentativeComesFirst() {
        NearDuplicateFinder.Result result = new NearDuplicateFinder(0.45).find(TEXTS);
        NearDuplicateFinder.Group torture = result.groups().get(0);
        assertEquals(4, torture.members().length, "largest group first");
        assertEquals(1.0, torture.scores()[0], 1e-9, "the representative's score to itself");
        for (int k = 1; k < torture.scores().length; k++) {
            assertTrue(torture.scores()[k] <= torture.scores()[k - 1], "members by decreasing score");
        }
        assertEquals(6, torture.pairs().size(), "every pair of 4 members");
        for (NearDuplicateFinder.Group g : result.groups()) {
            for (NearDuplicateFinder.Pair p : g.pairs()) {
                assertTrue(p.score() > 0 && p.score() <= 1, "score " + p.score());
            }
            assertTrue(g.cohesion() > 0.45 && g.cohesion() <= 1, "cohesion " + g.cohesion());
        }
        NearDuplicateFinder.Pair identical = torture.pairs().stream()
                .filter(p -> p.a() == 0 && p.b() == 8).findFirst().orElseThrow();
        assertEquals(1.0, identical.score(), 1e-9);
    }

    @Test
    void averageLinkageDoesNotChainDifferentRequestsThroughAnOverlappingOne() {
        List<String> texts = List.of(
                "Ratify the Convention on the Reduction of Statelessness",
                "Ratify the Convention on the Reduction of Statelessness and the Optional Protocol to the Covenant"
                        + " on Economic, Social and Cultural Rights",
                "Ratify the Optional Protocol to the Covenant on Economic, Social and Cultural Rights");
        TextVectors vectors = TextVectors.of(texts);
        assertTrue(vectors.cosine(0, 2) < 0.1, "the two requests have little in common");
        double threshold = Math.min(vectors.cosine(0, 1), vectors.cosine(1, 2)) - 0.01;
        NearDuplicateFinder.Result result = new NearDuplicateFinder(threshold).find(texts);
        assertEquals(1, result.groups().size(), "the overlapping text joins one of them, not both");
        assertEquals(2, result.groups().get(0).members().length);
    }

    @Test
    void noTextsNoGroups() {
        assertEquals(List.of(), new NearDuplicateFinder(0.5).find(List.of()).groups());
        assertEquals(List.of(), new NearDuplicateFinder(0.5).find(List.of("Only one")).groups());
        assertThrows(IllegalArgumentException.class, () -> new NearDuplicateFinder(0));
    }
}
