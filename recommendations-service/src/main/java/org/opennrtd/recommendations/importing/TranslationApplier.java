package org.opennrtd.recommendations.importing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hibernate.Session;

/**
 * Stores the texts of a UHRI export in another language than the original as translations of the recommendations
 * already stored with the same State and annotation id, with set-based SQL: the rows' keys and texts are COPYed
 * into a temporary table, then the translations that are new or differ are audited (IMPORT_TRANSLATION, with the
 * text before and after) and upserted. Nothing else of a recommendation changes, and a row whose annotation is not
 * stored is a row problem, never a new recommendation. Importing the same file again changes nothing. Runs inside
 * the caller's transaction.
 */
@ApplicationScoped
public class TranslationApplier {

    /** The languages translations are stored in: the UN languages other than the original, English. */
    public static final Set<String> LANGUAGES = Set.of("fr", "es", "ar", "ru", "zh");

    /** At most this many rows whose annotation is not stored are listed one by one. */
    static final int MAX_LISTED = 1000;

    /**
     * What the file changed.
     *
     * @param translated recommendations whose translation was stored or changed
     * @param unchanged  recommendations whose translation was already the same
     * @param unknown    rows (one per record and State) whose annotation is not stored for that State
     * @param problems   the problems of those rows (the first {@link #MAX_LISTED}, then one that counts the rest)
     */
    public record Counts(int translated, int unchanged, int unknown, List<RowProblem> problems) {
    }

    @Inject
    EntityManager em;

    private static final String MATCHED = " from import_translation t join recommendation r on r.country = t.country"
            + " and r.uhri_annotation_id = t.uhri_annotation_id";

    @Transactional(Transactional.TxType.MANDATORY)
    public Counts apply(RowFeed feed, String language, String actor) {
        if (!LANGUAGES.contains(language)) {
            throw new IllegalArgumentException("Not a language of translations: " + language);
        }
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (Statement st = connection.createStatement()) {
                st.execute("create temp table import_translation (row_no integer, country char(3),"
                        + " uhri_annotation_id uuid, text text) on commit drop");
            }
            // The encoded rows' fields are already in COPY's text format: they are copied as they are.
            PgCopy.copyIn(connection, "copy import_translation (row_no, country, uhri_annotation_id, text)"
                    + " from stdin", out -> {
                        StringBuilder sb = new StringBuilder(1024);
                        for (List<String> batch; (batch = feed.next()) != null; ) {
                            for (String line : batch) {
                                String[] f = line.split("\t", -1);
                                sb.setLength(0);
                                sb.append(f[ImportPayload.F_ROW]).append('\t').append(f[ImportPayload.F_COUNTRY])
                                        .append('\t').append(f[ImportPayload.F_ANNOTATION]).append('\t')
                                        .append(f[ImportPayload.F_TEXT]).append('\n');
                                out.append(sb);
                            }
                        }
                    });
            List<RowProblem> problems = new ArrayList<>();
            int unknown = 0;
            try (Statement st = connection.createStatement(); var rs = st.executeQuery("select t.row_no, t.country,"
                    + " t.uhri_annotation_id from import_translation t where t.uhri_annotation_id is null or not exists"
                    + " (select 1 from recommendation r where r.country = t.country"
                    + " and r.uhri_annotation_id = t.uhri_annotation_id) order by t.row_no, t.country")) {
                while (rs.next()) {
                    unknown++;
                    if (problems.size() < MAX_LISTED) {
                        problems.add(unknownRow(rs.getInt(1), rs.getString(2), rs.getString(3), language));
                    }
                }
            }
            if (unknown > MAX_LISTED) {
                problems.add(RowProblem.rejected(0, "AnnotationId", (unknown - MAX_LISTED) + " more records have an"
                        + " annotation id that is not stored; none of them was imported."));
            }
            int matched;
            try (Statement st = connection.createStatement(); var rs = st.executeQuery("select count(*)" + MATCHED)) {
                rs.next();
                matched = rs.getInt(1);
            }
            String differs = " left join recommendation_translations x on x.recommendation_id = r.id and x.language = ?"
                    + " where x.text is distinct from t.text";
            int translated;
            try (PreparedStatement ps = connection.prepareStatement("insert into audit_event (id, occurred_at, actor,"
                    + " action, resource_type, resource_id, before_state, after_state) select gen_random_uuid(), now(),"
                    + " ?, 'IMPORT_TRANSLATION', 'recommendation', r.id, case when x.text is null then null else"
                    + " jsonb_build_object('language', x.language, 'text', x.text) end,"
                    + " jsonb_build_object('language', cast(? as text), 'text', t.text)" + MATCHED + differs)) {
                ps.setString(1, actor);
                ps.setString(2, language);
                ps.setString(3, language);
                translated = ps.executeUpdate();
            }
            if (translated > 0) {
                try (PreparedStatement ps = connection.prepareStatement("insert into recommendation_translations"
                        + " (recommendation_id, language, text, created_at, updated_at) select r.id, cast(? as char(2)),"
                        + " t.text, now(), now()" + MATCHED + differs + " on conflict (recommendation_id, language)"
                        + " do update set text = excluded.text, updated_at = now()")) {
                    ps.setString(1, language);
                    ps.setString(2, language);
                    ps.executeUpdate();
                }
            }
            return new Counts(translated, matched - translated, unknown, problems);
        });
    }

    private static RowProblem unknownRow(int row, String country, String annotationId, String language) {
        if (annotationId == null) {
            return RowProblem.rejected(row, "AnnotationId", "The record has no annotation id, by which a translation"
                    + " is matched with the original; it was not imported.");
        }
        return RowProblem.rejected(row, "AnnotationId", "No recommendation of " + country + " has annotation id "
                + annotationId + ": a text in '" + language + "' is stored only as the translation of a recommendation"
                + " already imported (from the original export); it was not imported.");
    }
}
