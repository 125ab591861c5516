package org.opennrtd.recommendations.clustering;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * TF-IDF vectors of a set of texts, L2-normalised so that a dot product is the cosine similarity. Words are
 * lower-cased, English stop words dropped and Porter-stemmed (Lucene's {@link EnglishAnalyzer}), so that
 * "ratify" and "ratification" count as one term; adjacent words also form a term ("enforc disappear"), which keeps
 * "ratify convention X" apart from "ratify convention Y" better than words alone. Term frequency is sublinear (1 + ln tf) and the inverse document
 * frequency smoothed (1 + ln((1 + n) / (1 + df))), as in scikit-learn's defaults.
 */
public final class TextVectors {

    /** One text's terms (ids ascending) and their weights. */
    record Vector(int[] terms, double[] weights) {
    }

    private final List<Vector> vectors;
    private final int[] documentFrequency;

    private TextVectors(List<Vector> vectors, int[] documentFrequency) {
        this.vectors = vectors;
        this.documentFrequency = documentFrequency;
    }

    public static TextVectors of(List<String> texts) {
        return of(texts, true);
    }

    static TextVectors of(List<String> texts, boolean bigrams) {
        Map<String, Integer> dictionary = new HashMap<>();
        List<Map<Integer, Integer>> counts = new ArrayList<>(texts.size());
        try (Analyzer analyzer = new EnglishAnalyzer()) {
            for (String text : texts) {
                Map<Integer, Integer> tf = new HashMap<>();
                List<String> tokens = tokens(analyzer, text);
                List<String> features = new ArrayList<>(tokens);
                if (bigrams) {
                    for (int i = 1; i < tokens.size(); i++) {
                        features.add(tokens.get(i - 1) + " " + tokens.get(i));
                    }
                }
                for (String token : features) {
                    Integer id = dictionary.computeIfAbsent(token, t -> dictionary.size());
                    tf.merge(id, 1, Integer::sum);
                }
                counts.add(tf);
            }
        }
        int[] df = new int[dictionary.size()];
        counts.forEach(tf -> tf.keySet().forEach(t -> df[t]++));
        int n = texts.size();
        List<Vector> vectors = new ArrayList<>(n);
        for (Map<Integer, Integer> tf : counts) {
            int[] terms = tf.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            double[] weights = new double[terms.length];
            double norm = 0;
            for (int i = 0; i < terms.length; i++) {
                double idf = 1 + Math.log((1.0 + n) / (1.0 + df[terms[i]]));
                weights[i] = (1 + Math.log(tf.get(terms[i]))) * idf;
                norm += weights[i] * weights[i];
            }
            if (norm == 0) {
                vectors.add(new Vector(new int[0], new double[0]));
                continue;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < weights.length; i++) {
                weights[i] /= norm;
            }
            vectors.add(new Vector(terms, weights));
        }
        return new TextVectors(vectors, df);
    }

    /** The analysed terms of a text: lower case, no stop words, stemmed; single characters dropped. */
    static List<String> tokens(Analyzer analyzer, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", text == null ? "" : text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                if (term.length() > 1) {
                    tokens.add(term.toString());
                }
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tokens;
    }

    public int size() {
        return vectors.size();
    }

    Vector vector(int i) {
        return vectors.get(i);
    }

    int termCount() {
        return documentFrequency.length;
    }

    int documentFrequency(int term) {
        return documentFrequency[term];
    }

    /** Cosine similarity of texts i and j, in [0, 1]; 0 when either has no terms. */
    public double cosine(int i, int j) {
        Vector a = vectors.get(i);
        Vector b = vectors.get(j);
        int[] ta = a.terms();
        int[] tb = b.terms();
        double dot = 0;
        for (int x = 0, y = 0; x < ta.length && y < tb.length; ) {
            if (ta[x] == tb[y]) {
                dot += a.weights()[x++] * b.weights()[y++];
            } else if (ta[x] < tb[y]) {
                x++;
            } else {
                y++;
            }
        }
        return Math.min(1.0, dot);
    }

    @Override
    public String toString() {
        return "TextVectors" + Arrays.toString(new int[] {vectors.size(), documentFrequency.length});
    }
}
