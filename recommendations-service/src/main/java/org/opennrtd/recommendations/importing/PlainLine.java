package org.opennrtd.recommendations.importing;

import java.util.regex.Pattern;

/** The text of a Word matrix cell (or part of one) on one line, as every part of the matrix reading compares it. */
final class PlainLine {

    private static final Pattern BULLET = Pattern.compile("^[-–—•·*▪]\\s*");

    private PlainLine() {
    }

    /** Text on one line: no-break and other odd spaces made plain, invisible characters dropped, runs collapsed. */
    static String of(String s) {
        if (s == null) {
            return "";
        }
        return s.replaceAll("[\\u00AD\\u200B\\u200C\\u200D\\u2060\\uFEFF]", "")
                .replaceAll("[\\s\\u00A0\\u2007\\u202F]+", " ")
                .strip();
    }

    /** Whether a line (already {@link #of one line}) is a list item: it starts with a dash, bullet or asterisk. */
    static boolean isListItem(String line) {
        return BULLET.matcher(line).find();
    }

    /** The text on one line without the dash or bullet of a list item. */
    static String withoutBullet(String s) {
        return of(BULLET.matcher(of(s)).replaceFirst(""));
    }
}
