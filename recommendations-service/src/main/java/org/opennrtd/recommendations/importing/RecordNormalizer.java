package org.opennrtd.recommendations.importing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Turns what a reader found into {@link StagedRecommendation}s: one per State concerned (or only the State the
 * import is for), with the mechanism recognised from the body, the position mapped to SUPPORTED /
 * SUPPORTED_IN_PART / NOTED / PENDING, and every key unique within the file: the annotation id of a row that has
 * one, the document symbol and paragraph of a row that has none (see {@link #keys}).
 */
public final class RecordNormalizer {

    private static final Set<String> TREATY_BODIES = Set.of("CAT", "CCPR", "CED", "CEDAW", "CERD", "CESCR", "CMW",
            "CRC", "CRPD", "SPT", "HRC", "HUMAN RIGHTS COMMITTEE");

    private static final java.util.regex.Pattern NOT_LETTERS = java.util.regex.Pattern.compile("[^a-z ]");
    private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");

    private final ImportFormat format;
    private final Optional<String> country;
    private final Integer uprCycle;
    private final Integer uprSession;
    private final List<RowProblem> problems;
    private final Map<String, Optional<String>> iso3Of = new HashMap<>();
    private final Map<String, Integer> keys = new HashMap<>();
    private int skippedForOtherStates;
    private int staged;
    private int rejected;
    private final TreeSet<String> outOfScopeCountries = new TreeSet<>();

    /**
     * Normalises the records of one file, restricted to {@code country} if given, adding fatal problems to
     * {@code problems} for anything that must not be stored.
     */
    public RecordNormalizer(ImportFormat format, Optional<String> country, Integer uprCycle, Integer uprSession,
            List<RowProblem> problems) {
        this.format = format;
        this.country = country;
        this.uprCycle = uprCycle;
        this.uprSession = uprSession;
        this.problems = problems;
    }

    /** Hands the staged rows of one record (one per State concerned) to {@code out}, in the order of the file. */
    public void accept(ImportRecord r, Consumer<StagedRecommendation> out) {
        if (r.text() == null || r.text().isBlank()) {
            problems.add(RowProblem.fatal(r.row(), "Text", "The recommendation has no text."));
            return;
        }
        String mechanism = mechanism(r);
        String position = position(r.position(), r.row(), problems);
        List<String> countries = countries(r);
        if (countries.isEmpty() && !r.countries().isEmpty()) {
            // Out of scope if it concerns some other State the import knows; else it names only unknown States.
            if (!outOfScopeHit) {
                rejected++;
            }
            return;
        }
        for (String iso3 : countries) {
            Integer cycle = r.uprCycle() != null ? r.uprCycle() : "UPR".equals(mechanism) ? uprCycle : null;
            Integer session = r.uprSession() != null ? r.uprSession() : "UPR".equals(mechanism) ? uprSession : null;
            List<Integer> goals = new ArrayList<>(new TreeSet<>(r.sdgGoals()));
            for (String target : r.sdgTargets()) {
                int goal = Integer.parseInt(target.substring(0, target.indexOf('.')));
                if (!goals.contains(goal)) {
                    goals.add(goal);
                }
            }
            goals.sort(null);
            StagedRecommendation s = new StagedRecommendation(r.row(), iso3, r.text().strip(), mechanism,
                    r.body() == null ? defaultBody(mechanism) : r.body(), r.documentSymbol(), r.paragraph(),
                    r.uhriAnnotationId(), cycle, session, r.recommendingStates(), position, r.themes(),
                    r.affectedPersons(), r.sdgTargets(), goals, r.regions(), r.type(), r.publicationDate(),
                    r.recommendingRegions(), r.uhriDocumentId(), r.uhriPublicationDate());
            for (String key : keys(s)) {
                Integer earlier = keys.putIfAbsent(key, r.row());
                if (earlier != null) {
                    problems.add(RowProblem.fatal(r.row(), null, "Row " + r.row() + " repeats the key of row "
                            + earlier + " (" + key.substring(key.indexOf('|') + 1).replace('|', ' ') + ")."));
                }
            }
            staged++;
            out.accept(s);
        }
    }

    /**
     * After the last record: a file none of whose records can be stored is refused, whether its records concern
     * only other States than the one it is imported for or only States the import does not know.
     */
    public void finish() {
        if (staged > 0) {
            return;
        }
        if (skippedForOtherStates > 0) {
            problems.add(RowProblem.fatal(0, "Countries Concerned", "None of the file's records concerns "
                    + country.orElse("?") + " (they concern " + String.join(", ", outOfScopeCountries) + ")."));
        } else if (rejected > 0) {
            problems.add(RowProblem.fatal(0, "Countries Concerned", "None of the file's records concerns a State the"
                    + " import knows (" + String.join(", ", unknownNames) + ")."));
        }
    }

    /**
     * The key that identifies a row, unique within the file: its State and annotation id if it has one (the UHRI
     * annotates one paragraph more than once, so annotations may share a paragraph), else its State, document symbol
     * and paragraph (the key of a matrix), if it has both. A row with neither has no key.
     */
    private static List<String> keys(StagedRecommendation s) {
        if (s.uhriAnnotationId() != null) {
            return List.of(s.country() + "|annotation|" + s.uhriAnnotationId());
        }
        if (s.documentSymbol() != null && s.paragraph() != null) {
            return List.of(s.country() + "|document|" + s.documentSymbol() + "|paragraph|" + s.paragraph());
        }
        return List.of();
    }

    /** The first names of States the import did not know. */
    private final Set<String> unknownNames = new LinkedHashSet<>();

    /** Whether the record {@link #countries} last looked at concerns a State other than the import's. */
    private boolean outOfScopeHit;

    /**
     * The States of a record this import stores rows for. A name the import does not know is a row problem (that
     * State's row is not stored; the rest of the file is); a State other than the one the import is for is out of
     * scope, counted and named in the job.
     */
    private List<String> countries(ImportRecord r) {
        outOfScopeHit = false;
        if (r.countries().isEmpty()) {
            if (country.isEmpty()) {
                problems.add(RowProblem.fatal(r.row(), "Countries Concerned", format == ImportFormat.UPR_MATRIX_DOCX
                        || format == ImportFormat.OPENNRTD_CSV
                        ? "Say which State this file is for (the country field of the import)."
                        : "The record names no State concerned."));
                return List.of();
            }
            return List.of(country.get());
        }
        List<String> out = new ArrayList<>();
        for (String name : r.countries()) {
            Optional<String> iso3 = iso3Of.computeIfAbsent(name, CountryNames::toIso3);
            if (iso3.isEmpty()) {
                if (unknownNames.size() < 20) {
                    unknownNames.add(name);
                }
                problems.add(RowProblem.rejected(r.row(), "Countries Concerned", "'" + name + "' is not a country name"
                        + " or ISO 3166-1 alpha-3 code the import knows; the record was not imported for it."));
                continue;
            }
            if (country.isEmpty() || country.get().equals(iso3.get())) {
                if (!out.contains(iso3.get())) {
                    out.add(iso3.get());
                }
            } else {
                outOfScopeHit = true;
                skippedForOtherStates++;
                outOfScopeCountries.add(iso3.get());
            }
        }
        return out;
    }

    /**
     * Rows left out because they concern a State other than the one this import is for: one per record and such
     * State (a record for two States, one of them the import's, leaves one out).
     */
    public int outOfScope() {
        return skippedForOtherStates;
    }

    /** The States the out-of-scope records concern. */
    public List<String> outOfScopeCountries() {
        return List.copyOf(outOfScopeCountries);
    }

    /** Records not imported for any State because of a row problem (an unknown State). */
    public int rejected() {
        return rejected;
    }

    static String mechanism(ImportRecord r) {
        String body = r.body() == null ? "" : r.body().strip();
        String upper = body.toUpperCase(Locale.ROOT);
        if (upper.equals("UPR") || upper.startsWith("UPR ") || upper.contains("UNIVERSAL PERIODIC REVIEW")
                || (body.isEmpty() && (!r.recommendingStates().isEmpty() || r.uprSession() != null))) {
            return "UPR";
        }
        if (TREATY_BODIES.contains(upper) || upper.startsWith("COMMITTEE ")) {
            return "TREATY_BODY";
        }
        if (upper.startsWith("SR ") || upper.startsWith("WG ") || upper.startsWith("IE ") || upper.startsWith("SPECIAL RAPPORTEUR")
                || upper.startsWith("WORKING GROUP") || upper.startsWith("INDEPENDENT EXPERT") || upper.startsWith("SR/")) {
            return "SPECIAL_PROCEDURE";
        }
        return body.isEmpty() ? "UPR" : "OTHER";
    }

    private static String defaultBody(String mechanism) {
        return "UPR".equals(mechanism) ? "UPR" : "Unknown";
    }

    static String position(String raw, int row, List<RowProblem> problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String p = SPACES.matcher(NOT_LETTERS.matcher(raw.strip().toLowerCase(Locale.ROOT)).replaceAll(" ")).replaceAll(" ").strip();
        return switch (p) {
            case "supported", "accepted", "accepted supported", "supported accepted", "enjoys the support" -> "SUPPORTED";
            case "supported in part", "partially supported", "partially accepted", "supported partially", "accepted in part" ->
                    "SUPPORTED_IN_PART";
            case "noted", "not supported", "rejected", "not accepted", "took note", "noted rejected" -> "NOTED";
            case "pending", "to be considered", "under consideration", "no position" -> "PENDING";
            case "supported noted", "noted supported" -> "SUPPORTED_IN_PART";
            default -> {
                problems.add(RowProblem.warning(row, "UPR Position", "'" + raw.strip() + "' is not a position the import"
                        + " knows (Supported, Supported in part, Noted, Pending); the recommendation is stored as PENDING."));
                yield null;
            }
        };
    }
}
