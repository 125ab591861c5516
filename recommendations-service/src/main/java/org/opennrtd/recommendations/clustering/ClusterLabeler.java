package org.opennrtd.recommendations.clustering;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * Names clusters by their most telling terms: words (lower case, English stop words and words common to all UN
 * recommendations left out) scored by how much more often a cluster's texts use them than the other texts do —
 * the share of the cluster's texts containing the word times the log of that share over the share elsewhere.
 */
public final class ClusterLabeler {

    /** Words that every recommendation uses and that say nothing about its theme. */
    private static final Set<String> GENERIC = Set.of("ensure", "take", "measures", "continue", "strengthen",
            "efforts", "adopt", "consider", "including", "particular", "also", "effective", "effectively", "all",
            "national", "state", "states", "step", "further", "guarantee", "promote", "necessary", "adequate",
            "implement", "implementation", "recommendation", "recommendations", "well", "order", "ensuring", "intensify",
            "undertake", "pursue", "appropriate", "fully", "full", "line", "its", "country", "other", "within", "e.g");

    private ClusterLabeler() {
    }

    /** For each cluster label 0..k-1, up to {@code terms} terms, most telling first. */
    public static List<List<String>> label(List<String> texts, int[] labels, int terms) {
        int k = 0;
        for (int l : labels) {
            k = Math.max(k, l + 1);
        }
        List<Set<String>> words = new ArrayList<>(texts.size());
        try (Analyzer analyzer = new StandardAnalyzer(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET)) {
            for (String text : texts) {
                words.add(words(analyzer, text));
            }
        }
        Map<String, Integer> total = new HashMap<>();
        List<Map<String, Integer>> inCluster = new ArrayList<>(k);
        int[] sizes = new int[k];
        for (int c = 0; c < k; c++) {
            inCluster.add(new HashMap<>());
        }
        for (int i = 0; i < texts.size(); i++) {
            sizes[labels[i]]++;
            for (String w : words.get(i)) {
                total.merge(w, 1, Integer::sum);
                inCluster.get(labels[i]).merge(w, 1, Integer::sum);
            }
        }
        int n = texts.size();
        List<List<String>> out = new ArrayList<>(k);
        for (int c = 0; c < k; c++) {
            int size = sizes[c];
            int rest = n - size;
            int minCount = size >= 3 ? 2 : 1;
            List<Map.Entry<String, Double>> scored = new ArrayList<>();
            for (Map.Entry<String, Integer> e : inCluster.get(c).entrySet()) {
                if (e.getValue() < minCount) {
                    continue;
                }
                double pin = (double) e.getValue() / size;
                double pout = rest == 0 ? 0 : (double) (total.get(e.getKey()) - e.getValue()) / rest;
                scored.add(Map.entry(e.getKey(), pin * Math.log((pin + 0.01) / (pout + 0.01))));
            }
            scored.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()));
            out.add(scored.stream().filter(e -> e.getValue() > 0).limit(terms).map(Map.Entry::getKey).toList());
        }
        return out;
    }

    private static Set<String> words(Analyzer analyzer, String text) {
        Set<String> words = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream("text", text == null ? "" : text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                String w = term.toString();
                if (w.length() > 2 && !GENERIC.contains(w) && w.chars().anyMatch(Character::isLetter)
                        && w.chars().noneMatch(Character::isDigit)) {
                    words.add(w);
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }
}
