package org.opennrtd.recommendations.importing;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How UHRI exports write values in a cell: multi-value lines, dates, SDG targets and goals. */
final class Cells {

    private static final LocalDate EXCEL_DAY_ZERO = LocalDate.of(1899, 12, 30);
    private static final Pattern SDG_TARGET = Pattern.compile("^\\s*(?:SDG\\s*)?(\\d{1,2})\\.([0-9]{1,2}|[a-z])\\b");
    private static final Pattern SDG_GOAL = Pattern.compile("^\\s*(?:SDG\\s*|Goal\\s*)?(\\d{1,2})(?:\\s*[-–:]|\\s*$)");
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("d/M/uuuu"),
            DateTimeFormatter.ofPattern("d.M.uuuu"),
            DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH),
            DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH));

    private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n|\\r");
    private static final Pattern SERIAL = Pattern.compile("\\d{1,6}(\\.\\d+)?");
    private static final Pattern LEADING_PARAGRAPH = Pattern.compile("^(\\d{1,3}\\.\\d{1,3})\\s+(.+)$", Pattern.DOTALL);

    private Cells() {
    }

    /** UPR texts in UHRI exports start with their paragraph number ("138.1 Criminalize ..."): split it off. */
    static String[] paragraphAndText(String text) {
        if (text != null) {
            Matcher m = LEADING_PARAGRAPH.matcher(text);
            if (m.matches()) {
                return new String[] {m.group(1), m.group(2).strip()};
            }
        }
        return new String[] {null, text};
    }

    /** One value per line, each possibly prefixed with "- "; blank lines dropped, duplicates removed. */
    static List<String> multi(String cell) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        LinkedHashSet<String> values = new LinkedHashSet<>();
        for (String line : LINE_BREAK.split(cell)) {
            String v = line.strip();
            if (v.startsWith("- ") || v.equals("-")) {
                v = v.substring(1).strip();
            } else if (v.startsWith("-")) {
                v = v.substring(1).strip();
            }
            if (!v.isEmpty()) {
                values.add(v);
            }
        }
        return new ArrayList<>(values);
    }

    /** A single value as UHRI JSON writes it: trimmed, its {@code "- "} prefix removed; null if blank. */
    static String unprefixed(String value) {
        String v = single(value);
        if (v != null && v.startsWith("-") && !v.startsWith("--")) {
            v = single(v.substring(1));
        }
        return v;
    }

    static String single(String cell) {
        if (cell == null) {
            return null;
        }
        String v = cell.strip();
        return v.isEmpty() ? null : v;
    }

    /** A date as an Excel serial number (day 0 = 1899-12-30), an ISO date, an ISO date-time or common text. */
    static LocalDate date(String cell) {
        String v = single(cell);
        if (v == null) {
            return null;
        }
        if (SERIAL.matcher(v).matches()) {
            double serial = Double.parseDouble(v);
            if (serial < 1 || serial > 2_958_465) {
                throw new IllegalArgumentException("'" + v + "' is not a date");
            }
            return EXCEL_DAY_ZERO.plusDays((long) Math.floor(serial));
        }
        if (v.length() > 10 && v.charAt(4) == '-' && (v.charAt(10) == 'T' || v.charAt(10) == ' ')) {
            v = v.substring(0, 10);
        }
        for (DateTimeFormatter format : DATE_FORMATS) {
            try {
                return LocalDate.parse(v, format);
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        throw new IllegalArgumentException("'" + v + "' is not a date (use YYYY-MM-DD)");
    }

    /** SDG targets (e.g. "1.4 - Equal rights ...") and bare goals (e.g. "5 - GENDER EQUALITY") of a list of values. */
    static void sdgs(List<String> values, List<String> targets, List<Integer> goals) {
        for (String value : values) {
            Matcher t = SDG_TARGET.matcher(value);
            if (t.find()) {
                int goal = Integer.parseInt(t.group(1));
                if (goal >= 1 && goal <= 17) {
                    String code = goal + "." + t.group(2);
                    if (!targets.contains(code)) {
                        targets.add(code);
                    }
                    continue;
                }
            }
            Matcher g = SDG_GOAL.matcher(value);
            if (g.find()) {
                int goal = Integer.parseInt(g.group(1));
                if (goal >= 1 && goal <= 17 && !goals.contains(goal)) {
                    goals.add(goal);
                    continue;
                }
            }
            throw new IllegalArgumentException("'" + value + "' is not an SDG target or goal");
        }
    }
}
