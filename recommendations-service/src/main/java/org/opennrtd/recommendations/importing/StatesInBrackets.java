package org.opennrtd.recommendations.importing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The recommending States a matrix writes in brackets after each phrasing of a recommendation:
 * {@code <text> (<State>) (<State>); <text> (<State>).} A bracket group counts as a State, or as a comma list of
 * States, when it reads like one (capitalised words, no digits, not an acronym or a treaty's name), so
 * {@code Convention, 1930 (No. 29) (United Kingdom ...)} keeps "(No. 29)" in the text. Brackets nest:
 * {@code (Bolivia (Plurinational State of))} is one State.
 */
final class StatesInBrackets {

    private static final Pattern DIGIT = Pattern.compile("\\d");
    private static final Pattern ACRONYM = Pattern.compile("^[\\p{Lu}\\-]{2,}$");
    /** Words that mark a bracketed group in a recommendation's text as something other than a State. */
    private static final Pattern NOT_A_STATE = Pattern.compile("(?i)\\b(convention|covenant|protocol|act|law|code|"
            + "committee|council|commission|programme|program|plan|strategy|agenda|declaration|principles|rules|"
            + "guidelines|ombudsman|court|charter|resolution|article|para|paragraph)\\b");

    /** A recommendation's phrasings without their States, joined by "; ", and the States, in order, each once. */
    record Phrasings(String text, List<String> states) {
    }

    private StatesInBrackets() {
    }

    /**
     * Splits {@code <text> (<State>) (<State>); <text> (<State>).} into the texts and the States. A phrasing ends
     * where a run of bracketed States is followed by ";", "." or the end.
     */
    static Phrasings split(String s) {
        int n = s.length();
        // top-level bracket groups, in order
        List<int[]> groups = new ArrayList<>();
        int[] groupEndingAt = new int[n + 1]; // the index in groups of the group whose ")" is at i, or -1
        Arrays.fill(groupEndingAt, -1);
        boolean[] inside = new boolean[n + 1];
        Deque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '(') {
                open.push(i);
            } else if (c == ')' && !open.isEmpty()) {
                int start = open.pop();
                if (open.isEmpty()) {
                    groupEndingAt[i] = groups.size();
                    groups.add(new int[] {start, i});
                    for (int k = start; k <= i; k++) {
                        inside[k] = true;
                    }
                }
            }
        }
        List<String> texts = new ArrayList<>();
        LinkedHashSet<String> states = new LinkedHashSet<>();
        int segment = 0;
        for (int i = 0; i <= n; i++) {
            boolean terminator = i == n
                    || !inside[i] && (s.charAt(i) == ';'
                            || s.charAt(i) == '.' && (i + 1 == n || Character.isWhitespace(s.charAt(i + 1))));
            if (!terminator) {
                continue;
            }
            int j = i - 1;
            while (j >= segment && Character.isWhitespace(s.charAt(j))) {
                j--;
            }
            int g = j < 0 ? -1 : groupEndingAt[j];
            Deque<List<String>> found = new ArrayDeque<>();
            int firstStart = -1;
            while (g >= 0 && groups.get(g)[0] >= segment) {
                List<String> named = statesIn(PlainLine.of(s.substring(groups.get(g)[0] + 1, groups.get(g)[1])));
                if (named == null) {
                    break;
                }
                found.addFirst(named);
                firstStart = groups.get(g)[0];
                int k = firstStart - 1;
                while (k >= segment && Character.isWhitespace(s.charAt(k))) {
                    k--;
                }
                g = k < 0 ? -1 : groupEndingAt[k];
            }
            if (!found.isEmpty()) {
                String text = trimPhrasing(s.substring(segment, firstStart));
                if (!text.isEmpty()) {
                    texts.add(text);
                }
                found.forEach(states::addAll);
                segment = i + 1;
            }
        }
        if (segment < n) {
            String rest = trimPhrasing(s.substring(segment));
            if (!rest.isEmpty()) {
                texts.add(rest);
            }
        }
        return new Phrasings(String.join("; ", texts), List.copyOf(states));
    }

    /**
     * The States a bracket group names, or null if it is not a list of States: one State, or several separated by
     * commas as the cycle-2 layout writes them ({@code (Austria, Belgium, Chile)}); commas inside a nested bracket
     * do not separate.
     */
    static List<String> statesIn(String inner) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == ',' && depth == 0) {
                parts.add(inner.substring(start, i).strip());
                start = i + 1;
            }
        }
        parts.add(inner.substring(start).strip());
        for (String part : parts) {
            if (!looksLikeState(part)) {
                return null;
            }
        }
        return parts;
    }

    static boolean looksLikeState(String name) {
        if (name.isEmpty() || name.length() > 80 || DIGIT.matcher(name).find() || ACRONYM.matcher(name).matches()) {
            return false;
        }
        if (!Character.isUpperCase(name.codePointAt(0)) && !name.startsWith("the ")) {
            return false;
        }
        return !NOT_A_STATE.matcher(name).find();
    }

    private static String trimPhrasing(String text) {
        String t = PlainLine.of(text);
        while (t.startsWith(";")) {
            t = t.substring(1).strip();
        }
        while (t.endsWith(";")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        return t;
    }
}
