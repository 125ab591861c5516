package org.opennrtd.recommendations.importing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The rows of an import that concern States with stored recommendations, matched and merged with set-based SQL:
 * their keys are copied into a temporary table and matched with stored recommendations by UHRI annotation id or by
 * document symbol and paragraph (see {@link #match} for the rules); matched rows are then staged in full and update
 * the stored ones where the merge changes something, with an audit entry holding the state before and after. Values
 * a file does not carry (null, empty list) keep what is stored. The rows are read from a {@link LineSpool}, never
 * held in the heap.
 */
final class StoredRowMerger {

    private static final String STAGE_DEFINITION = "row_no integer, country char(3), text text, mechanism text,"
            + " body text, document_symbol text, paragraph text, uhri_annotation_id uuid, upr_cycle integer,"
            + " upr_session integer, recommending_states text[], position text, themes text[], affected_persons text[],"
            + " sdg_targets text[], sdg_goals integer[], regions text[], annotation_type text, publication_date date,"
            + " recommending_regions text[], uhri_document_id uuid, uhri_publication_date date";

    /** The merged values: the file's where it has one, else the stored one. */
    private static final String MERGED = """
            s.text as text, s.mechanism as mechanism, s.body as body,
            coalesce(s.document_symbol, r.document_symbol) as document_symbol,
            coalesce(s.paragraph, r.paragraph) as paragraph,
            coalesce(s.uhri_annotation_id, r.uhri_annotation_id) as uhri_annotation_id,
            coalesce(s.upr_cycle, r.upr_cycle) as upr_cycle,
            coalesce(s.upr_session, r.upr_session) as upr_session,
            case when cardinality(s.recommending_states) = 0 then r.recommending_states else s.recommending_states end as recommending_states,
            coalesce(s.position, r.position) as position,
            case when cardinality(s.themes) = 0 then r.themes else s.themes end as themes,
            case when cardinality(s.affected_persons) = 0 then r.affected_persons else s.affected_persons end as affected_persons,
            case when cardinality(s.sdg_targets) = 0 then r.sdg_targets else s.sdg_targets end as sdg_targets,
            case when cardinality(s.sdg_goals) = 0 then r.sdg_goals else s.sdg_goals end as sdg_goals,
            case when cardinality(s.regions) = 0 then r.regions else s.regions end as regions,
            coalesce(s.annotation_type, r.annotation_type) as annotation_type,
            coalesce(s.publication_date, r.publication_date) as publication_date,
            case when cardinality(s.recommending_regions) = 0 then r.recommending_regions else s.recommending_regions end as recommending_regions,
            coalesce(s.uhri_document_id, r.uhri_document_id) as uhri_document_id,
            coalesce(s.uhri_publication_date, r.uhri_publication_date) as uhri_publication_date""";

    private static final String STATE_OF_R = json("r");
    private static final String STATE_OF_C = json("c");

    private final Connection connection;
    private final Statement st;
    private final ImportApplier.Laps laps;

    StoredRowMerger(Connection connection, Statement st, ImportApplier.Laps laps) {
        this.connection = connection;
        this.st = st;
        this.laps = laps;
    }

    /** At most this many rows with a problem found while matching are listed one by one. */
    static final int MAX_LISTED = 1000;

    /**
     * How the rows of the spool match stored recommendations.
     *
     * @param targets  per row, in the spool's order, the id of the stored recommendation it matches, or null
     * @param skipped  the rows (their indexes in the spool) that are neither merged nor created: row problems
     * @param problems the problems found while matching (the first {@link #MAX_LISTED} rows of each kind, then one
     *                 that counts the rest): skipped rows, and rows created although they might have merged
     */
    record Matches(String[] targets, BitSet skipped, List<RowProblem> problems) {

        int rejected() {
            return skipped.cardinality();
        }
    }

    /**
     * Matches the rows of {@code pending} with stored recommendations of their State. The annotation id is the
     * identity of a UHRI record; the document symbol and paragraph identify only a recommendation without one:
     * <ol>
     * <li>A row with an annotation id matches the stored recommendation with that annotation id.</li>
     * <li>A row without one (a matrix row, a template row) matches by document symbol and paragraph: the stored
     * recommendation without annotation id that carries them, if there is one (there is at most one); else the only
     * stored recommendation that carries them (a UHRI annotation the matrix enriches), unless the file already
     * carries that one by its annotation id (then the row is a recommendation of its own, as it would be in a
     * first import). When several stored recommendations carry them (UHRI annotations sharing a paragraph), which
     * one the row is cannot be told: the row is a row problem, skipped, and the rest of the file imports.</li>
     * <li>A row with an annotation id that no stored recommendation has matches by document symbol and paragraph
     * only a stored recommendation without annotation id (a matrix row the UHRI enriches), never one with another
     * annotation id, and only if no other row of the file takes it: when several such rows would, none does (each
     * is created, with a warning).</li>
     * </ol>
     * No stored recommendation is matched by two rows.
     */
    Matches match(LineSpool pending) throws SQLException {
        st.execute("create temp table import_key (line integer, row_no integer, country char(3),"
                + " uhri_annotation_id uuid, document_symbol text, paragraph text, target_id uuid,"
                + " sharing integer, competing integer) on commit drop");
        PgCopy.copyIn(connection, "copy import_key (line, row_no, country, uhri_annotation_id, document_symbol,"
                + " paragraph) from stdin", out -> {
                    StringBuilder sb = new StringBuilder(256);
                    int[] k = {0};
                    pending.forEach(line -> {
                        String[] f = line.split("\t", ImportPayload.F_ANNOTATION + 2);
                        sb.setLength(0);
                        sb.append(k[0]++).append('\t').append(f[ImportPayload.F_ROW]).append('\t')
                                .append(f[ImportPayload.F_COUNTRY]).append('\t').append(f[ImportPayload.F_ANNOTATION])
                                .append('\t').append(f[ImportPayload.F_SYMBOL]).append('\t')
                                .append(f[ImportPayload.F_PARAGRAPH]).append('\n');
                        out.append(sb);
                    });
                });
        st.execute("analyze import_key");
        laps.lap("copy " + pending.lines() + " keys");
        st.execute("update import_key s set target_id = r.id from recommendation r where s.uhri_annotation_id"
                + " is not null and r.country = s.country and r.uhri_annotation_id = s.uhri_annotation_id");
        laps.lap("match by annotation");
        // Rows without annotation id: the stored one without annotation id, else the only one not taken above.
        st.execute("with taken as (select distinct target_id as id from import_key where target_id is not null),"
                + " c as (select s.line, count(*) as n, count(t.id) as taken,"
                + " (array_agg(r.id) filter (where r.uhri_annotation_id is null))[1] as free,"
                + " (array_agg(r.id))[1] as one"
                + " from import_key s join recommendation r on r.country = s.country"
                + " and r.document_symbol = s.document_symbol and r.paragraph = s.paragraph"
                + " left join taken t on t.id = r.id where s.uhri_annotation_id is null"
                + " and s.document_symbol is not null and s.paragraph is not null group by s.line)"
                + " update import_key s set"
                + " target_id = coalesce(c.free, case when c.n = 1 and c.taken = 0 then c.one end),"
                + " sharing = case when c.free is null and c.n > 1 then c.n end from c where s.line = c.line");
        laps.lap("match by paragraph");
        // Rows with an annotation id no stored one has: a stored one without annotation id no other row takes.
        st.execute("with c as (select s.line, r.id from import_key s join recommendation r on r.country = s.country"
                + " and r.document_symbol = s.document_symbol and r.paragraph = s.paragraph"
                + " where s.target_id is null and s.uhri_annotation_id is not null and s.document_symbol is not null"
                + " and s.paragraph is not null and r.uhri_annotation_id is null"
                + " and not exists (select 1 from import_key o where o.target_id = r.id)),"
                + " n as (select id, count(*) as n from c group by id)"
                + " update import_key s set target_id = case when n.n = 1 then c.id end,"
                + " competing = case when n.n > 1 then n.n end from c join n on n.id = c.id where s.line = c.line");
        laps.lap("enrich by paragraph");
        try (var rs = st.executeQuery("select min(row_no), max(row_no) from import_key where target_id is not null"
                + " group by target_id having count(*) > 1 limit 1")) {
            if (rs.next()) {
                // The rules above never let two rows take one stored recommendation; merging both would lose one.
                throw new IllegalStateException("Rows " + rs.getInt(1) + " and " + rs.getInt(2)
                        + " of the file matched the same stored recommendation.");
            }
        }
        laps.lap("distinct check");
        String[] targets = new String[pending.lines()];
        try (var rs = st.executeQuery("select line, target_id from import_key where target_id is not null")) {
            while (rs.next()) {
                targets[rs.getInt(1)] = rs.getString(2);
            }
        }
        BitSet skipped = new BitSet();
        List<RowProblem> problems = new ArrayList<>();
        int listed = 0;
        try (var rs = st.executeQuery("select line, row_no, country, document_symbol, paragraph, sharing"
                + " from import_key where sharing is not null order by row_no, country")) {
            while (rs.next()) {
                skipped.set(rs.getInt(1));
                if (listed++ < MAX_LISTED) {
                    problems.add(RowProblem.rejected(rs.getInt(2), "Paragraph", "Row " + rs.getInt(2) + " has no"
                            + " annotation id, and " + rs.getInt(6) + " stored recommendations of " + rs.getString(3)
                            + " carry its document " + rs.getString(4) + " paragraph " + rs.getString(5)
                            + " (UHRI annotations sharing the paragraph): which one it is cannot be told, so it was"
                            + " not imported. Give it the annotation id of the one it is, or import it by hand."));
                }
            }
        }
        if (listed > MAX_LISTED) {
            problems.add(RowProblem.rejected(0, "Paragraph", (listed - MAX_LISTED) + " more rows without annotation id"
                    + " carry a paragraph that several stored recommendations carry; none of them was imported."));
        }
        int warned = 0;
        try (var rs = st.executeQuery("select row_no, country, document_symbol, paragraph, competing,"
                + " uhri_annotation_id from import_key where competing is not null order by row_no, country")) {
            while (rs.next()) {
                if (warned++ < MAX_LISTED) {
                    problems.add(RowProblem.warning(rs.getInt(1), "Paragraph", "Row " + rs.getInt(1) + " (annotation "
                            + rs.getString(6) + ") and " + (rs.getInt(5) - 1) + " other row(s) of the file carry"
                            + " document " + rs.getString(3) + " paragraph " + rs.getString(4) + " of "
                            + rs.getString(2) + ", which a"
                            + " stored recommendation without annotation id also carries: none of them was merged with"
                            + " it, and this row was imported as a recommendation of its own."));
                }
            }
        }
        if (warned > MAX_LISTED) {
            problems.add(RowProblem.warning(0, "Paragraph", (warned - MAX_LISTED) + " more rows with an annotation id"
                    + " share a paragraph with other rows and a stored recommendation without annotation id; each was"
                    + " imported as a recommendation of its own."));
        }
        laps.lap("matches");
        return new Matches(targets, skipped, problems);
    }

    /**
     * Stages the matched rows in full and updates the stored recommendations where the merge changes something,
     * with an audit entry holding the state before and after; the number updated. Unchanged ones are never written.
     */
    int merge(LineSpool pending, String[] targets, String actor) throws SQLException {
        st.execute("create temp table import_stage (target_id uuid, " + STAGE_DEFINITION + ") on commit drop");
        PgCopy.copyIn(connection, "copy import_stage (target_id, " + ImportApplier.COLUMNS + ") from stdin", out -> {
            int[] k = {0};
            pending.forEach(line -> {
                String target = targets[k[0]++];
                if (target != null) {
                    out.append(target).append('\t').append(line).append('\n');
                }
            });
        });
        laps.lap("stage matched");
        st.execute("create temp table import_changed on commit drop as select r.id, c.* from import_stage s"
                + " join recommendation r on r.id = s.target_id cross join lateral (select " + MERGED + ") c"
                + " where " + tuple("r") + " is distinct from " + tuple("c"));
        laps.lap("changed");
        int updated = count(st, "select count(*) from import_changed");
        if (updated > 0) {
            st.execute("insert into audit_event (id, occurred_at, actor, action, resource_type, resource_id,"
                    + " before_state, after_state) select gen_random_uuid(), now(), " + quote(actor)
                    + ", 'IMPORT_UPDATE', 'recommendation', r.id, " + STATE_OF_R + ", " + STATE_OF_C
                    + " from import_changed c join recommendation r on r.id = c.id");
            laps.lap("audit updates");
            st.execute("update recommendation r set text = c.text, mechanism = c.mechanism, body = c.body,"
                    + " document_symbol = c.document_symbol, paragraph = c.paragraph,"
                    + " uhri_annotation_id = c.uhri_annotation_id, upr_cycle = c.upr_cycle, upr_session = c.upr_session,"
                    + " recommending_states = c.recommending_states, position = c.position, themes = c.themes,"
                    + " affected_persons = c.affected_persons, sdg_targets = c.sdg_targets, sdg_goals = c.sdg_goals,"
                    + " regions = c.regions, annotation_type = c.annotation_type, publication_date = c.publication_date,"
                    + " recommending_regions = c.recommending_regions, uhri_document_id = c.uhri_document_id,"
                    + " uhri_publication_date = c.uhri_publication_date,"
                    + " updated_at = now(), version = r.version + 1 from import_changed c where r.id = c.id");
            laps.lap("update");
        }
        return updated;
    }

    private static String tuple(String alias) {
        return "(" + String.join(", ", List.of("text", "mechanism", "body", "document_symbol", "paragraph",
                "uhri_annotation_id", "upr_cycle", "upr_session", "recommending_states", "position", "themes",
                "affected_persons", "sdg_targets", "sdg_goals", "regions", "annotation_type", "publication_date",
                "recommending_regions", "uhri_document_id", "uhri_publication_date")
                .stream().map(c -> alias + "." + c).toList()) + ")";
    }

    /** The audit state of recommendation row {@code alias} as a SQL {@code jsonb} expression. */
    static String json(String alias) {
        return "jsonb_build_object('text', " + alias + ".text, 'mechanism', " + alias + ".mechanism, 'body', " + alias
                + ".body, 'documentSymbol', " + alias + ".document_symbol,"
                + " 'paragraph', " + alias + ".paragraph, 'uhriAnnotationId', " + alias + ".uhri_annotation_id,"
                + " 'uprCycle', " + alias + ".upr_cycle, 'uprSession', " + alias + ".upr_session, 'recommendingStates', "
                + alias + ".recommending_states, 'position', " + alias + ".position, 'themes', " + alias + ".themes,"
                + " 'affectedPersons', " + alias + ".affected_persons, 'sdgTargets', " + alias + ".sdg_targets,"
                + " 'sdgGoals', " + alias + ".sdg_goals, 'regions', " + alias + ".regions, 'annotationType', "
                + alias + ".annotation_type, 'publicationDate', " + alias + ".publication_date,"
                + " 'recommendingRegions', " + alias + ".recommending_regions, 'uhriDocumentId', " + alias
                + ".uhri_document_id, 'uhriPublicationDate', " + alias + ".uhri_publication_date)";
    }

    private static int count(Statement st, String sql) throws SQLException {
        try (var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
