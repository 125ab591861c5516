package org.opennrtd.recommendations.clustering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.random.JDKRandomGenerator;

/**
 * Groups recommendations by theme from their sentence embeddings: average-linkage agglomerative clustering on cosine
 * distance ({@link AverageLinkage}), measured on OHCHR's own thematic grouping to beat k-means. The number of
 * clusters is chosen by cutting the tree at a cosine distance (0.5 by default: members of a cluster are on average
 * at least 0.5 similar), unless a number is asked for.
 *
 * <p>Beyond {@link #directLimit} texts the O(n²) tree would be too slow and too large, so clustering goes in two
 * stages: k-means++ (Apache Commons Math) on a sample picks micro-cluster centres, every text joins its nearest
 * centre (a few rounds of spherical k-means in floats), and the average-linkage tree is built over the micro-clusters'
 * centroids, weighted by their sizes. That path uses the text alone.
 */
public final class ThemeClusterer {

    public static final double DEFAULT_CUT = 0.5;
    public static final int DEFAULT_DIRECT_LIMIT = 5000;

    private final double cutDistance;
    private final int directLimit;
    private final long seed;

    public ThemeClusterer() {
        this(DEFAULT_CUT, DEFAULT_DIRECT_LIMIT, 42);
    }

    public ThemeClusterer(double cutDistance, int directLimit, long seed) {
        this.cutDistance = cutDistance;
        this.directLimit = directLimit;
        this.seed = seed;
    }

    /** Receives progress in [0, 1] while clustering. */
    public interface Progress {
        void report(double fraction);
    }

    /**
     * Cluster labels 0..k-1 by {@link RecommendationDistance} (text, imported themes, affected persons); {@code k}
     * null chooses it by the distance cut. When no two recommendations carry imported themes or affected persons,
     * or there are more than the direct limit, this is {@link #cluster(List, Integer, Progress)} on the text alone:
     * the two-stage path clusters centroids of embeddings, which have no theme sets.
     */
    public int[] cluster(List<float[]> vectors, RecommendationDistance distance, Integer k, Progress progress) {
        int n = vectors.size();
        if (n == 0 || n > directLimit || !distance.hasImportedSignals()) {
            return cluster(vectors, k, progress);
        }
        int[] labels = k == null ? AverageLinkage.cutAt(n, distance, cutDistance)
                : AverageLinkage.cutInto(n, distance, Math.min(k, n));
        progress.report(1);
        return labels;
    }

    /**
     * Cluster labels 0..k-1 for normalised vectors; {@code k} null chooses it by the distance cut. With more texts
     * than the direct limit, {@code k} cannot exceed the number of micro-clusters.
     */
    public int[] cluster(List<float[]> vectors, Integer k, Progress progress) {
        int n = vectors.size();
        if (n == 0) {
            return new int[0];
        }
        float[][] points = vectors.toArray(new float[0][]);
        if (n <= directLimit) {
            int[] labels = k == null ? AverageLinkage.cutAt(points, null, cutDistance)
                    : AverageLinkage.cutInto(points, null, Math.min(k, n));
            progress.report(1);
            return labels;
        }
        int micro = Math.min(n, Math.max(2, directLimit / 5));
        int[] assignment = microClusters(points, micro, progress);
        float[][] centroids = new float[micro][];
        double[] weights = new double[micro];
        for (int c = 0; c < micro; c++) {
            centroids[c] = new float[points[0].length];
        }
        for (int i = 0; i < n; i++) {
            add(centroids[assignment[i]], points[i]);
            weights[assignment[i]]++;
        }
        List<Integer> used = new ArrayList<>();
        for (int c = 0; c < micro; c++) {
            if (weights[c] > 0) {
                used.add(c);
            }
        }
        float[][] usedCentroids = new float[used.size()][];
        double[] usedWeights = new double[used.size()];
        int[] slot = new int[micro];
        for (int u = 0; u < used.size(); u++) {
            usedCentroids[u] = SentenceEmbedder.normalise(centroids[used.get(u)]);
            usedWeights[u] = weights[used.get(u)];
            slot[used.get(u)] = u;
        }
        int[] top = k == null ? AverageLinkage.cutAt(usedCentroids, usedWeights, cutDistance)
                : AverageLinkage.cutInto(usedCentroids, usedWeights, Math.min(k, usedCentroids.length));
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = top[slot[assignment[i]]];
        }
        progress.report(1);
        return relabel(labels);
    }

    /** Spherical k-means into {@code m} clusters, seeded by Commons Math's k-means++ on a sample. */
    private int[] microClusters(float[][] points, int m, Progress progress) {
        int n = points.length;
        int dims = points[0].length;
        Random random = new Random(seed);
        int sampleSize = Math.min(n, m * 4);
        int[] order = IntStream.range(0, n).toArray();
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        List<Point> sample = new ArrayList<>(sampleSize);
        for (int i = 0; i < sampleSize; i++) {
            sample.add(new Point(points[order[i]]));
        }
        JDKRandomGenerator generator = new JDKRandomGenerator();
        generator.setSeed(seed);
        // Seeding only (no iterations): the rounds below run over all points in floats, which is much faster.
        List<CentroidCluster<Point>> seeded = new KMeansPlusPlusClusterer<Point>(m, 0,
                new org.apache.commons.math3.ml.distance.EuclideanDistance(), generator).cluster(sample);
        float[][] centres = new float[seeded.size()][];
        for (int c = 0; c < centres.length; c++) {
            double[] p = seeded.get(c).getCenter().getPoint();
            float[] f = new float[dims];
            for (int d = 0; d < dims; d++) {
                f[d] = (float) p[d];
            }
            centres[c] = SentenceEmbedder.normalise(f);
        }
        progress.report(0.2);
        int[] assignment = new int[n];
        int rounds = 3;
        for (int round = 0; round < rounds; round++) {
            float[][] current = centres;
            IntStream.range(0, n).parallel().forEach(i -> {
                int best = 0;
                double bestDot = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < current.length; c++) {
                    double dot = SentenceEmbedder.dot(points[i], current[c]);
                    if (dot > bestDot) {
                        bestDot = dot;
                        best = c;
                    }
                }
                assignment[i] = best;
            });
            float[][] sums = new float[current.length][dims];
            int[] counts = new int[current.length];
            for (int i = 0; i < n; i++) {
                add(sums[assignment[i]], points[i]);
                counts[assignment[i]]++;
            }
            for (int c = 0; c < current.length; c++) {
                if (counts[c] > 0) {
                    centres[c] = SentenceEmbedder.normalise(sums[c]);
                }
            }
            progress.report(0.2 + 0.7 * (round + 1) / rounds);
        }
        return assignment;
    }

    private static void add(float[] sum, float[] v) {
        for (int d = 0; d < sum.length; d++) {
            sum[d] += v[d];
        }
    }

    private static int[] relabel(int[] labels) {
        int[] map = new int[labels.length + 1];
        Arrays.fill(map, -1);
        int next = 0;
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (map[labels[i]] < 0) {
                map[labels[i]] = next++;
            }
            out[i] = map[labels[i]];
        }
        return out;
    }

    private record Point(double[] point) implements Clusterable {
        Point(float[] v) {
            this(toDouble(v));
        }

        @Override
        public double[] getPoint() {
            return point;
        }

        private static double[] toDouble(float[] v) {
            double[] d = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                d[i] = v[i];
            }
            return d;
        }
    }
}
