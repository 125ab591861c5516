package org.opennrtd.recommendations.benchmark;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.special.Gamma;

/**
 * Agreement of a clustering with gold labels: normalised mutual information, adjusted mutual information (both with
 * the arithmetic mean of the entropies, as scikit-learn's defaults) and the adjusted Rand index.
 */
final class ClusteringMetrics {

    private final int n;
    private final int[] a;
    private final int[] b;
    private final long[][] table;

    private ClusteringMetrics(int[] gold, int[] predicted) {
        n = gold.length;
        int ka = max(gold) + 1;
        int kb = max(predicted) + 1;
        table = new long[ka][kb];
        a = new int[ka];
        b = new int[kb];
        for (int i = 0; i < n; i++) {
            table[gold[i]][predicted[i]]++;
            a[gold[i]]++;
            b[predicted[i]]++;
        }
    }

    static ClusteringMetrics of(int[] gold, int[] predicted) {
        return new ClusteringMetrics(gold, predicted);
    }

    static int[] encode(List<String> labels) {
        Map<String, Integer> ids = new HashMap<>();
        return labels.stream().mapToInt(l -> ids.computeIfAbsent(l, x -> ids.size())).toArray();
    }

    double mutualInformation() {
        double mi = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                if (table[i][j] > 0) {
                    double nij = table[i][j];
                    mi += nij / n * Math.log(n * nij / ((double) a[i] * b[j]));
                }
            }
        }
        return mi;
    }

    static double entropy(int[] counts, int n) {
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    double nmi() {
        double mean = (entropy(a, n) + entropy(b, n)) / 2;
        return mean == 0 ? 1 : mutualInformation() / mean;
    }

    /** Expected mutual information under the hypergeometric model of random labellings with these cluster sizes. */
    double expectedMutualInformation() {
        double emi = 0;
        double lgN = Gamma.logGamma(n + 1);
        for (int ai : a) {
            for (int bj : b) {
                int start = Math.max(1, ai + bj - n);
                int end = Math.min(ai, bj);
                double fixed = Gamma.logGamma(ai + 1) + Gamma.logGamma(bj + 1) + Gamma.logGamma(n - ai + 1)
                        + Gamma.logGamma(n - bj + 1) - lgN;
                for (int nij = start; nij <= end; nij++) {
                    double term = (double) nij / n * Math.log((double) n * nij / ((double) ai * bj));
                    double logP = fixed - Gamma.logGamma(nij + 1) - Gamma.logGamma(ai - nij + 1)
                            - Gamma.logGamma(bj - nij + 1) - Gamma.logGamma(n - ai - bj + nij + 1);
                    emi += term * Math.exp(logP);
                }
            }
        }
        return emi;
    }

    double ami() {
        double emi = expectedMutualInformation();
        double mean = (entropy(a, n) + entropy(b, n)) / 2;
        double denominator = mean - emi;
        return denominator == 0 ? 1 : (mutualInformation() - emi) / denominator;
    }

    double ari() {
        double index = 0;
        for (long[] row : table) {
            for (long nij : row) {
                index += pairs(nij);
            }
        }
        double sumA = 0;
        for (int ai : a) {
            sumA += pairs(ai);
        }
        double sumB = 0;
        for (int bj : b) {
            sumB += pairs(bj);
        }
        double expected = sumA * sumB / pairs(n);
        double maximum = (sumA + sumB) / 2;
        return maximum == expected ? 1 : (index - expected) / (maximum - expected);
    }

    private static double pairs(long x) {
        return x * (x - 1) / 2.0;
    }

    private static int max(int[] v) {
        int m = 0;
        for (int x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
