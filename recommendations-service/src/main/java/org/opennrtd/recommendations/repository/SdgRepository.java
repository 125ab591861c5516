package org.opennrtd.recommendations.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * SDG links made here, SDG target suggestions and the kept embeddings of target texts. Plain SQL: small rows with
 * no behaviour of their own.
 */
@ApplicationScoped
public class SdgRepository {

    @Inject
    EntityManager em;

    /** A link made here (imported links live on the recommendation). */
    public record Link(String targetCode, String origin, String createdBy, OffsetDateTime createdAt) {
    }

    public record Suggestion(UUID recommendationId, String targetCode, String targetText, double confidence, int rank,
            String state, String model, String createdBy, OffsetDateTime createdAt, String decidedBy,
            OffsetDateTime decidedAt) {
    }

    private static final String SUGGESTION_COLUMNS = "recommendation_id, target_code, target_text, confidence, rank,"
            + " state, model, created_by, created_at, decided_by, decided_at";

    /** Links made here, by creation time. */
    public List<Link> links(UUID recommendationId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select target_code, origin, created_by, created_at from sdg_link"
                + " where recommendation_id = ?1 order by created_at, target_code")
                .setParameter(1, recommendationId).getResultList();
        return rows.stream().map(r -> new Link((String) r[0], (String) r[1], (String) r[2], timestamp(r[3]))).toList();
    }

    /** One link made here, its row locked until the transaction ends. */
    public Optional<Link> linkForUpdate(UUID recommendationId, String targetCode) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select target_code, origin, created_by, created_at from sdg_link"
                + " where recommendation_id = ?1 and target_code = ?2 for update")
                .setParameter(1, recommendationId).setParameter(2, targetCode).getResultList();
        return rows.stream().map(r -> new Link((String) r[0], (String) r[1], (String) r[2], timestamp(r[3]))).findFirst();
    }

    /** One suggestion, unlocked. */
    public Optional<Suggestion> suggestion(UUID recommendationId, String targetCode) {
        return suggestion(recommendationId, targetCode, "");
    }

    private Optional<Suggestion> suggestion(UUID recommendationId, String targetCode, String lock) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + SUGGESTION_COLUMNS + " from sdg_suggestion"
                + " where recommendation_id = ?1 and target_code = ?2" + lock)
                .setParameter(1, recommendationId).setParameter(2, targetCode).getResultList();
        return rows.stream().map(SdgRepository::suggestion).findFirst();
    }

    /**
     * Serialises the writes of one recommendation's links and suggestions until this transaction ends, so that a
     * decision checks its {@code If-Match} against the state it then changes, and a computation does not replace
     * suggestions that a decision is changing.
     */
    public void lock(UUID recommendationId) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('sdg:' || cast(?1 as text)))")
                .setParameter(1, recommendationId).getSingleResult();
    }

    /** @return false when the recommendation is linked to the target already */
    public boolean insertLink(UUID recommendationId, Link link) {
        return em.createNativeQuery("insert into sdg_link (recommendation_id, target_code, origin, created_by, created_at)"
                        + " values (?1, ?2, ?3, ?4, ?5) on conflict do nothing")
                .setParameter(1, recommendationId).setParameter(2, link.targetCode()).setParameter(3, link.origin())
                .setParameter(4, link.createdBy()).setParameter(5, link.createdAt()).executeUpdate() == 1;
    }

    public boolean deleteLink(UUID recommendationId, String targetCode) {
        return em.createNativeQuery("delete from sdg_link where recommendation_id = ?1 and target_code = ?2")
                .setParameter(1, recommendationId).setParameter(2, targetCode).executeUpdate() == 1;
    }

    /** The recommendation's suggestions, by decreasing confidence. */
    public List<Suggestion> suggestions(UUID recommendationId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + SUGGESTION_COLUMNS + " from sdg_suggestion"
                + " where recommendation_id = ?1 order by confidence desc, target_code")
                .setParameter(1, recommendationId).getResultList();
        return rows.stream().map(SdgRepository::suggestion).toList();
    }

    /** One suggestion, its row locked until the transaction ends. */
    public Optional<Suggestion> suggestionForUpdate(UUID recommendationId, String targetCode) {
        return suggestion(recommendationId, targetCode, " for update");
    }

    /** The recommendation's OPEN suggestions are replaced by these (decided ones stay). */
    public void replaceOpen(UUID recommendationId, List<Suggestion> open) {
        em.createNativeQuery("delete from sdg_suggestion where recommendation_id = ?1 and state = 'OPEN'")
                .setParameter(1, recommendationId).executeUpdate();
        for (Suggestion s : open) {
            em.createNativeQuery("insert into sdg_suggestion (" + SUGGESTION_COLUMNS + ") values"
                            + " (?1, ?2, ?3, ?4, ?5, 'OPEN', ?6, ?7, ?8, null, null)")
                    .setParameter(1, recommendationId).setParameter(2, s.targetCode()).setParameter(3, s.targetText())
                    .setParameter(4, s.confidence()).setParameter(5, s.rank()).setParameter(6, s.model())
                    .setParameter(7, s.createdBy()).setParameter(8, s.createdAt()).executeUpdate();
        }
    }

    public void decide(UUID recommendationId, String targetCode, String state, String by, OffsetDateTime at) {
        em.createNativeQuery("update sdg_suggestion set state = ?3, decided_by = ?4, decided_at = ?5"
                        + " where recommendation_id = ?1 and target_code = ?2")
                .setParameter(1, recommendationId).setParameter(2, targetCode).setParameter(3, state)
                .setParameter(4, by).setParameter(5, at).executeUpdate();
    }

    /** Kept target vectors of the model, keyed by {@link #key(String, byte[])}. */
    public Map<String, float[]> targetVectors(String model) {
        Map<String, float[]> out = new HashMap<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement st = connection.prepareStatement(
                    "select target_code, text_sha256, vector from sdg_target_embedding where model = ?")) {
                st.setString(1, model);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        out.put(key(rs.getString(1), rs.getBytes(2)), floats(rs.getArray(3)));
                    }
                }
            }
        });
        return out;
    }

    public record TargetVector(String targetCode, byte[] sha256, float[] vector) {
    }

    public void saveTargetVectors(String model, List<TargetVector> vectors, OffsetDateTime now) {
        if (vectors.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement st = connection.prepareStatement("insert into sdg_target_embedding"
                    + " (target_code, text_sha256, model, vector, computed_at) values (?, ?, ?, ?, ?)"
                    + " on conflict do nothing")) {
                for (TargetVector v : vectors) {
                    st.setString(1, v.targetCode());
                    st.setBytes(2, v.sha256());
                    st.setString(3, model);
                    st.setArray(4, array(connection, v.vector()));
                    st.setObject(5, now);
                    st.addBatch();
                }
                st.executeBatch();
            }
        });
    }

    /** The recommendation's kept embedding for the model, if it was computed from a text with this SHA-256. */
    public Optional<float[]> recommendationVector(UUID recommendationId, String model, byte[] sha256) {
        List<float[]> found = new ArrayList<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement st = connection.prepareStatement("select vector from recommendation_embedding"
                    + " where recommendation_id = ? and model = ? and text_sha256 = ?")) {
                st.setObject(1, recommendationId);
                st.setString(2, model);
                st.setBytes(3, sha256);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        found.add(floats(rs.getArray(1)));
                    }
                }
            }
        });
        return found.stream().findFirst();
    }

    public void saveRecommendationVector(UUID recommendationId, String model, byte[] sha256, float[] vector,
            OffsetDateTime now) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement st = connection.prepareStatement("insert into recommendation_embedding"
                    + " (recommendation_id, model, text_sha256, vector, computed_at) values (?, ?, ?, ?, ?)"
                    + " on conflict (recommendation_id, model) do update set text_sha256 = excluded.text_sha256,"
                    + " vector = excluded.vector, computed_at = excluded.computed_at")) {
                st.setObject(1, recommendationId);
                st.setString(2, model);
                st.setBytes(3, sha256);
                st.setArray(4, array(connection, vector));
                st.setObject(5, now);
                st.executeUpdate();
            }
        });
    }

    public static String key(String targetCode, byte[] sha256) {
        return targetCode + "/" + HexFormat.of().formatHex(sha256);
    }

    private static Array array(Connection connection, float[] vector) throws SQLException {
        Float[] boxed = new Float[vector.length];
        for (int i = 0; i < boxed.length; i++) {
            boxed[i] = vector[i];
        }
        return connection.createArrayOf("float4", boxed);
    }

    private static float[] floats(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        float[] vector = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            vector[i] = ((Number) values[i]).floatValue();
        }
        return vector;
    }

    private static Suggestion suggestion(Object[] r) {
        return new Suggestion((UUID) r[0], (String) r[1], (String) r[2], ((Number) r[3]).doubleValue(),
                ((Number) r[4]).intValue(), (String) r[5], (String) r[6], (String) r[7], timestamp(r[8]),
                (String) r[9], timestamp(r[10]));
    }

    private static OffsetDateTime timestamp(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
