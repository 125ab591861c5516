package org.opennrtd.recommendations.importing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SDG goals and targets a matrix row names, in its themes cell's {@code SDGs:} part or its {@code Relevant SDGs}
 * column, gathered in order of first mention: {@code - 16 - PEACE, JUSTICE ...} is goal 16; {@code 16.3 Promote ...}
 * or {@code Target 5.a} a target. Goals outside 1 to 17 and lines that name no SDG are passed over.
 */
final class SdgCodes {

    private static final Pattern SDG_ITEM = Pattern.compile(
            "(?i)^(?:(?:SDGs?|goal|target)\\s*)?(\\d{1,2})(?:\\.(\\d{1,2}|[a-z]))?(?!\\d)(?!\\.[0-9a-z])");

    private final Set<String> targets = new LinkedHashSet<>();
    private final Set<Integer> goals = new LinkedHashSet<>();

    /** One line of SDGs, possibly several separated by commas ({@code SDGs: 5, 16}). */
    void addLine(String line) {
        for (String part : line.split("[,;]")) {
            add(part);
        }
    }

    private void add(String raw) {
        String item = PlainLine.withoutBullet(raw);
        Matcher m = SDG_ITEM.matcher(item);
        if (!m.find()) {
            return;
        }
        int goal = Integer.parseInt(m.group(1));
        if (goal < 1 || goal > 17) {
            return;
        }
        if (m.group(2) != null) {
            targets.add(goal + "." + m.group(2).toLowerCase(Locale.ROOT));
        } else {
            goals.add(goal);
        }
    }

    /** Target codes such as {@code 16.3} or {@code 5.a}. */
    List<String> targets() {
        return List.copyOf(targets);
    }

    /** Goals named without a target. */
    List<Integer> goals() {
        return List.copyOf(goals);
    }
}
