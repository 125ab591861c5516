package org.opennrtd.recommendations.importing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns of the Universal Human Rights Index's exports (Excel or CSV), in any order, with OHCHR's
 * spelling "Reccomending" or the correct one, turned into {@link ImportRecord}s.
 */
final class UhriTabularMapper {

    static final String TEXT = "text";
    static final String COUNTRIES = "countries concerned";
    static final String BODY = "recommending body";
    static final String SYMBOL = "document symbol";
    static final String THEMES = "themes";
    static final String AFFECTED = "affected persons";
    static final String SDGS = "sdgs";
    static final String PUBLISHED = "document publication date";
    static final String UPR_STATES = "upr recommending states";
    static final String UPR_POSITION = "upr position";
    static final String TYPE = "type";
    static final String ANNOTATION = "ohchr annotation id";
    static final String UPR_SESSION = "upr session";
    static final String REGIONS = "regions concerned";

    private static final Pattern DIGITS = Pattern.compile("(\\d{1,3})");

    private final Map<String, Integer> columns = new HashMap<>();
    private final List<String> headerNames;

    private UhriTabularMapper(List<String> header) {
        this.headerNames = header;
        for (int i = 0; i < header.size(); i++) {
            String name = normalise(header.get(i));
            if (!name.isEmpty()) {
                columns.putIfAbsent(name, i);
            }
        }
    }

    /** Whether a header row is a UHRI export's. */
    static boolean isUhriHeader(List<String> header) {
        UhriTabularMapper m = new UhriTabularMapper(header);
        return m.columns.containsKey(TEXT) && (m.columns.containsKey(ANNOTATION) || m.columns.containsKey(COUNTRIES));
    }

    /** A mapper for a header, or the fatal problems that make the file unusable (missing key columns). */
    static UhriTabularMapper forHeader(List<String> header, List<RowProblem> problems) {
        UhriTabularMapper m = new UhriTabularMapper(header);
        for (String required : List.of(TEXT, ANNOTATION)) {
            if (!m.columns.containsKey(required)) {
                problems.add(RowProblem.fatal(1, display(required), "The key column '" + display(required)
                        + "' is missing; the header has " + String.join(", ", header) + "."));
            }
        }
        return m;
    }

    ImportRecord toRecord(int row, List<String> cells, List<RowProblem> problems) {
        String[] paragraphAndText = Cells.paragraphAndText(get(cells, TEXT));
        String paragraph = paragraphAndText[0];
        String text = paragraphAndText[1];
        UUID annotation = null;
        String rawAnnotation = get(cells, ANNOTATION);
        if (rawAnnotation == null) {
            problems.add(RowProblem.fatal(row, display(ANNOTATION), "The OHCHR annotation id is empty."));
        } else {
            try {
                annotation = UUID.fromString(rawAnnotation);
            } catch (IllegalArgumentException e) {
                problems.add(RowProblem.fatal(row, display(ANNOTATION), "'" + rawAnnotation + "' is not a UUID."));
            }
        }
        LocalDate published = null;
        try {
            published = Cells.date(get(cells, PUBLISHED));
        } catch (IllegalArgumentException e) {
            problems.add(RowProblem.fatal(row, display(PUBLISHED), e.getMessage()));
        }
        List<String> targets = new ArrayList<>();
        List<Integer> goals = new ArrayList<>();
        try {
            Cells.sdgs(Cells.multi(get(cells, SDGS)), targets, goals);
        } catch (IllegalArgumentException e) {
            problems.add(RowProblem.fatal(row, display(SDGS), e.getMessage()));
        }
        Integer session = null;
        String rawSession = get(cells, UPR_SESSION);
        if (rawSession != null) {
            Matcher d = DIGITS.matcher(rawSession);
            if (d.find()) {
                session = Integer.parseInt(d.group(1));
            } else {
                problems.add(RowProblem.fatal(row, display(UPR_SESSION), "'" + rawSession + "' is not a session number."));
            }
        }
        return new ImportRecord(row, annotation, get(cells, SYMBOL), paragraph, text,
                Cells.multi(get(cells, COUNTRIES)), get(cells, BODY), get(cells, UPR_POSITION),
                Cells.multi(get(cells, UPR_STATES)), Cells.multi(get(cells, THEMES)), Cells.multi(get(cells, AFFECTED)),
                targets, goals, session == null ? null : cycleOfSession(session), session, get(cells, TYPE),
                Cells.multi(get(cells, REGIONS)), published);
    }

    /** UPR cycles: sessions 1–12 were the first, 13–26 the second, 27–40 the third, 41–54 the fourth. */
    static int cycleOfSession(int session) {
        return session <= 12 ? 1 : (session - 13) / 14 + 2;
    }

    List<String> header() {
        return headerNames;
    }

    private String get(List<String> cells, String column) {
        Integer index = columns.get(column);
        if (index == null || index >= cells.size()) {
            return null;
        }
        return Cells.single(cells.get(index));
    }

    static String normalise(String header) {
        if (header == null) {
            return "";
        }
        String h = header.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return h.replace("reccomending", "recommending");
    }

    private static String display(String column) {
        StringBuilder sb = new StringBuilder();
        for (String word : column.split(" ")) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(word.equals("upr") || word.equals("ohchr") || word.equals("sdgs")
                    ? (word.equals("sdgs") ? "Sdgs" : word.toUpperCase(Locale.ROOT))
                    : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return sb.toString();
    }
}
