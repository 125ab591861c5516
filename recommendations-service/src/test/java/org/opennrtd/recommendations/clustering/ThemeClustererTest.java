package org.opennrtd.recommendations.clustering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The clustering algorithms on vectors whose answer is known, without the embedding model. */
class ThemeClustererTest {

    /** n unit vectors around each of the given axes, at cosine about 0.9 to it. */
    static List<float[]> around(int dims, int[] axes, int n, long seed) {
        Random random = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (int axis : axes) {
            for (int i = 0; i < n; i++) {
                float[] v = new float[dims];
                v[axis] = 1;
                for (int d = 0; d < dims; d++) {
                    v[d] += (float) (random.nextGaussian() * 0.05);
                }
                out.add(SentenceEmbedder.normalise(v));
            }
        }
        return out;
    }

    @Test
    void averageLinkageMergesByMeanDistanceNotByTheClosestPair() {
        // a-b close; c is close to b but far from a: average linkage keeps c apart at a cut of 0.3.
        float[][] v = {
            SentenceEmbedder.normalise(new float[] {1, 0, 0}),
            SentenceEmbedder.normalise(new float[] {1, 0.6f, 0}),
            SentenceEmbedder.normalise(new float[] {0.5f, 1.2f, 0}),
            SentenceEmbedder.normalise(new float[] {0, 0, 1}),
        };
        int[] labels = AverageLinkage.cutAt(v, null, 0.3);
        assertEquals(labels[0], labels[1]);
        assertNotEquals(labels[1], labels[2]);
        assertNotEquals(labels[0], labels[3]);
        assertArrayEquals(new int[] {0, 0, 0, 1}, AverageLinkage.cutInto(v, null, 2));
        assertEquals(4, IntStream.of(AverageLinkage.cutAt(v, null, 0.0)).distinct().count());
        assertEquals(1, IntStream.of(AverageLinkage.cutInto(v, null, 1)).distinct().count());
    }

    @Test
    void theDistanceCutFindsTheNumberOfThemes() {
        List<float[]> vectors = around(32, new int[] {0, 5, 9, 17, 30}, 20, 1);
        int[] labels = new ThemeClusterer().cluster(vectors, null, f -> { });
        assertEquals(5, IntStream.of(labels).distinct().count());
        for (int t = 0; t < 5; t++) {
            int first = labels[t * 20];
            for (int i = 0; i < 20; i++) {
                assertEquals(first, labels[t * 20 + i]);
            }
        }
    }

    @Test
    void anAskedNumberOfClustersIsHonoured() {
        List<float[]> vectors = around(32, new int[] {0, 5, 9, 17, 30}, 10, 2);
        assertEquals(3, IntStream.of(new ThemeClusterer().cluster(vectors, 3, f -> { })).distinct().count());
        assertEquals(50, IntStream.of(new ThemeClusterer().cluster(vectors, 500, f -> { })).distinct().count());
        assertEquals(0, new ThemeClusterer().cluster(List.of(), null, f -> { }).length);
    }

    @Test
    void largeSetsGoThroughMicroClustersAndFindTheSameThemes() {
        List<float[]> vectors = around(32, new int[] {1, 4, 8, 16, 31, 20}, 300, 3);
        List<Double> progress = new ArrayList<>();
        // A direct limit of 300 forces the two-stage path on 1,800 vectors.
        int[] labels = new ThemeClusterer(0.5, 300, 42).cluster(vectors, null, progress::add);
        assertEquals(6, IntStream.of(labels).distinct().count());
        for (int t = 0; t < 6; t++) {
            int first = labels[t * 300];
            for (int i = 0; i < 300; i++) {
                assertEquals(first, labels[t * 300 + i]);
            }
        }
        assertEquals(1.0, progress.get(progress.size() - 1));
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1));
        }
    }

    @Test
    void labelsAreTheWordsThatSetAClusterApart() {
        List<String> texts = List.of(
                "Investigate allegations of torture by the police",
                "Prosecute torture and ill-treatment by police officers",
                "Prevent torture in places of detention",
                "Guarantee access to asylum for refugees",
                "End push-backs of asylum seekers at the border",
                "Protect refugees and asylum seekers from refoulement");
        List<List<String>> labels = ClusterLabeler.label(texts, new int[] {0, 0, 0, 1, 1, 1}, 2);
        assertEquals("torture", labels.get(0).get(0));
        assertEquals("asylum", labels.get(1).get(0));
        assertTrue(labels.get(0).contains("police"));
    }
}
