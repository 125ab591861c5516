package org.opennrtd.recommendations.clustering;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Groups texts that ask for the same thing. Texts become TF-IDF vectors of stemmed words and word pairs
 * ({@link TextVectors}); candidate pairs come from an inverted index of each text's rarest terms (prefix filtering,
 * exact for the threshold), so the work grows with the pairs that share a rare term rather than with n²; candidates
 * are scored by cosine similarity.
 *
 * <p>Pairs at or above the threshold are linked, strongest first, into groups by average linkage: two groups merge
 * only if the mean similarity over all their cross pairs stays at or above the threshold and no cross pair falls
 * below half of it. Unlike connected components this does not chain "A like B like C" into one group when A and C
 * have little in common. Every pair within a group therefore has a similarity in (0, 1].
 *
 * <p>Deterministic: the same texts in the same order give the same groups.
 */
public final class NearDuplicateFinder {

    /** A pair of texts (indexes into the input) and their cosine similarity. */
    public record Pair(int a, int b, double score) {
    }

    /**
     * A group of at least two texts. {@code members} are indexes into the input, the representative first (the
     * member most similar to the others, a medoid), then by decreasing similarity to it; {@code scores} are each
     * member's similarity to the representative (1 for itself); {@code pairs} holds every pair within the group.
     */
    public record Group(int[] members, double[] scores, List<Pair> pairs, double cohesion) {
        public int representative() {
            return members[0];
        }
    }

    public record Result(List<Group> groups, int texts, long candidatePairs, int similarPairs) {
    }

    private final double threshold;

    public NearDuplicateFinder(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1]: " + threshold);
        }
        this.threshold = threshold;
    }

    public Result find(List<String> texts) {
        TextVectors vectors = TextVectors.of(texts, true);
        int n = vectors.size();
        long[] candidates = new long[1];
        List<Pair> similar = similarPairs(vectors, candidates);
        List<Group> groups = group(vectors, similar);
        return new Result(groups, n, candidates[0], similar.size());
    }

    /**
     * Pairs whose cosine reaches the threshold, strongest first. Exact, by prefix filtering: with terms in one global
     * order, rarest first, a text's prefix is its rarest terms up to where the rest of its weight has a norm below
     * the threshold. Two texts whose prefixes share no term cannot reach the threshold (the shared terms would all
     * lie in the suffix of one of them, whose norm is below it), so only texts sharing a prefix term are scored.
     */
    private List<Pair> similarPairs(TextVectors vectors, long[] candidateCount) {
        int n = vectors.size();
        int[][] prefixes = new int[n][];
        int[] postingSize = new int[vectors.termCount()];
        for (int i = 0; i < n; i++) {
            prefixes[i] = prefix(vectors, i);
            for (int term : prefixes[i]) {
                postingSize[term]++;
            }
        }
        int[][] postings = new int[vectors.termCount()][];
        int[] filled = new int[vectors.termCount()];
        for (int i = 0; i < n; i++) {
            for (int term : prefixes[i]) {
                if (postings[term] == null) {
                    postings[term] = new int[postingSize[term]];
                }
                postings[term][filled[term]++] = i;
            }
        }
        List<Pair> pairs = new ArrayList<>();
        boolean[] seen = new boolean[n];
        int[] touched = new int[n];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int term : prefixes[i]) {
                int[] docs = postings[term];
                // Postings are ascending: only partners after i, so that each pair is scored once.
                int from = Arrays.binarySearch(docs, i) + 1;
                for (int k = from; k < docs.length; k++) {
                    if (!seen[docs[k]]) {
                        seen[docs[k]] = true;
                        touched[count++] = docs[k];
                    }
                }
            }
            candidateCount[0] += count;
            for (int c = 0; c < count; c++) {
                int j = touched[c];
                seen[j] = false;
                double score = vectors.cosine(i, j);
                if (score >= threshold) {
                    pairs.add(new Pair(i, j, score));
                }
            }
        }
        pairs.sort(Comparator.comparingDouble(Pair::score).reversed().thenComparingInt(Pair::a).thenComparingInt(Pair::b));
        return pairs;
    }

    /** Text i's rarest terms, as many as needed for the remaining terms' weight norm to fall below the threshold. */
    private int[] prefix(TextVectors vectors, int i) {
        TextVectors.Vector v = vectors.vector(i);
        int m = v.terms().length;
        Integer[] order = new Integer[m];
        for (int k = 0; k < m; k++) {
            order[k] = k;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer k) -> vectors.documentFrequency(v.terms()[k]))
                .thenComparingInt(k -> v.terms()[k]));
        double remaining = 0;
        for (double w : v.weights()) {
            remaining += w * w;
        }
        double limit = threshold * threshold;
        int[] prefix = new int[m];
        int length = 0;
        for (int k = 0; k < m && remaining >= limit - 1e-12; k++) {
            prefix[length++] = v.terms()[order[k]];
            double w = v.weights()[order[k]];
            remaining -= w * w;
        }
        return Arrays.copyOf(prefix, length);
    }

    private List<Group> group(TextVectors vectors, List<Pair> similar) {
        int n = vectors.size();
        // cluster[i]: the members of i's cluster (shared list), or null while i is alone.
        List<List<Integer>> cluster = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Integer> alone = new ArrayList<>(1);
            alone.add(i);
            cluster.add(alone);
        }
        double floor = threshold / 2;
        // A cluster's id changes whenever it grows, so a refusal remembered for two ids stays true.
        int[] clusterId = new int[n];
        for (int i = 0; i < n; i++) {
            clusterId[i] = i;
        }
        int nextId = n;
        java.util.Set<Long> refused = new java.util.HashSet<>();
        for (Pair pair : similar) {
            List<Integer> a = cluster.get(pair.a());
            List<Integer> b = cluster.get(pair.b());
            if (a == b) {
                continue;
            }
            int ia = clusterId[pair.a()];
            int ib = clusterId[pair.b()];
            long key = ((long) Math.min(ia, ib) << 32) | Math.max(ia, ib);
            if (refused.contains(key)) {
                continue;
            }
            if (!mayMerge(vectors, a, b, floor)) {
                refused.add(key);
                continue;
            }
            List<Integer> into = a.size() >= b.size() ? a : b;
            List<Integer> from = into == a ? b : a;
            into.addAll(from);
            int id = nextId++;
            for (int m : into) {
                cluster.set(m, into);
                clusterId[m] = id;
            }
        }
        List<Group> groups = new ArrayList<>();
        boolean[] done = new boolean[n];
        for (int i = 0; i < n; i++) {
            List<Integer> members = cluster.get(i);
            if (done[i] || members.size() < 2) {
                continue;
            }
            members.forEach(m -> done[m] = true);
            groups.add(describe(vectors, members));
        }
        groups.sort(Comparator.comparingInt((Group g) -> -g.members().length)
                .thenComparingDouble(g -> -g.cohesion()).thenComparingInt(Group::representative));
        return groups;
    }

    private boolean mayMerge(TextVectors vectors, List<Integer> a, List<Integer> b, double floor) {
        double sum = 0;
        for (int x : a) {
            for (int y : b) {
                double s = vectors.cosine(x, y);
                if (s < floor) {
                    return false;
                }
                sum += s;
            }
        }
        return sum / ((double) a.size() * b.size()) >= threshold;
    }

    private static Group describe(TextVectors vectors, List<Integer> unordered) {
        int[] members = unordered.stream().mapToInt(Integer::intValue).sorted().toArray();
        int k = members.length;
        double[][] sim = new double[k][k];
        List<Pair> pairs = new ArrayList<>();
        double total = 0;
        for (int x = 0; x < k; x++) {
            sim[x][x] = 1;
            for (int y = x + 1; y < k; y++) {
                double s = vectors.cosine(members[x], members[y]);
                sim[x][y] = s;
                sim[y][x] = s;
                total += s;
                pairs.add(new Pair(members[x], members[y], s));
            }
        }
        int medoid = 0;
        double best = -1;
        for (int x = 0; x < k; x++) {
            double sum = 0;
            for (int y = 0; y < k; y++) {
                sum += sim[x][y];
            }
            if (sum > best + 1e-12) {
                best = sum;
                medoid = x;
            }
        }
        final int m = medoid;
        Integer[] order = new Integer[k];
        for (int x = 0; x < k; x++) {
            order[x] = x;
        }
        Arrays.sort(order, Comparator.comparingInt((Integer x) -> x == m ? 0 : 1)
                .thenComparingDouble(x -> -sim[m][x]).thenComparingInt(x -> members[x]));
        int[] ordered = new int[k];
        double[] scores = new double[k];
        for (int x = 0; x < k; x++) {
            ordered[x] = members[order[x]];
            scores[x] = sim[m][order[x]];
        }
        return new Group(ordered, scores, pairs, total / (k * (k - 1) / 2.0));
    }
}
