package org.opennrtd.recommendations.importing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
}
