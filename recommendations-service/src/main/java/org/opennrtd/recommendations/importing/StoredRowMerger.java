package org.opennrtd.recommendations.importing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The rows of an import that concern States with stored recommendations, matched and merged with set-based SQL:
 * their keys are copied into a temporary table and matched with stored recommendations by UHRI annotation id or by
 * document symbol and paragraph; matched rows are then staged in full and update the stored ones where the merge
 * changes something, with an audit entry holding the state before and after. Values a file does not carry (null,
 * empty list) keep what is stored. The rows are read from a {@link LineSpool}, never held in the heap.
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

    /**
     * Matches the rows of {@code pending} with stored recommendations by annotation id, then by document symbol and
     * paragraph: per row, in the spool's order, the id of the recommendation it matches, or null. Two rows matching
     * one stored recommendation make the file bad.
     */
    String[] match(LineSpool pending) throws SQLException {
        st.execute("create temp table import_key (line integer, row_no integer, country char(3),"
                + " uhri_annotation_id uuid, document_symbol text, paragraph text, target_id uuid) on commit drop");
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
        st.execute("update import_key s set target_id = r.id from recommendation r where s.target_id is null"
                + " and s.document_symbol is not null and s.paragraph is not null and r.country = s.country"
                + " and r.document_symbol = s.document_symbol and r.paragraph = s.paragraph");
        laps.lap("match by paragraph");
        try (var rs = st.executeQuery("select min(row_no), max(row_no) from import_key where target_id is not null"
                + " group by target_id having count(*) > 1 limit 1")) {
            if (rs.next()) {
                throw InvalidFileException.malformed("Rows " + rs.getInt(1) + " and " + rs.getInt(2)
                        + " of the file are the same stored recommendation (by annotation id and by paragraph).");
            }
        }
        laps.lap("distinct check");
        String[] targets = new String[pending.lines()];
        try (var rs = st.executeQuery("select line, target_id from import_key where target_id is not null")) {
            while (rs.next()) {
                targets[rs.getInt(1)] = rs.getString(2);
            }
        }
        laps.lap("matches");
        return targets;
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
