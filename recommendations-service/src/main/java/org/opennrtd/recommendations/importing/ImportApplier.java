package org.opennrtd.recommendations.importing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.hibernate.Session;
import org.postgresql.PGConnection;

/**
 * Merges staged recommendations into the store with set-based SQL, never row by row: the rows are copied into a
 * temporary table with PostgreSQL COPY, matched with stored ones by UHRI annotation id or by document symbol and
 * paragraph, and then inserted, or updated where something differs. Values a file does not carry (null, empty
 * list) keep what is stored. Each created or changed recommendation gets an audit entry with its state before and
 * after; an unchanged one gets nothing, so importing a file twice changes nothing the second time.
 * Runs inside the caller's transaction: any failure rolls the whole file back.
 */
@ApplicationScoped
public class ImportApplier {

    public record Counts(int created, int updated, int unchanged) {
    }

    private static final String COLUMNS = "row_no, id, country, text, mechanism, body, document_symbol, paragraph,"
            + " uhri_annotation_id, upr_cycle, upr_session, recommending_states, position, themes, affected_persons,"
            + " sdg_targets, sdg_goals, regions, annotation_type, publication_date";

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
            coalesce(s.publication_date, r.publication_date) as publication_date""";

    private static final String STATE_OF_R = json("r");
    private static final String STATE_OF_C = json("c");

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public Counts apply(List<StagedRecommendation> rows, String actor, UUID jobId) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (Statement st = connection.createStatement()) {
                st.execute("create temp table import_stage (row_no integer, id uuid, country char(3), text text,"
                        + " mechanism text, body text, document_symbol text, paragraph text, uhri_annotation_id uuid,"
                        + " upr_cycle integer, upr_session integer, recommending_states text[], position text,"
                        + " themes text[], affected_persons text[], sdg_targets text[], sdg_goals integer[],"
                        + " regions text[], annotation_type text, publication_date date, target_id uuid) on commit drop");
                copy(connection, rows);
                st.execute("update import_stage s set target_id = r.id from recommendation r where s.uhri_annotation_id"
                        + " is not null and r.country = s.country and r.uhri_annotation_id = s.uhri_annotation_id");
                st.execute("update import_stage s set target_id = r.id from recommendation r where s.target_id is null"
                        + " and s.document_symbol is not null and s.paragraph is not null and r.country = s.country"
                        + " and r.document_symbol = s.document_symbol and r.paragraph = s.paragraph");
                try (var rs = st.executeQuery("select min(row_no), max(row_no) from import_stage where target_id is not null"
                        + " group by target_id having count(*) > 1 limit 1")) {
                    if (rs.next()) {
                        throw InvalidFileException.malformed("Rows " + rs.getInt(1) + " and " + rs.getInt(2)
                                + " of the file are the same stored recommendation (by annotation id and by paragraph).");
                    }
                }
                st.execute("create temp table import_changed on commit drop as select r.id, " + MERGED
                        + " from import_stage s join recommendation r on r.id = s.target_id");
                int matched = count(st, "select count(*) from import_changed");
                st.execute("delete from import_changed c using recommendation r where r.id = c.id and "
                        + tuple("r") + " is not distinct from " + tuple("c"));
                int updated = count(st, "select count(*) from import_changed");
                String actorSql = quote(actor);
                st.execute("insert into audit_event (id, occurred_at, actor, action, resource_type, resource_id,"
                        + " before_state, after_state) select gen_random_uuid(), now(), " + actorSql
                        + ", 'IMPORT_UPDATE', 'recommendation', r.id, " + STATE_OF_R + ", " + STATE_OF_C
                        + " from import_changed c join recommendation r on r.id = c.id");
                st.execute("update recommendation r set text = c.text, mechanism = c.mechanism, body = c.body,"
                        + " document_symbol = c.document_symbol, paragraph = c.paragraph,"
                        + " uhri_annotation_id = c.uhri_annotation_id, upr_cycle = c.upr_cycle, upr_session = c.upr_session,"
                        + " recommending_states = c.recommending_states, position = c.position, themes = c.themes,"
                        + " affected_persons = c.affected_persons, sdg_targets = c.sdg_targets, sdg_goals = c.sdg_goals,"
                        + " regions = c.regions, annotation_type = c.annotation_type, publication_date = c.publication_date,"
                        + " updated_at = now(), version = r.version + 1 from import_changed c where r.id = c.id");
                int created = st.executeUpdate("insert into recommendation (id, country, text, mechanism, body,"
                        + " document_symbol, paragraph, uhri_annotation_id, upr_cycle, upr_session, recommending_states,"
                        + " position, themes, affected_persons, sdg_targets, sdg_goals, regions, annotation_type,"
                        + " publication_date, created_at, updated_at, version) select id, country, text, mechanism, body,"
                        + " document_symbol, paragraph, uhri_annotation_id, upr_cycle, upr_session, recommending_states,"
                        + " coalesce(position, 'PENDING'), themes, affected_persons, sdg_targets, sdg_goals, regions,"
                        + " annotation_type, publication_date, now(), now(), 0 from import_stage where target_id is null");
                st.execute("insert into audit_event (id, occurred_at, actor, action, resource_type, resource_id,"
                        + " before_state, after_state) select gen_random_uuid(), now(), " + actorSql
                        + ", 'IMPORT_CREATE', 'recommendation', c.id, null, " + STATE_OF_C
                        + " from import_stage s join recommendation c on c.id = s.id where s.target_id is null");
                return new Counts(created, updated, matched - updated);
            }
        });
    }

    private static void copy(Connection connection, List<StagedRecommendation> rows) throws SQLException {
        StringBuilder csv = new StringBuilder(rows.size() * 400);
        for (StagedRecommendation r : rows) {
            csv.append(r.row()).append(',').append(UUID.randomUUID()).append(',');
            field(csv, r.country());
            field(csv, r.text());
            field(csv, r.mechanism());
            field(csv, r.body());
            field(csv, r.documentSymbol());
            field(csv, r.paragraph());
            field(csv, r.uhriAnnotationId() == null ? null : r.uhriAnnotationId().toString());
            field(csv, r.uprCycle() == null ? null : r.uprCycle().toString());
            field(csv, r.uprSession() == null ? null : r.uprSession().toString());
            field(csv, array(r.recommendingStates()));
            field(csv, r.position());
            field(csv, array(r.themes()));
            field(csv, array(r.affectedPersons()));
            field(csv, array(r.sdgTargets()));
            field(csv, array(r.sdgGoals().stream().map(String::valueOf).toList()));
            field(csv, array(r.regions()));
            field(csv, r.annotationType());
            csv.append(r.publicationDate() == null ? "" : r.publicationDate().toString()).append('\n');
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "copy import_stage (" + COLUMNS + ") from stdin with (format csv)", new StringReader(csv.toString()));
        } catch (java.io.IOException e) {
            throw new SQLException("COPY into the import stage failed", e);
        }
    }

    /** A CSV field for COPY: null is an unquoted empty field, any text (even empty) is quoted. */
    private static void field(StringBuilder csv, String value) {
        if (value != null) {
            csv.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
        csv.append(',');
    }

    /** A PostgreSQL array literal with every element quoted. */
    private static String array(List<String> values) {
        StringBuilder sb = new StringBuilder("{");
        for (String v : values) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append('}').toString();
    }

    private static String tuple(String alias) {
        return "(" + String.join(", ", List.of("text", "mechanism", "body", "document_symbol", "paragraph",
                "uhri_annotation_id", "upr_cycle", "upr_session", "recommending_states", "position", "themes",
                "affected_persons", "sdg_targets", "sdg_goals", "regions", "annotation_type", "publication_date")
                .stream().map(c -> alias + "." + c).toList()) + ")";
    }

    private static String json(String alias) {
        return "jsonb_build_object('text', " + alias + ".text, 'mechanism', " + alias + ".mechanism, 'body', " + alias
                + ".body, 'documentSymbol', " + alias + ".document_symbol,"
                + " 'paragraph', " + alias + ".paragraph, 'uhriAnnotationId', " + alias + ".uhri_annotation_id,"
                + " 'uprCycle', " + alias + ".upr_cycle, 'uprSession', " + alias + ".upr_session, 'recommendingStates', "
                + alias + ".recommending_states, 'position', " + alias + ".position, 'themes', " + alias + ".themes,"
                + " 'affectedPersons', " + alias + ".affected_persons, 'sdgTargets', " + alias + ".sdg_targets,"
                + " 'sdgGoals', " + alias + ".sdg_goals, 'regions', " + alias + ".regions, 'annotationType', "
                + alias + ".annotation_type, 'publicationDate', " + alias + ".publication_date)";
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
