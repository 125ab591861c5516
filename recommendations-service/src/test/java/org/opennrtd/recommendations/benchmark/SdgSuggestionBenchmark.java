package org.opennrtd.recommendations.benchmark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.client.IndicatorsServiceClient.Target;
import org.opennrtd.recommendations.clustering.SentenceEmbedder;
import org.opennrtd.recommendations.importing.ImportRecord;
import org.opennrtd.recommendations.importing.UprMatrixDocxReader;
import org.opennrtd.recommendations.service.SdgService;

/**
 * Not a test: SDG target suggestions as the service makes them (target texts only, confidence (c + g) / 2),
 * measured on the real Slovenian UPR matrix against its SDG column (goals), and the time of one suggestion
 * (one embedding + 169 cosines). Run with {@code ./mvnw -B test -pl recommendations-service -am -Pbenchmark
 * -Dtest=SdgSuggestionBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; results go to stdout and
 * {@code target/benchmark/sdg-suggestions.md}.
 */
class SdgSuggestionBenchmark {

    private final StringBuilder report = new StringBuilder();

    @Test
    void sdgTargetSuggestions() throws IOException {
        List<ImportRecord> records = new UprMatrixDocxReader().read(ClusteringBenchmark.MATRIX).records().stream()
                .filter(r -> !r.sdgGoals().isEmpty()).toList();
        List<Target> targets = new ArrayList<>();
        ClusteringBenchmark.yaml(ClusteringBenchmark.SDG.resolve("global_targets.yml")).forEach((k, v) -> {
            if (k.endsWith("-title")) {
                String[] parts = k.split("-");
                targets.add(new Target(parts[0] + "." + parts[1], Integer.parseInt(parts[0]), v));
            }
        });
        SentenceEmbedder embedder = SentenceEmbedder.shared();
        embedder.embed("warm up");
        long t0 = System.nanoTime();
        float[][] targetVectors = embedder.embed(targets.stream().map(Target::text).toList()).toArray(new float[0][]);
        double targetsS = (System.nanoTime() - t0) / 1e9;

        int hitsAt1 = 0;
        double recallAt3 = 0;
        double anyIn5 = 0;
        long suggestNanos = 0;
        for (ImportRecord r : records) {
            long s0 = System.nanoTime();
            float[] v = embedder.embed(r.text());
            double[] confidence = SdgService.confidences(v, targets, targetVectors);
            List<Integer> order = IntStream.range(0, targets.size()).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(i -> -confidence[i])).limit(5).toList();
            suggestNanos += System.nanoTime() - s0;
            TreeSet<Integer> truth = new TreeSet<>(r.sdgGoals());
            List<Integer> goals = order.stream().map(i -> targets.get(i).goal()).toList();
            if (truth.contains(goals.get(0))) {
                hitsAt1++;
            }
            Set<Integer> distinct = new LinkedHashSet<>(goals);
            List<Integer> first3 = distinct.stream().limit(3).toList();
            recallAt3 += first3.stream().filter(truth::contains).count() / (double) truth.size();
            if (goals.stream().anyMatch(truth::contains)) {
                anyIn5++;
            }
        }
        int n = records.size();
        line("SDG target suggestions (service scoring, 169 target texts, confidence (c + g) / 2): %d recommendations"
                + " of the Slovenian UPR matrix with gold goals.", n);
        row("| measure | value |");
        row("|---|---|");
        row(String.format(Locale.ROOT, "| goal of the best target is a gold goal (precision@1) | %.2f |", hitsAt1 / (double) n));
        row(String.format(Locale.ROOT, "| gold goals among the first 3 distinct goals of the 5 suggestions (recall@3) | %.2f |", recallAt3 / n));
        row(String.format(Locale.ROOT, "| at least one of the 5 suggested targets is of a gold goal | %.2f |", anyIn5 / n));
        row(String.format(Locale.ROOT, "| embedding the 169 target texts once (then kept in PostgreSQL) | %.2f s |", targetsS));
        row(String.format(Locale.ROOT, "| one suggestion: embed the text + 169 cosines + top 5 (mean over %d) | %.1f ms |", n,
                suggestNanos / 1e6 / n));
        row("");
        Files.createDirectories(Path.of("target/benchmark"));
        Files.writeString(Path.of("target/benchmark/sdg-suggestions.md"), report);
        assertTrue(n > 0);
    }

    private void line(String format, Object... args) {
        row(String.format(Locale.ROOT, format, args));
        row("");
    }

    private void row(String s) {
        System.out.println(s);
        report.append(s).append('\n');
    }
}
