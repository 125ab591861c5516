package org.opennrtd.recommendations.clustering;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a suggested cluster is about and why each member is in it, in words a person reads. The label is the
 * members' dominant imported theme (held by at least two members and at least half of them; ties go to the theme
 * listed first more often, then alphabetically) or else the cluster's telling terms. A member's reason names the
 * themes and affected persons it shares with other members and the mean cosine of its text to theirs.
 */
public final class ClusterExplainer {

    public enum LabelSource { THEME, TERMS }

    /** Why one member (an index into the clustered lists) is in its cluster. */
    public record Member(int index, String reason, List<String> sharedThemes, List<String> sharedAffectedPersons,
            double textSimilarity) {
    }

    public record Explanation(String label, LabelSource labelSource, List<Member> members) {
    }

    private ClusterExplainer() {
    }

    public static Explanation explain(List<Integer> members, List<float[]> vectors, List<List<String>> themes,
            List<List<String>> persons, List<String> terms) {
        Counts themeCounts = counts(members, themes);
        Counts personCounts = counts(members, persons);
        int size = members.size();
        String label = null;
        String best = themeCounts.byKey.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                        .thenComparing(e -> -themeCounts.first.getOrDefault(e.getKey(), 0))
                        .thenComparing(Map.Entry::getKey))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        if (best != null && themeCounts.byKey.get(best) >= 2 && themeCounts.byKey.get(best) * 2 >= size) {
            label = themeCounts.display.get(best);
        }
        LabelSource source = label == null ? LabelSource.TERMS : LabelSource.THEME;
        if (label == null) {
            label = terms.isEmpty() ? "Suggested cluster" : String.join(", ", terms);
        }
        List<Member> out = new ArrayList<>(size);
        for (int i : members) {
            double sum = 0;
            for (int j : members) {
                if (j != i) {
                    sum += SentenceEmbedder.dot(vectors.get(i), vectors.get(j));
                }
            }
            double similarity = size < 2 ? 1 : Math.round(sum / (size - 1) * 100) / 100.0;
            List<String> sharedThemes = shared(themes, i, themeCounts);
            List<String> sharedPersons = shared(persons, i, personCounts);
            List<String> parts = new ArrayList<>();
            if (!sharedThemes.isEmpty()) {
                parts.add(phrase("theme", sharedThemes, themeCounts, size));
            }
            if (!sharedPersons.isEmpty()) {
                parts.add(phrase("affected persons", sharedPersons, personCounts, size));
            }
            parts.add(String.format(Locale.ROOT, "text close to the other members (mean cosine %.2f)", similarity));
            out.add(new Member(i, String.join("; ", parts), sharedThemes, sharedPersons, similarity));
        }
        return new Explanation(label, source, out);
    }

    private static String phrase(String what, List<String> shared, Counts counts, int size) {
        return "shares " + what + " " + shared.stream().limit(3)
                .map(s -> "'" + s + "' with " + (counts.byKey.get(RecommendationDistance.key(s)) - 1) + " of "
                        + (size - 1) + " other members")
                .collect(Collectors.joining(", "));
    }

    /** The item's values that at least one other member also has, most shared first, as the item writes them. */
    private static List<String> shared(List<List<String>> values, int i, Counts counts) {
        if (values == null || values.get(i) == null) {
            return List.of();
        }
        Map<String, String> own = new LinkedHashMap<>();
        for (String v : values.get(i)) {
            String key = RecommendationDistance.key(v);
            if (!key.isEmpty() && counts.byKey.getOrDefault(key, 0) >= 2) {
                own.putIfAbsent(key, v.strip());
            }
        }
        return own.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, String>>comparingInt(e -> -counts.byKey.get(e.getKey())))
                .map(Map.Entry::getValue).toList();
    }

    private record Counts(Map<String, Integer> byKey, Map<String, Integer> first, Map<String, String> display) {
    }

    private static Counts counts(List<Integer> members, List<List<String>> values) {
        Counts c = new Counts(new HashMap<>(), new HashMap<>(), new HashMap<>());
        if (values == null) {
            return c;
        }
        for (int i : members) {
            List<String> vs = values.get(i) == null ? List.of() : values.get(i);
            boolean firstSeen = false;
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String v : vs) {
                String key = RecommendationDistance.key(v);
                if (key.isEmpty() || !seen.add(key)) {
                    continue;
                }
                c.byKey.merge(key, 1, Integer::sum);
                c.display.putIfAbsent(key, v.strip());
                if (!firstSeen) {
                    c.first.merge(key, 1, Integer::sum);
                    firstSeen = true;
                }
            }
        }
        return c;
    }
}
