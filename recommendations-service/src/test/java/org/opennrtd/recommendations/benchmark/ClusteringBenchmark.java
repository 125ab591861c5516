package org.opennrtd.recommendations.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.clustering.AverageLinkage;
import org.opennrtd.recommendations.clustering.ClusterLabeler;
import org.opennrtd.recommendations.clustering.SentenceEmbedder;
import org.opennrtd.recommendations.clustering.TextVectors;
import org.opennrtd.recommendations.clustering.ThemeClusterer;
import org.opennrtd.recommendations.importing.ImportRecord;
import org.opennrtd.recommendations.importing.ParsedFile;
import org.opennrtd.recommendations.importing.UprMatrixDocxReader;

/**
 * Not a test (Surefire's default includes skip it): automatic clustering and SDG-goal suggestion measured on OHCHR's
 * real UPR matrix (the Slovenian thematic list in the test fixtures), whose {@code Theme:} groups (each
 * recommendation's first theme) and SDG column are the gold, plus the embedding rate and the clustering time on
 * 5,000 and 50,000 recommendations. Run with
 * {@code ./mvnw -B test -pl recommendations-service -am -Pbenchmark -Dtest=ClusteringBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false}; results go to stdout and {@code target/benchmark/clustering.md}.
 */
class ClusteringBenchmark {

    static final Path MATRIX = Path.of("src/test/resources/fixtures/upr/upr34-slovenia-thematic-list-of-recommendations.docx");
    static final Path SDG = Path.of("../indicators-service/src/main/resources/sdg/en");

    private final StringBuilder report = new StringBuilder();

    @Test
    void clusteringAndSdgSuggestion() throws IOException {
        ParsedFile parsed = new UprMatrixDocxReader().read(MATRIX);
        List<ImportRecord> records = parsed.records().stream().filter(r -> !r.themes().isEmpty()).toList();
        List<String> texts = records.stream().map(ImportRecord::text).toList();
        int[] gold = ClusteringMetrics.encode(records.stream().map(r -> r.themes().get(0)).toList());
        int goldK = IntStream.of(gold).max().orElse(-1) + 1;
        line("Matrix: %d recommendations, %d gold groups (first theme).", texts.size(), goldK);

        long t0 = System.nanoTime();
        SentenceEmbedder embedder = SentenceEmbedder.shared();
        embedder.embed("warm up");
        double loadS = seconds(t0);
        t0 = System.nanoTime();
        List<float[]> vectors = embedder.embed(texts);
        double embedS = seconds(t0);
        line("Model load %.1f s; embedding %d texts in %.2f s = %.0f texts/s (batches of 64).", loadS, texts.size(),
                embedS, texts.size() / embedS);

        ThemeClusterer clusterer = new ThemeClusterer();
        row("| method | k | NMI | AMI | ARI |");
        row("|---|---|---|---|---|");
        int[] auto = clusterer.cluster(vectors, null, f -> { });
        quality("MiniLM + average linkage, cut at cosine distance 0.5 (k chosen)", gold, auto);
        int[] fixedK = clusterer.cluster(vectors, goldK, f -> { });
        quality("MiniLM + average linkage, k = gold count", gold, fixedK);

        TextVectors tfidf = TextVectors.of(texts);
        int[] tfidfK = AverageLinkage.cutInto(texts.size(), (i, j) -> 1 - tfidf.cosine(i, j), goldK);
        quality("TF-IDF (Lucene EnglishAnalyzer, words + pairs) + average linkage, k = gold count", gold, tfidfK);
        int[] tfidfCut = AverageLinkage.cutInto(texts.size(), (i, j) -> 1 - tfidf.cosine(i, j),
                IntStream.of(auto).max().orElse(0) + 1);
        quality("TF-IDF + average linkage, k = the MiniLM cut's k", gold, tfidfCut);
        int[] random = new Random(1).ints(texts.size(), 0, goldK).toArray();
        quality("random labels, k = gold count (floor)", gold, random);
        row("");

        List<List<String>> labels = ClusterLabeler.label(texts, auto, 3);
        Map<Integer, Long> sizes = IntStream.of(auto).boxed().collect(Collectors.groupingBy(x -> x, TreeMap::new,
                Collectors.counting()));
        line("Largest suggested clusters and their labels:");
        sizes.entrySet().stream().sorted(Map.Entry.<Integer, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> row("- " + e.getValue() + " recommendations: " + String.join(", ", labels.get(e.getKey()))));
        row("");

        sdg(records, vectors, embedder);
        speed(embedder, vectors);

        Files.createDirectories(Path.of("target/benchmark"));
        Files.writeString(Path.of("target/benchmark/clustering.md"), report);
        assertEquals(texts.size(), auto.length);
    }

    private void sdg(List<ImportRecord> records, List<float[]> vectors, SentenceEmbedder embedder) throws IOException {
        Map<String, String> goals = yaml(SDG.resolve("global_goals.yml"));
        Map<String, String> targets = yaml(SDG.resolve("global_targets.yml"));
        List<Integer> goalOf = new ArrayList<>();
        List<String> sdgTexts = new ArrayList<>();
        for (int g = 1; g <= 17; g++) {
            goalOf.add(g);
            sdgTexts.add(goals.get(g + "-title"));
        }
        for (Map.Entry<String, String> e : targets.entrySet()) {
            if (e.getKey().endsWith("-title")) {
                goalOf.add(Integer.parseInt(e.getKey().substring(0, e.getKey().indexOf('-'))));
                sdgTexts.add(e.getValue());
            }
        }
        List<float[]> sdgVectors = embedder.embed(sdgTexts);
        int scored = 0;
        int hitsAt1 = 0;
        double recallAt3 = 0;
        int frequentHits = 0;
        double frequentRecall = 0;
        Map<Integer, Integer> frequency = new TreeMap<>();
        records.forEach(r -> r.sdgGoals().forEach(g -> frequency.merge(g, 1, Integer::sum)));
        List<Integer> mostFrequent = frequency.entrySet().stream()
                .sorted(Map.Entry.<Integer, Integer>comparingByValue().reversed()).limit(3).map(Map.Entry::getKey).toList();
        for (int i = 0; i < records.size(); i++) {
            TreeSet<Integer> truth = new TreeSet<>(records.get(i).sdgGoals());
            if (truth.isEmpty()) {
                continue;
            }
            scored++;
            List<Integer> ranked = rankGoals(vectors.get(i), sdgVectors, goalOf);
            if (truth.contains(ranked.get(0))) {
                hitsAt1++;
            }
            recallAt3 += ranked.subList(0, 3).stream().filter(truth::contains).count() / (double) truth.size();
            if (truth.contains(mostFrequent.get(0))) {
                frequentHits++;
            }
            frequentRecall += mostFrequent.stream().filter(truth::contains).count() / (double) truth.size();
        }
        line("SDG goals: %d recommendations with gold goals; %d goal and target texts.", scored, sdgTexts.size());
        row("| scoring | precision@1 | recall@3 |");
        row("|---|---|---|");
        row(String.format(Locale.ROOT, "| MiniLM, mean of the top-3 cosines over goal + target texts | %.2f | %.2f |",
                (double) hitsAt1 / scored, recallAt3 / scored));
        row(String.format(Locale.ROOT, "| the matrix's three most frequent goals (no text; it peeks at the gold) | %.2f | %.2f |",
                (double) frequentHits / scored, frequentRecall / scored));
        row("");
        assertTrue(scored > 0);
    }

    /** Goals by decreasing mean of their three best cosines over the goal's own text and its targets' texts. */
    static List<Integer> rankGoals(float[] v, List<float[]> sdgVectors, List<Integer> goalOf) {
        Map<Integer, List<Double>> byGoal = new LinkedHashMap<>();
        for (int t = 0; t < sdgVectors.size(); t++) {
            byGoal.computeIfAbsent(goalOf.get(t), g -> new ArrayList<>()).add(SentenceEmbedder.dot(v, sdgVectors.get(t)));
        }
        Map<Integer, Double> score = new LinkedHashMap<>();
        byGoal.forEach((g, cos) -> score.put(g, cos.stream().sorted(Comparator.reverseOrder()).limit(3)
                .mapToDouble(Double::doubleValue).average().orElse(0)));
        return score.entrySet().stream().sorted(Map.Entry.<Integer, Double>comparingByValue().reversed())
                .map(Map.Entry::getKey).toList();
    }

    private void speed(SentenceEmbedder embedder, List<float[]> matrixVectors) {
        // Embedding rate on 1,000 synthetic texts of UHRI length (the matrix texts above are also timed).
        Random random = new Random(7);
        List<String> synthetic = IntStream.range(0, 1000).mapToObj(i -> SyntheticUhri.text(random)).toList();
        long t0 = System.nanoTime();
        List<float[]> pool = embedder.embed(synthetic);
        double s = seconds(t0);
        line("Embedding rate: %d synthetic UHRI-length texts in %.1f s = %.0f texts/s.", synthetic.size(), s,
                synthetic.size() / s);
        // Clustering time only: vectors are the matrix's and the synthetic texts' embeddings, each repeated with
        // small random perturbations (embedding 50,000 texts would measure the embedder again, for minutes).
        List<float[]> base = new ArrayList<>(matrixVectors);
        base.addAll(pool);
        row("| recommendations | path | clusters chosen | clustering time |");
        row("|---|---|---|---|");
        for (int n : new int[] {1000, 3000, 5000, 50000}) {
            List<float[]> vs = perturbed(base, n, new Random(n));
            long c0 = System.nanoTime();
            int[] labels = new ThemeClusterer().cluster(vs, null, f -> { });
            double cs = seconds(c0);
            row(String.format(Locale.ROOT, "| %,d | %s | %d | %.1f s |", n,
                    n <= ThemeClusterer.DEFAULT_DIRECT_LIMIT ? "average linkage" : "k-means micro-clusters + average linkage",
                    IntStream.of(labels).max().orElse(-1) + 1, cs));
        }
        row("");
    }

    private static List<float[]> perturbed(List<float[]> base, int n, Random random) {
        List<float[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            float[] v = base.get(i % base.size()).clone();
            for (int d = 0; d < v.length; d++) {
                v[d] += (float) (random.nextGaussian() * 0.01);
            }
            out.add(normalise(v));
        }
        return out;
    }

    private static float[] normalise(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        float inv = (float) (1 / Math.sqrt(s));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** The framework files' flat "key: folded text" YAML. */
    static Map<String, String> yaml(Path file) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        String key = null;
        StringBuilder value = new StringBuilder();
        for (String l : Files.readAllLines(file)) {
            if (!l.startsWith(" ") && l.contains(":")) {
                if (key != null) {
                    out.put(key, value.toString().strip());
                }
                key = l.substring(0, l.indexOf(':')).strip().replace("'", "").replace("\"", "");
                value.setLength(0);
                value.append(l.substring(l.indexOf(':') + 1).strip());
            } else if (key != null) {
                value.append(' ').append(l.strip());
            }
        }
        if (key != null) {
            out.put(key, value.toString().strip());
        }
        out.replaceAll((k, v) -> v.startsWith("'") || v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
        return out;
    }

    private void quality(String method, int[] gold, int[] predicted) {
        ClusteringMetrics m = ClusteringMetrics.of(gold, predicted);
        row(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f |", method, IntStream.of(predicted).max().orElse(-1) + 1,
                m.nmi(), m.ami(), m.ari()));
    }

    private void line(String format, Object... args) {
        row(String.format(Locale.ROOT, format, args));
    }

    private void row(String s) {
        System.out.println(s);
        report.append(s).append('\n');
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
