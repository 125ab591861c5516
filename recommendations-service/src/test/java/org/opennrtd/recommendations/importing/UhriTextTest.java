package org.opennrtd.recommendations.importing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UhriTextTest {

    private static void split(String raw, String paragraph, String text) {
        assertArrayEquals(new String[] {paragraph, text}, UhriText.paragraphAndText(raw), raw);
    }

    @Test
    void everyParagraphStyleOfTheIndex() {
        split("140.7 Ratify the Optional Protocol (Ghana);", "140.7", "Ratify the Optional Protocol (Ghana);");
        split("140.7. Ratify the Optional Protocol (Ghana);", "140.7", "Ratify the Optional Protocol (Ghana);");
        split("4.The Committee is concerned", "4", "The Committee is concerned");
        split("4. The Committee is concerned", "4", "The Committee is concerned");
        split("12. (a) Adopt a strategy;", "12(a)", "Adopt a strategy;");
        split("12.(iv) Adopt a strategy;", "12(iv)", "Adopt a strategy;");
        split("87 (b) Guarantee free education.", "87(b)", "Guarantee free education.");
    }

    @Test
    void aLeadingNumberThatIsNotAParagraphStaysText() {
        split("10 States have ratified", null, "10 States have ratified");
        split("2030 Agenda: implement it", null, "2030 Agenda: implement it");
        split("Ratify the Convention.", null, "Ratify the Convention.");
        split("12.", null, "12.");
    }

    @Test
    void htmlBecomesPlainTextWithItsParagraphBreaks() {
        split("<p>63.</p><p>Detention should be a last resort.</p>", "63", "Detention should be a last resort.");
        assertEquals("Roma & Sinti,\nin education;\n\nhousing", UhriText.plain("<p>Roma &amp; Sinti,<br>in <em>education</em>;</p>"
                + "<div>housing</div>"));
        assertEquals("a < b and c > d", UhriText.plain("a &lt; b and c &gt; d"));
        assertEquals("x 5 < 7 y", UhriText.plain("x  5 < 7\ty"), "a bare '<' is not markup");
        assertNull(UhriText.plain("<p> </p>"));
        assertNull(UhriText.plain(null));
    }

    /** The rules {@link UhriText#plain} had as regular expressions, before a scan replaced them: the reference. */
    private static final Pattern MARKUP = Pattern.compile("<[a-zA-Z/!][^>]*>|&(#\\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,10});");
    private static final Pattern LINE_SPACES = Pattern.compile("[ \\t\\x0B\\f\\u00A0]+");
    private static final Pattern BLANK_RUN = Pattern.compile("\\n{3,}");

    private static String tidiedByRegex(String text) {
        StringBuilder lines = new StringBuilder(text.length());
        for (String line : text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            lines.append(LINE_SPACES.matcher(line).replaceAll(" ").strip()).append('\n');
        }
        String plain = BLANK_RUN.matcher(lines.toString()).replaceAll("\n\n").strip();
        return plain.isEmpty() ? null : plain;
    }

    @Test
    void theScanFindsMarkupAndTidiesWhiteSpaceExactlyAsTheRegularExpressionsDid() {
        String alphabet = "ab<>&#x;/!1F9 \t\n\r\u000B\f\u00A0\u2003\u00e9pr";
        Random rnd = new Random(20261207L);
        for (int round = 0; round < 200_000; round++) {
            StringBuilder sb = new StringBuilder();
            for (int n = rnd.nextInt(24); n > 0; n--) {
                sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
            }
            String raw = sb.toString();
            assertEquals(MARKUP.matcher(raw).find(), UhriText.hasMarkup(raw), () -> "markup in '" + escape(raw) + "'");
            if (!MARKUP.matcher(raw).find()) {
                assertEquals(tidiedByRegex(raw), UhriText.plain(raw), () -> "tidied '" + escape(raw) + "'");
            }
        }
        for (String entity : new String[] {"&amp;", "&#1234567;", "&#x1F600;", "&#xABCDEF;", "&ab;", "&abcdefghij;"}) {
            assertEquals(true, UhriText.hasMarkup("x " + entity + " y"), entity);
        }
        for (String notEntity : new String[] {"&a;", "&#12345678;", "&#x1234567;", "&#X41;", "&abcdefghijk;", "& amp;", "&#;"}) {
            assertEquals(false, UhriText.hasMarkup("x " + notEntity + " y"), notEntity);
        }
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        s.chars().forEach(c -> sb.append(c < 32 || c > 126 ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return sb.toString();
    }
}
