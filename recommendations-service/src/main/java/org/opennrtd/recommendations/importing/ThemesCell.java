package org.opennrtd.recommendations.importing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The themes cell of a matrix row ({@code Full list of themes} / {@code Human rights themes and groups of persons}):
 * theme lines, then optionally {@code SDGs:} with {@code - 16 - PEACE, ...} lines, then {@code Affected persons:} or
 * {@code Groups of Persons:} with one group per line. A heading may carry its first item on its line; a line
 * {@code <words>: ...} that names no known heading is an item of the current part; cycle-2 theme codes such as
 * {@code A12} are dropped.
 *
 * @param themes the themes, in order, each once
 * @param affectedPersons the groups of persons, in order, each once
 */
record ThemesCell(List<String> themes, List<String> affectedPersons) {

    private static final Pattern THEME_CODE = Pattern.compile("^[A-Z]\\d{1,3}\\s+(?=\\S)");
    private static final Pattern HEADING = Pattern.compile("(?i)^([\\p{L} ]{3,60}?)\\s*:\\s*(.*)$");

    private enum Section { THEMES, SDGS, PERSONS }

    /** The cell's themes and persons; the SDGs it names are added to {@code sdgs}. */
    static ThemesCell read(String cell, SdgCodes sdgs) {
        Set<String> themes = new LinkedHashSet<>();
        Set<String> persons = new LinkedHashSet<>();
        Section section = Section.THEMES;
        for (String raw : cell.split("\n")) {
            String l = PlainLine.of(raw);
            if (l.isEmpty()) {
                continue;
            }
            Matcher heading = HEADING.matcher(l);
            if (!PlainLine.isListItem(l) && heading.matches()) {
                Section next = section(heading.group(1));
                if (next != null) {
                    section = next;
                    l = PlainLine.of(heading.group(2));
                    if (l.isEmpty()) {
                        continue;
                    }
                }
            }
            String item = PlainLine.withoutBullet(l);
            if (item.isEmpty()) {
                continue;
            }
            switch (section) {
                case THEMES -> addDistinct(themes, withoutThemeCode(item));
                case PERSONS -> addDistinct(persons, item);
                case SDGS -> sdgs.addLine(item);
            }
        }
        return new ThemesCell(List.copyOf(themes), List.copyOf(persons));
    }

    /** A theme without its cycle-2 code ({@code A12 Acceptance of international norms}). */
    static String withoutThemeCode(String theme) {
        return THEME_CODE.matcher(theme).replaceFirst("").strip();
    }

    private static Section section(String heading) {
        String h = heading.toLowerCase(Locale.ROOT).strip();
        if (h.equals("sdg") || h.equals("sdgs") || h.startsWith("sustainable development goal") || h.equals("relevant sdgs")) {
            return Section.SDGS;
        }
        if (h.equals("affected persons") || h.equals("persons affected") || h.equals("groups of persons")
                || h.equals("group of persons") || h.equals("groups of persons affected")) {
            return Section.PERSONS;
        }
        if (h.equals("themes") || h.equals("theme") || h.equals("human rights themes") || h.equals("full list of themes")) {
            return Section.THEMES;
        }
        if (h.equals("targets") || h.equals("sdg targets")) {
            return Section.SDGS;
        }
        return null;
    }

    private static void addDistinct(Set<String> values, String value) {
        if (!value.isEmpty()) {
            values.add(value);
        }
    }
}
