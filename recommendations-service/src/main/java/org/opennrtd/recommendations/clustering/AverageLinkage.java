package org.opennrtd.recommendations.clustering;

import java.util.Arrays;

/**
 * Agglomerative clustering with average linkage on cosine distance (1 - cosine similarity), by the
 * nearest-neighbour-chain algorithm: O(n²) time and a condensed n(n-1)/2 distance matrix of floats. Items may carry
 * weights (how many recommendations a micro-cluster's centroid stands for), which average linkage then respects.
 * The tree is cut either at a distance (clusters whose members are on average closer than it) or into k clusters.
 */
public final class AverageLinkage {

    /** One merge of the tree: the two clusters (named by one member each) and their average distance. */
    record Merge(int a, int b, float distance) {
    }

    private AverageLinkage() {
    }

    /** A distance between items i and j, symmetric, non-negative. */
    public interface Distance {
        double between(int i, int j);
    }

    /** Cluster labels 0..k-1 for n items with any distance, cutting into {@code k} clusters. */
    public static int[] cutInto(int n, Distance distance, int k) {
        return labels(n, merges(n, distance, null), k, Double.POSITIVE_INFINITY);
    }

    /** Cluster labels 0..k-1 for n items with any distance, cutting at {@code maxDistance}. */
    public static int[] cutAt(int n, Distance distance, double maxDistance) {
        return labels(n, merges(n, distance, null), 1, maxDistance);
    }

    /** Cluster labels 0..k-1, in order of first appearance, cutting at {@code maxDistance}. */
    public static int[] cutAt(float[][] vectors, double[] weights, double maxDistance) {
        Merge[] merges = merges(vectors, weights);
        return labels(vectors.length, merges, 1, maxDistance);
    }

    /** Cluster labels 0..k-1, in order of first appearance, cutting into {@code k} clusters. */
    public static int[] cutInto(float[][] vectors, double[] weights, int k) {
        Merge[] merges = merges(vectors, weights);
        return labels(vectors.length, merges, k, Double.POSITIVE_INFINITY);
    }

    static int[] labels(int n, Merge[] merges, int k, double maxDistance) {
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        int clusters = n;
        for (Merge m : merges) {
            if (clusters <= Math.max(1, k) || m.distance() > maxDistance) {
                break;
            }
            int ra = find(parent, m.a());
            int rb = find(parent, m.b());
            if (ra != rb) {
                parent[rb] = ra;
                clusters--;
            }
        }
        int[] labels = new int[n];
        int[] byRoot = new int[n];
        Arrays.fill(byRoot, -1);
        int next = 0;
        for (int i = 0; i < n; i++) {
            int r = find(parent, i);
            if (byRoot[r] < 0) {
                byRoot[r] = next++;
            }
            labels[i] = byRoot[r];
        }
        return labels;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Every merge of the tree, by increasing distance (average linkage is monotone, so this is the tree's order). */
    static Merge[] merges(float[][] vectors, double[] weights) {
        return merges(vectors.length, (i, j) -> Math.max(0, 1 - SentenceEmbedder.dot(vectors[i], vectors[j])),
                weights);
    }

    static Merge[] merges(int n, Distance distance, double[] weights) {
        if (n < 2) {
            return new Merge[0];
        }
        float[] d = new float[(int) ((long) n * (n - 1) / 2)];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                d[index(n, i, j)] = (float) distance.between(i, j);
            }
        }
        double[] size = weights == null ? filled(n) : weights.clone();
        boolean[] active = new boolean[n];
        Arrays.fill(active, true);
        int[] chain = new int[n];
        int top = 0;
        Merge[] merges = new Merge[n - 1];
        int made = 0;
        int nextStart = 0;
        while (made < n - 1) {
            if (top == 0) {
                while (!active[nextStart]) {
                    nextStart++;
                }
                chain[top++] = nextStart;
            }
            int a = chain[top - 1];
            int previous = top >= 2 ? chain[top - 2] : -1;
            int b = -1;
            float best = Float.POSITIVE_INFINITY;
            if (previous >= 0) {
                b = previous;
                best = d[index(n, a, previous)];
            }
            for (int j = 0; j < n; j++) {
                if (j != a && active[j]) {
                    float dj = d[index(n, a, j)];
                    if (dj < best) {
                        best = dj;
                        b = j;
                    }
                }
            }
            if (b == previous) {
                top -= 2;
                merges[made++] = new Merge(Math.min(a, b), Math.max(a, b), best);
                // The merged cluster lives on in the lower slot; Lance-Williams update for average linkage.
                int keep = Math.min(a, b);
                int drop = Math.max(a, b);
                double sk = size[keep];
                double sd = size[drop];
                for (int j = 0; j < n; j++) {
                    if (active[j] && j != keep && j != drop) {
                        int ik = index(n, keep, j);
                        d[ik] = (float) ((sk * d[ik] + sd * d[index(n, drop, j)]) / (sk + sd));
                    }
                }
                size[keep] = sk + sd;
                active[drop] = false;
            } else {
                chain[top++] = b;
            }
        }
        Arrays.sort(merges, (x, y) -> Float.compare(x.distance(), y.distance()));
        return merges;
    }

    private static double[] filled(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1);
        return w;
    }

    private static int index(int n, int i, int j) {
        if (i > j) {
            int t = i;
            i = j;
            j = t;
        }
        return (int) ((long) i * (2L * n - i - 1) / 2 + (j - i - 1));
    }
}
