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

    private static final Pattern MARKUP = Pattern.compile("<[a-zA-Z/!][^>]*>|&(#\\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,10});");
    private static final Set<String> BREAKS = Set.of("br");
    private static final Set<String> BLOCKS = Set.of("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
            "tr", "table", "blockquote", "section", "article", "dd", "dt", "pre");
    private static final Pattern DOTTED = Pattern.compile("^(\\d{1,3}\\.\\d{1,3})(?:\\.\\s*|\\s+)(.*)$", Pattern.DOTALL);
    private static final Pattern NUMBERED = Pattern.compile("^(\\d{1,3})\\.\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern BARE_WITH_SUBPARAGRAPH = Pattern.compile("^(\\d{1,3})\\s+(\\((?:[a-z]{1,2}|[ivx]{1,5})\\).*)$",
            Pattern.DOTALL);
    private static final Pattern SUBPARAGRAPH = Pattern.compile("^\\(([a-z]{1,2}|[ivx]{1,5})\\)\\s*(.*)$", Pattern.DOTALL);
    private static final Pattern BLANK_RUN = Pattern.compile("\\n{3,}");
    private static final Pattern LINE_SPACES = Pattern.compile("[ \\t\\x0B\\f\\u00A0]+");

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
        if (MARKUP.matcher(raw).find()) {
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
        StringBuilder lines = new StringBuilder(text.length());
        for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            lines.append(LINE_SPACES.matcher(line).replaceAll(" ").strip()).append('\n');
        }
        String plain = BLANK_RUN.matcher(lines.toString()).replaceAll("\n\n").strip();
        return plain.isEmpty() ? null : plain;
    }
}
