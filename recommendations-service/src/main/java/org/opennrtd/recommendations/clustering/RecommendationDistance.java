package org.opennrtd.recommendations.clustering;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one distance automatic clustering uses between two recommendations, joining their text and, when both carry
 * them, their imported themes and affected persons:
 *
 * <pre>
 * d = (w_text * (1 - cosine) + w_theme * d_theme + w_aff * d_aff) / (w_text + w_theme + w_aff)
 * </pre>
 *
 * where {@code cosine} is that of the L2-normalised sentence embeddings, {@code d_theme} is the weighted Jaccard
 * distance of the theme sets (1 - sum of the smaller weights over sum of the larger ones, each theme weighing 1 and
 * the first one listed {@code firstTheme}: in OHCHR's matrices the first theme is the group the recommendation is
 * filed under) and {@code d_aff} the plain Jaccard distance of the affected persons. A signal either recommendation
 * lacks (no theme, no affected person) drops out of both the sum and the weights, so that recommendations without
 * imported themes are compared on text alone and the distance stays in [0, 1]. Themes and persons compare without
 * case and surrounding blanks.
 */
public final class RecommendationDistance implements AverageLinkage.Distance {

    /** The signals' weights; {@code firstTheme} is the weight of the first theme inside a theme set. */
    public record Weights(double text, double theme, double affectedPersons, double firstTheme) {

        public static final Weights DEFAULT = new Weights(0.5, 0.4, 0.1, 2);
        public static final Weights TEXT_ONLY = new Weights(1, 0, 0, 1);

        public Weights {
            if (text <= 0 || theme < 0 || affectedPersons < 0 || firstTheme < 1) {
                throw new IllegalArgumentException("Weights need text > 0, theme >= 0, affected persons >= 0 and"
                        + " first theme >= 1: " + text + ", " + theme + ", " + affectedPersons + ", " + firstTheme);
            }
        }
    }

    private final float[][] vectors;
    private final int[][] themeIds;
    private final double[][] themeWeights;
    private final int[][] personIds;
    private final Weights weights;

    /**
     * @param vectors  L2-normalised embeddings
     * @param themes   each recommendation's imported themes in the file's order (empty or null: none)
     * @param persons  each recommendation's affected persons (empty or null: none)
     */
    public RecommendationDistance(List<float[]> vectors, List<List<String>> themes, List<List<String>> persons,
            Weights weights) {
        int n = vectors.size();
        this.vectors = vectors.toArray(new float[0][]);
        this.weights = weights;
        this.themeIds = new int[n][];
        this.themeWeights = new double[n][];
        this.personIds = new int[n][];
        Map<String, Integer> themeIndex = new HashMap<>();
        Map<String, Integer> personIndex = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Map<Integer, Double> t = new LinkedHashMap<>();
            List<String> ts = themes == null || themes.get(i) == null ? List.of() : themes.get(i);
            for (String theme : ts) {
                String key = key(theme);
                if (!key.isEmpty()) {
                    t.putIfAbsent(themeIndex.computeIfAbsent(key, x -> themeIndex.size()),
                            t.isEmpty() ? weights.firstTheme() : 1.0);
                }
            }
            int[] ids = t.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            double[] w = new double[ids.length];
            for (int a = 0; a < ids.length; a++) {
                w[a] = t.get(ids[a]);
            }
            themeIds[i] = ids;
            themeWeights[i] = w;
            List<String> ps = persons == null || persons.get(i) == null ? List.of() : persons.get(i);
            personIds[i] = ps.stream().map(RecommendationDistance::key).filter(k -> !k.isEmpty())
                    .mapToInt(k -> personIndex.computeIfAbsent(k, x -> personIndex.size())).distinct().sorted().toArray();
        }
    }

    /** Whether any two recommendations can be compared on more than their text. */
    public boolean hasImportedSignals() {
        int withThemes = 0;
        int withPersons = 0;
        for (int i = 0; i < vectors.length; i++) {
            withThemes += themeIds[i].length > 0 ? 1 : 0;
            withPersons += personIds[i].length > 0 ? 1 : 0;
        }
        return (weights.theme() > 0 && withThemes >= 2) || (weights.affectedPersons() > 0 && withPersons >= 2);
    }

    @Override
    public double between(int i, int j) {
        double textDistance = Math.max(0, 1 - SentenceEmbedder.dot(vectors[i], vectors[j]));
        double sum = weights.text() * textDistance;
        double total = weights.text();
        if (weights.theme() > 0 && themeIds[i].length > 0 && themeIds[j].length > 0) {
            sum += weights.theme() * weightedJaccardDistance(themeIds[i], themeWeights[i], themeIds[j], themeWeights[j]);
            total += weights.theme();
        }
        if (weights.affectedPersons() > 0 && personIds[i].length > 0 && personIds[j].length > 0) {
            sum += weights.affectedPersons() * jaccardDistance(personIds[i], personIds[j]);
            total += weights.affectedPersons();
        }
        return sum / total;
    }

    /** 1 - Σ min / Σ max over two sorted id lists with weights (a missing id weighs 0). */
    static double weightedJaccardDistance(int[] a, double[] wa, int[] b, double[] wb) {
        double min = 0;
        double max = 0;
        int x = 0;
        int y = 0;
        while (x < a.length || y < b.length) {
            if (y >= b.length || (x < a.length && a[x] < b[y])) {
                max += wa[x++];
            } else if (x >= a.length || b[y] < a[x]) {
                max += wb[y++];
            } else {
                min += Math.min(wa[x], wb[y]);
                max += Math.max(wa[x], wb[y]);
                x++;
                y++;
            }
        }
        return max == 0 ? 0 : 1 - min / max;
    }

    static double jaccardDistance(int[] a, int[] b) {
        double[] ones = new double[Math.max(a.length, b.length)];
        Arrays.fill(ones, 1);
        return weightedJaccardDistance(a, ones, b, ones);
    }

    static String key(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }
}
