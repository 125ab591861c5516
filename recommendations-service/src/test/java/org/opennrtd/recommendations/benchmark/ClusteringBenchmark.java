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
import org.opennrtd.recommendations.clustering.ClusterExplainer;
import org.opennrtd.recommendations.clustering.ClusterLabeler;
import org.opennrtd.recommendations.clustering.RecommendationDistance;
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

        importedSignals(records, vectors, gold, clusterer);

        List<List<String>> labels = ClusterLabeler.label(texts, auto, 3);
        Map<Integer, Long> sizes = IntStream.of(auto).boxed().collect(Collectors.groupingBy(x -> x, TreeMap::new,
                Collectors.counting()));
        line("Largest suggested clusters and their labels:");
        sizes.entrySet().stream().sorted(Map.Entry.<Integer, Long>comparingByValue().reversed()).limit(8)
                .forEach(e -> row("- " + e.getValue() + " recommendations: " + String.join(", ", labels.get(e.getKey()))));
        row("");

        sdg(records, vectors, embedder);
        scopeComputation(records, embedder);
        speed(embedder, vectors, records);

        Files.createDirectories(Path.of("target/benchmark"));
        Files.writeString(Path.of("target/benchmark/clustering.md"), report);
        assertEquals(texts.size(), auto.length);
    }

    /**
     * The distance with the matrix's imported themes and affected persons, automatic k. The gold is the first theme,
     * so "all themes" leaks it: the rows without the first theme show what the other imported themes add.
     */
    private void importedSignals(List<ImportRecord> records, List<float[]> vectors, int[] gold, ThemeClusterer clusterer) {
        List<List<String>> themes = records.stream().map(ImportRecord::themes).toList();
        List<List<String>> persons = records.stream().map(r -> r.affectedPersons() == null ? List.<String>of()
                : r.affectedPersons()).toList();
        List<List<String>> otherThemes = themes.stream().map(t -> t.size() > 1 ? t.subList(1, t.size()) : List.<String>of())
                .toList();
        long withPersons = persons.stream().filter(p -> !p.isEmpty()).count();
        long withOther = otherThemes.stream().filter(t -> !t.isEmpty()).count();
        line("Imported signals: %d of %d recommendations list affected persons, %d list a theme besides the first.",
                withPersons, records.size(), withOther);
        row("| signals (RecommendationDistance, cut at 0.5, k chosen) | k | NMI | AMI | ARI |");
        row("|---|---|---|---|---|");
        RecommendationDistance.Weights w = RecommendationDistance.Weights.DEFAULT;
        int[] all = clusterer.cluster(vectors, new RecommendationDistance(vectors, themes, persons, w), null, f -> { });
        quality("text + all themes + affected persons (default weights 0.5 / 0.4 / 0.1, first theme 2)", gold, all);
        int[] firstBaseline = ClusteringMetrics.encode(themes.stream().map(t -> t.get(0)).toList());
        quality("baseline: group by the first imported theme (is the gold: the leak)", gold, firstBaseline);
        int[] other = clusterer.cluster(vectors, new RecommendationDistance(vectors, otherThemes, persons, w), null,
                f -> { });
        quality("text + themes without the first + affected persons", gold, other);
        int[] otherBaseline = ClusteringMetrics.encode(otherThemes.stream().map(t -> String.join("|",
                t.stream().map(x -> x.strip().toLowerCase(Locale.ROOT)).sorted().toList())).toList());
        quality("baseline: group by the set of themes other than the first", gold, otherBaseline);
        int[] textPersons = clusterer.cluster(vectors, new RecommendationDistance(vectors, null, persons, w), null,
                f -> { });
        quality("text + affected persons only", gold, textPersons);
        for (double theme : new double[] {0.2, 0.8}) {
            RecommendationDistance.Weights v = new RecommendationDistance.Weights(0.5, theme, 0.1, 2);
            quality(String.format(Locale.ROOT, "text + all themes, theme weight %.1f", theme), gold,
                    clusterer.cluster(vectors, new RecommendationDistance(vectors, themes, persons, v), null, f -> { }));
            quality(String.format(Locale.ROOT, "text + themes without the first, theme weight %.1f", theme), gold,
                    clusterer.cluster(vectors, new RecommendationDistance(vectors, otherThemes, persons, v), null,
                            f -> { }));
        }
        row("");
        long themed = IntStream.range(0, all.length).boxed().collect(Collectors.groupingBy(i -> all[i]))
                .values().stream().filter(m -> m.size() >= 2).filter(m -> ClusterExplainer.explain(m, vectors, themes,
                        persons, List.of()).labelSource() == ClusterExplainer.LabelSource.THEME).count();
        long suggested = IntStream.of(all).boxed().collect(Collectors.groupingBy(x -> x, Collectors.counting()))
                .values().stream().filter(c -> c >= 2).count();
        line("With all themes: %d of %d suggestions (clusters of two or more) are labelled by a theme.", themed,
                suggested);
        row("");
    }

    /**
     * A 300-recommendation scope as a computation works on it, without the database: the matrix's 215 texts (with
     * their themes) and 85 synthetic UHRI-length ones (without), embedded (cold: no kept embedding) and clustered,
     * labelled and explained; then the same with the embeddings kept. The model is loaded already.
     */
    private void scopeComputation(List<ImportRecord> records, SentenceEmbedder embedder) {
        Random random = new Random(300);
        List<String> texts = new ArrayList<>(records.stream().map(ImportRecord::text).toList());
        List<List<String>> themes = new ArrayList<>(records.stream().map(ImportRecord::themes).toList());
        List<List<String>> persons = new ArrayList<>(records.stream().map(r -> r.affectedPersons() == null
                ? List.<String>of() : r.affectedPersons()).toList());
        while (texts.size() < 300) {
            texts.add(SyntheticUhri.text(random));
            themes.add(List.of());
            persons.add(List.of());
        }
        row("| 300-recommendation scope (215 with themes) | run 1 | run 2 | run 3 |");
        row("|---|---|---|---|");
        double[][] times = new double[3][3];
        for (int run = 0; run < 3; run++) {
            long t0 = System.nanoTime();
            List<float[]> vectors = embedder.embed(texts);
            double embed = seconds(t0);
            long t1 = System.nanoTime();
            int[] labels = new ThemeClusterer().cluster(vectors, new RecommendationDistance(vectors, themes, persons,
                    RecommendationDistance.Weights.DEFAULT), null, f -> { });
            List<List<String>> terms = ClusterLabeler.label(texts, labels, 3);
            IntStream.range(0, labels.length).boxed().collect(Collectors.groupingBy(i -> labels[i])).forEach((c, m) ->
                    ClusterExplainer.explain(m, vectors, themes, persons, terms.get(c)));
            double cluster = seconds(t1);
            times[run] = new double[] {embed + cluster, embed, cluster};
        }
        row(String.format(Locale.ROOT, "| cold: embedding + clustering, labels, reasons | %.2f s | %.2f s | %.2f s |",
                times[0][0], times[1][0], times[2][0]));
        row(String.format(Locale.ROOT, "| of which embedding 300 texts | %.2f s | %.2f s | %.2f s |",
                times[0][1], times[1][1], times[2][1]));
        row(String.format(Locale.ROOT, "| embeddings kept: clustering, labels, reasons | %.3f s | %.3f s | %.3f s |",
                times[0][2], times[1][2], times[2][2]));
        row("");
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

    private void speed(SentenceEmbedder embedder, List<float[]> matrixVectors, List<ImportRecord> records) {
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
            if (n == ThemeClusterer.DEFAULT_DIRECT_LIMIT) {
                // The same vectors with the matrix's themes and persons repeated: the combined distance's cost.
                List<List<String>> themes = IntStream.range(0, n).mapToObj(i -> records.get(i % records.size()).themes())
                        .toList();
                List<List<String>> persons = IntStream.range(0, n).mapToObj(i -> {
                    List<String> p = records.get(i % records.size()).affectedPersons();
                    return p == null ? List.<String>of() : p;
                }).toList();
                long w0 = System.nanoTime();
                int[] withThemes = new ThemeClusterer().cluster(vs, new RecommendationDistance(vs, themes, persons,
                        RecommendationDistance.Weights.DEFAULT), null, f -> { });
                row(String.format(Locale.ROOT, "| %,d | average linkage, text + themes + affected persons | %d | %.1f s |",
                        n, IntStream.of(withThemes).max().orElse(-1) + 1, seconds(w0)));
            }
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
