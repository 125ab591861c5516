package org.opennrtd.recommendations.importing;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The text of a UHRI record as a person reads it: HTML markup turned into plain text with its paragraph breaks kept,
 * and the document's paragraph number split off the front.
 *
 * <p>Paragraph styles recognised at the start of a text, and the paragraph stored for each:
 * {@code 140.7 Ratify…} and {@code 140.7. Ratify…} give {@code 140.7}; {@code 4.The Committee…} and
 * {@code 4. The Committee…} give {@code 4}; {@code 12. (a) Ratify…} and {@code 12.(a) …} give {@code 12(a)}.
 * A bare number followed by a lettered sub-paragraph ({@code 87 (b) Guarantee…}) gives {@code 87(b)}; a bare number
 * otherwise ({@code 10 States…}) is text, not a paragraph.
 */
final class UhriText {

    private static final Set<String> BREAKS = Set.of("br");
    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
            "tr", "table", "blockquote", "section", "article", "dd", "dt", "pre");
    private static final Pattern DOTTED = Pattern.compile("^(\\d{1,3}\\.\\d{1,3})(?:\\.\\s*|\\s+)(.*)$", Pattern.DOTALL);
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{1,3})\\.\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern BARE_WITH_SUBPARAGRAPH = Pattern.compile("^(\\d{1,3})\\s+(\\((?:[a-z]{1,2}|[ivx]{1,5})\\).*)$",
            Pattern.DOTALL);
    private static final Pattern SUBPARAGRAPH = Pattern.compile("^\\(([a-z]{1,2}|[ivx]{1,5})\\)\\s*(.*)$", Pattern.DOTALL);

    private UhriText() {
    }

    /** {@code [paragraph or null, text]}: the text made plain and its leading paragraph number split off. */
    static String[] paragraphAndText(String raw) {
        String text = plain(raw);
        if (text == null) {
            return new String[] {null, null};
        }
        Matcher dotted = DOTTED.matcher(text);
        String paragraph = null;
        String rest = text;
        if (dotted.matches() && !dotted.group(2).isBlank()) {
            paragraph = dotted.group(1);
            rest = dotted.group(2);
        } else {
            Matcher numbered = NUMBERED.matcher(text);
            Matcher bare = BARE_WITH_SUBPARAGRAPH.matcher(text);
            if (numbered.matches() && !numbered.group(2).isBlank() && !Character.isDigit(numbered.group(2).charAt(0))) {
                paragraph = numbered.group(1);
                rest = numbered.group(2);
            } else if (bare.matches()) {
                paragraph = bare.group(1);
                rest = bare.group(2);
            }
        }
        if (paragraph != null) {
            Matcher sub = SUBPARAGRAPH.matcher(rest);
            if (sub.matches() && !sub.group(2).isBlank()) {
                paragraph = paragraph + "(" + sub.group(1) + ")";
                rest = sub.group(2);
            }
        }
        return new String[] {paragraph, rest.strip()};
    }

    /** The text without markup: block elements and {@code <br>} become line breaks, entities their characters. */
    static String plain(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw;
        if (hasMarkup(raw)) {
            StringBuilder out = new StringBuilder(raw.length());
            NodeTraversor.traverse(new NodeVisitor() {
                @Override
                public void head(Node node, int depth) {
                    if (node instanceof TextNode t) {
                        out.append(t.getWholeText().replace('\n', ' ').replace('\r', ' '));
                    } else if (node instanceof Element e && BREAKS.contains(e.normalName())) {
                        out.append('\n');
                    } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                        out.append("\n\n");
                    }
                }

                @Override
                public void tail(Node node, int depth) {
                    if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                        out.append("\n\n");
                    }
                }
            }, Jsoup.parseBodyFragment(raw).body());
            text = out.toString();
        }
        String plain = blankRunsCollapsed(linesTidied(text)).strip();
        return plain.isEmpty() ? null : plain;
    }

    /**
     * Whether the text holds a tag ({@code <} then a letter, {@code /} or {@code !}, and a {@code >} later) or a
     * character reference ({@code &#1234;}, {@code &#x1F;}, {@code &amp;}): only then is it parsed as HTML. A
     * plain-text scan, as most texts hold neither and every record of the whole index passes here.
     */
    static boolean hasMarkup(String s) {
        int n = s.length();
        for (int i = s.indexOf('<'); i >= 0 && i + 1 < n; i = s.indexOf('<', i + 1)) {
            char c = s.charAt(i + 1);
            if ((c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '/' || c == '!') && s.indexOf('>', i + 2) >= 0) {
                return true;
            }
        }
        for (int i = s.indexOf('&'); i >= 0; i = s.indexOf('&', i + 1)) {
            if (referenceAt(s, i + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a character reference's name and {@code ;} follow its {@code &} at {@code j}. */
    private static boolean referenceAt(String s, int j) {
        int n = s.length();
        if (j < n && s.charAt(j) == '#') {
            int k = j + 1;
            while (k < n && k - j - 1 < 7 && Character.isDigit(s.charAt(k)) && s.charAt(k) < 128) {
                k++;
            }
            if (k > j + 1 && k < n && s.charAt(k) == ';') {
                return true;
            }
            if (j + 1 < n && s.charAt(j + 1) == 'x') {
                k = j + 2;
                while (k < n && k - j - 2 < 6 && Character.digit(s.charAt(k), 16) >= 0 && s.charAt(k) < 128) {
                    k++;
                }
                return k > j + 2 && k < n && s.charAt(k) == ';';
            }
            return false;
        }
        int k = j;
        while (k < n && k - j < 10 && (s.charAt(k) >= 'a' && s.charAt(k) <= 'z' || s.charAt(k) >= 'A' && s.charAt(k) <= 'Z')) {
            k++;
        }
        return k - j >= 2 && k < n && s.charAt(k) == ';';
    }

    /**
     * Every line (ended by LF, CRLF or CR) with its runs of spaces, tabs, vertical tabs, form feeds and no-break spaces
     * made one space and its leading and trailing white space removed; each line ends with LF.
     */
    private static String linesTidied(String text) {
        int n = text.length();
        StringBuilder out = new StringBuilder(n + 1);
        int i = 0;
        while (true) {
            int lineStart = out.length();
            boolean space = false;
            for (; i < n; i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') {
                    break;
                }
                if (c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\u00A0') {
                    if (!space) {
                        out.append(' ');
                        space = true;
                    }
                } else {
                    out.append(c);
                    space = false;
                }
            }
            int end = out.length();
            while (end > lineStart && Character.isWhitespace(out.charAt(end - 1))) {
                end--;
            }
            out.setLength(end);
            int start = lineStart;
            while (start < end && Character.isWhitespace(out.charAt(start))) {
                start++;
            }
            if (start > lineStart) {
                out.delete(lineStart, start);
            }
            out.append('\n');
            if (i >= n) {
                return out.toString();
            }
            i += text.charAt(i) == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
        }
    }

    /** Runs of three or more line breaks made two: at most one blank line between paragraphs. */
    private static String blankRunsCollapsed(String text) {
        if (!text.contains("\n\n\n")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int breaks = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            breaks = c == '\n' ? breaks + 1 : 0;
            if (breaks <= 2) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
