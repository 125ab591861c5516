package org.opennrtd.recommendations.importing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Applies an import's staged rows to the store with set-based SQL, never row by row: rows of States with nothing
 * stored are COPYed straight into {@code recommendation} as they arrive, as a bulk load would; the others are spooled
 * to disk and matched and merged with the stored ones once every row has arrived ({@link StoredRowMerger}), and the
 * ones that match nothing are COPYed in as new; a row that cannot be told apart from several stored ones is skipped,
 * a row problem of the job, and the rest of the file applies. Each created or changed recommendation gets an audit
 * entry with its state before and after; an unchanged one gets nothing, so importing a file twice changes nothing the
 * second time.
 * No row is held in the heap longer than it takes to pass it on, so memory stays flat whatever the file's size. Runs
 * inside the caller's transaction: any failure rolls the whole file back.
 */
@ApplicationScoped
public class ImportApplier {

    /**
     * What a file changed, the countries its rows concern, and the ids of the stored recommendations its rows matched
     * (created ones not among them).
     *
     * @param rejected rows neither created nor merged because matching them with the stored ones found a problem (a
     *                 row without annotation id whose paragraph several stored recommendations carry)
     * @param problems the problems found while matching: those rows (see {@code StoredRowMerger#match}), and warnings
     */
    public record Counts(int created, int updated, int unchanged, List<String> countries, List<String> matched,
            int rejected, List<RowProblem> problems) {

        /** A file whose rows all matched or were created without a problem. */
        public Counts(int created, int updated, int unchanged, List<String> countries, List<String> matched) {
            this(created, updated, unchanged, countries, matched, 0, List.of());
        }
    }

    /** The columns of an encoded row, in order. */
    static final String COLUMNS = "row_no, country, text, mechanism, body, document_symbol, paragraph,"
            + " uhri_annotation_id, upr_cycle, upr_session, recommending_states, position, themes, affected_persons,"
            + " sdg_targets, sdg_goals, regions, annotation_type, publication_date, recommending_regions, uhri_document_id,"
            + " uhri_publication_date";

    private static final String COPY_NEW_ROWS = "copy recommendation (id, " + COLUMNS.substring(COLUMNS.indexOf(',') + 2)
            + ", created_at, updated_at, version) from stdin";

    private static final String COPY_SIGHTINGS = "copy uhri_sighting (recommendation_id, last_seen_at) from stdin";

    private static final String COPY_AUDIT = "copy audit_event (id, occurred_at, actor, action, resource_type,"
            + " resource_id, before_state, after_state) from stdin";

    private static final Logger LOG = Logger.getLogger(ImportApplier.class);

    @Inject
    EntityManager em;

    /**
     * Applies rows as {@link ImportPayload} encodes them, as they come. The caller holds the lock that lets one file
     * apply at a time ({@code ImportJobs.APPLY_LOCK}), so which States already have stored recommendations is known
     * before the first row arrives and stays true until this transaction ends. With {@code fromUhri} (rows of a UHRI
     * export) the recommendations created are marked as seen in the UHRI now ({@code uhri_sighting}); matched
     * ones are {@link UhriPresence}'s to mark.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Counts apply(RowFeed feed, String actor, boolean fromUhri) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (Statement st = connection.createStatement(); LineSpool pending = new LineSpool();
                    LineSpool audits = new LineSpool(); LineSpool sightings = new LineSpool()) {
                Laps laps = new Laps();
                String now;
                try (var rs = st.executeQuery("select now()")) {
                    rs.next();
                    now = rs.getString(1);
                }
                Set<String> stored = storedCountries(st);
                laps.lap(stored.size() + " stored countries");
                TreeSet<String> countries = new TreeSet<>();
                CreatedAudit audit = new CreatedAudit(audits.writer(), now, actor);
                String stamps = '\t' + now + '\t' + now + "\t0\n";
                String seen = '\t' + now;
                int[] rows = {0};
                PgCopy.copyIn(connection, COPY_NEW_ROWS, out -> {
                    StringBuilder sb = new StringBuilder(4096);
                    for (List<String> batch; (batch = feed.next()) != null; ) {
                        for (String line : batch) {
                            rows[0]++;
                            String country = countryOf(line);
                            countries.add(country);
                            if (stored.contains(country)) {
                                pending.add(line);
                            } else {
                                String id = UUID.randomUUID().toString();
                                sb.setLength(0);
                                newRow(sb, id, line);
                                out.append(sb.append(stamps));
                                audit.add(id, line);
                                if (fromUhri) {
                                    sightings.add(id + seen);
                                }
                            }
                        }
                    }
                });
                laps.lap("insert " + audit.size() + " rows of States with none stored");
                int matched = 0;
                int updated = 0;
                int rejected = 0;
                List<RowProblem> problems = List.of();
                List<String> matchedIds = new ArrayList<>();
                if (pending.lines() > 0) {
                    StoredRowMerger merger = new StoredRowMerger(connection, st, laps);
                    StoredRowMerger.Matches matches = merger.match(pending);
                    String[] targets = matches.targets();
                    BitSet skipped = matches.skipped();
                    rejected = matches.rejected();
                    problems = matches.problems();
                    for (String target : targets) {
                        if (target != null) {
                            matched++;
                            matchedIds.add(target);
                        }
                    }
                    if (matched > 0) {
                        updated = merger.merge(pending, targets, actor);
                    }
                    int before = audit.size();
                    PgCopy.copyIn(connection, COPY_NEW_ROWS, out -> {
                        StringBuilder sb = new StringBuilder(4096);
                        int[] k = {0};
                        pending.forEach(line -> {
                            int at = k[0]++;
                            if (targets[at] == null && !skipped.get(at)) {
                                String id = UUID.randomUUID().toString();
                                sb.setLength(0);
                                newRow(sb, id, line);
                                out.append(sb.append(stamps));
                                audit.add(id, line);
                                if (fromUhri) {
                                    sightings.add(id + seen);
                                }
                            }
                        });
                    });
                    laps.lap("insert " + (audit.size() - before) + " unmatched rows");
                }
                if (sightings.lines() > 0) {
                    PgCopy.copyIn(connection, COPY_SIGHTINGS, out -> sightings.forEach(l -> out.append(l).append('\n')));
                    laps.lap("seen " + sightings.lines() + " created");
                }
                if (audit.size() > 0) {
                    PgCopy.copyIn(connection, COPY_AUDIT, out -> audits.reader().transferTo(out));
                    laps.lap("audit creates");
                }
                laps.done(rows[0]);
                return new Counts(audit.size(), updated, matched - updated, new ArrayList<>(countries), matchedIds,
                        rejected, problems);
            }
        });
    }

    /** The audit state of recommendation row {@code alias} as a SQL {@code jsonb} expression. */
    public static String auditStateSql(String alias) {
        return StoredRowMerger.json(alias);
    }

    /** The country of an encoded row. */
    private static String countryOf(String line) {
        int start = line.indexOf('\t') + 1;
        return line.substring(start, line.indexOf('\t', start));
    }

    /**
     * The countries with stored recommendations (or ones written earlier in this transaction), read by skipping
     * through the country index from one country to the next rather than scanning every row.
     */
    private static Set<String> storedCountries(Statement st) throws SQLException {
        Set<String> countries = new HashSet<>();
        try (var rs = st.executeQuery("with recursive c (country) as (select min(country) from recommendation"
                + " union all select (select min(r.country) from recommendation r where r.country > c.country)"
                + " from c where c.country is not null) select country from c where country is not null")) {
            while (rs.next()) {
                countries.add(rs.getString(1));
            }
        }
        return countries;
    }

    /**
     * A new row's COPY line from its encoded row, without the trailing time stamps: its id instead of the row number,
     * and PENDING for a missing position.
     */
    private static void newRow(StringBuilder sb, String id, String line) {
        sb.append(id);
        int field = 0;
        int start = line.indexOf('\t');
        while (start >= 0) {
            int end = line.indexOf('\t', start + 1);
            field++;
            if (field == ImportPayload.F_POSITION && line.startsWith("\\N", start + 1) && end == start + 3) {
                sb.append("\tPENDING");
            } else {
                sb.append(line, start, end < 0 ? line.length() : end);
            }
            start = end;
        }
    }

    /** Time per step, logged at DEBUG. */
    static final class Laps {
        private final StringBuilder sb = new StringBuilder();
        private final long start = System.nanoTime();
        private long last = start;

        void lap(String step) {
            if (LOG.isDebugEnabled()) {
                long now = System.nanoTime();
                sb.append(step).append(' ').append((now - last) / 1_000_000).append(" ms; ");
                last = now;
            }
        }

        void done(int rows) {
            LOG.debugf("Applied %d staged rows in %d ms: %s", rows, (System.nanoTime() - start) / 1_000_000, sb);
        }
    }

}
