package org.opennrtd.recommendations.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import org.hibernate.Session;

/**
 * Clustering jobs, their suggestions and the kept sentence embeddings. Plain SQL: derived data with no behaviour
 * of its own, written in batches.
 */
@ApplicationScoped
public class ClusterSuggestionRepository {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    /** A clustering job; {@code scope} holds the scope's filters by their contract names (empty: every one). */
    public record Computation(UUID id, String country, Integer requestedK, Map<String, Object> scope, String state,
            double progress, String model, Integer recommendations, Integer embeddingsComputed, Integer suggestions,
            String error, OffsetDateTime createdAt, String createdBy, OffsetDateTime startedAt,
            OffsetDateTime finishedAt) {
    }

    /**
     * A suggested cluster. {@code label} null (suggestions made before labels) reads as the terms; {@code reasons}
     * is empty for those, else one per member in the members' order; {@code scope} is its computation's.
     */
    public record Suggestion(UUID id, UUID computationId, String country, String state, String label,
            String labelSource, List<String> terms, int size, double cohesion, UUID clusterId, List<UUID> members,
            List<MemberReason> reasons, Map<String, Object> scope) {
    }

    /** Why a member is in its suggestion. */
    public record MemberReason(UUID recommendationId, String reason, List<String> sharedThemes,
            List<String> sharedAffectedPersons, double textSimilarity) {
    }

    public record SuggestionPage(List<Suggestion> items, long total) {
    }

    /**
     * A recommendation's text, imported themes (in the file's order) and affected persons and, when kept for that
     * text and model, its embedding.
     */
    public record Text(UUID id, String text, byte[] sha256, float[] vector, List<String> themes,
            List<String> affectedPersons) {
    }

    private static final String COMPUTATION_COLUMNS = "id, country, requested_k, state, progress, model, recommendations,"
            + " embeddings_computed, suggestions, error, created_at, created_by, started_at, finished_at, scope::text";

    public void insert(Computation c) {
        em.createNativeQuery("insert into cluster_computation (id, country, requested_k, state, progress, model,"
                        + " created_at, created_by, scope) values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, cast(?9 as jsonb))")
                .setParameter(1, c.id()).setParameter(2, c.country()).setParameter(3, c.requestedK())
                .setParameter(4, c.state()).setParameter(5, c.progress()).setParameter(6, c.model())
                .setParameter(7, c.createdAt()).setParameter(8, c.createdBy()).setParameter(9, toJson(c.scope()))
                .executeUpdate();
    }

    public Optional<Computation> computation(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + COMPUTATION_COLUMNS + " from cluster_computation where id = ?1")
                .setParameter(1, id).getResultList();
        return rows.stream().map(this::computation).findFirst();
    }

    /** The state of each suggestion of a computation, by id, locked until the transaction ends when asked. */
    public Map<UUID, String> suggestionStates(UUID computationId, boolean forUpdate) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, state from cluster_suggestion where computation_id = ?1"
                + " order by id" + (forUpdate ? " for update" : "")).setParameter(1, computationId).getResultList();
        Map<UUID, String> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put((UUID) r[0], (String) r[1]));
        return out;
    }

    public void progress(UUID id, double progress) {
        em.createNativeQuery("update cluster_computation set progress = ?2 where id = ?1 and state = 'RUNNING'")
                .setParameter(1, id).setParameter(2, Math.max(0, Math.min(1, progress))).executeUpdate();
    }

    /** RUNNING → SUCCEEDED or FAILED; false if the computation was not RUNNING. */
    public boolean finish(UUID id, String state, Integer recommendations, Integer embeddingsComputed, Integer suggestions,
            String error, OffsetDateTime now) {
        return em.createNativeQuery("update cluster_computation set state = ?2, progress = case when ?2 = 'SUCCEEDED' then 1"
                        + " else progress end, recommendations = ?3, embeddings_computed = ?4, suggestions = ?5, error = ?6,"
                        + " finished_at = ?7 where id = ?1 and state = 'RUNNING'")
                .setParameter(1, id).setParameter(2, state).setParameter(3, recommendations)
                .setParameter(4, embeddingsComputed).setParameter(5, suggestions).setParameter(6, error)
                .setParameter(7, now).executeUpdate() == 1;
    }

    /** Serialises computations of one country until this transaction ends. */
    public void lockCountry(String country) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('clusters:' || ?1))")
                .setParameter(1, country).getSingleResult();
    }

    /**
     * The texts, themes and affected persons of the recommendations with these ids, by id, with the embedding kept
     * for the model, if any (whether it is still valid is the caller's).
     */
    public List<Text> texts(List<UUID> ids, String model) {
        List<Text> out = new ArrayList<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement st = connection.prepareStatement("select r.id, r.text, e.text_sha256, e.vector,"
                    + " r.themes, r.affected_persons from recommendation r left join recommendation_embedding e"
                    + " on e.recommendation_id = r.id and e.model = ? where r.id = any(?) order by r.id")) {
                st.setString(1, model);
                st.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        Array array = rs.getArray(4);
                        float[] vector = null;
                        if (array != null) {
                            Object[] values = (Object[]) array.getArray();
                            vector = new float[values.length];
                            for (int i = 0; i < values.length; i++) {
                                vector[i] = ((Number) values[i]).floatValue();
                            }
                        }
                        out.add(new Text(rs.getObject(1, UUID.class), rs.getString(2), rs.getBytes(3), vector,
                                strings(rs.getArray(5)), strings(rs.getArray(6))));
                    }
                }
            }
        });
        return out;
    }

    /** Keeps embeddings, replacing an older one of the same recommendation and model. */
    public void saveEmbeddings(String model, List<Text> texts, OffsetDateTime now) {
        if (texts.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement st = connection.prepareStatement("insert into recommendation_embedding"
                    + " (recommendation_id, model, text_sha256, vector, computed_at) values (?, ?, ?, ?, ?)"
                    + " on conflict (recommendation_id, model) do update set text_sha256 = excluded.text_sha256,"
                    + " vector = excluded.vector, computed_at = excluded.computed_at")) {
                for (Text t : texts) {
                    Float[] boxed = new Float[t.vector().length];
                    for (int i = 0; i < boxed.length; i++) {
                        boxed[i] = t.vector()[i];
                    }
                    st.setObject(1, t.id());
                    st.setString(2, model);
                    st.setBytes(3, t.sha256());
                    st.setArray(4, connection.createArrayOf("float4", boxed));
                    st.setObject(5, now);
                    st.addBatch();
                }
                st.executeBatch();
            }
        });
    }

    /** Open suggestions of the country's other computations over the same scope become DISCARDED. */
    public void discardOpen(String country, Map<String, Object> scope, UUID exceptComputation) {
        em.createNativeQuery("update cluster_suggestion s set state = 'DISCARDED' from cluster_computation c"
                        + " where c.id = s.computation_id and s.country = ?1 and s.state = 'OPEN'"
                        + " and s.computation_id <> ?2 and c.scope = cast(?3 as jsonb)")
                .setParameter(1, country).setParameter(2, exceptComputation).setParameter(3, toJson(scope))
                .executeUpdate();
    }

    public void insertSuggestions(List<Suggestion> suggestions) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement s = connection.prepareStatement("insert into cluster_suggestion (id, computation_id,"
                    + " country, state, terms, size, cohesion, cluster_id, rank, label, label_source)"
                    + " values (?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?)");
                    PreparedStatement m = connection.prepareStatement("insert into cluster_suggestion_member"
                            + " (suggestion_id, recommendation_id, position, reason, shared_themes,"
                            + " shared_affected_persons, text_similarity) values (?, ?, ?, ?, ?, ?, ?)")) {
                int rank = 0;
                for (Suggestion g : suggestions) {
                    s.setObject(1, g.id());
                    s.setObject(2, g.computationId());
                    s.setString(3, g.country());
                    s.setString(4, g.state());
                    s.setArray(5, connection.createArrayOf("text", g.terms().toArray()));
                    s.setInt(6, g.size());
                    s.setDouble(7, g.cohesion());
                    s.setInt(8, rank++);
                    s.setString(9, g.label());
                    s.setString(10, g.labelSource());
                    s.addBatch();
                    int position = 0;
                    for (UUID r : g.members()) {
                        MemberReason why = g.reasons().isEmpty() ? null : g.reasons().get(position);
                        m.setObject(1, g.id());
                        m.setObject(2, r);
                        m.setInt(3, position++);
                        m.setString(4, why == null ? null : why.reason());
                        m.setArray(5, why == null ? null : connection.createArrayOf("text", why.sharedThemes().toArray()));
                        m.setArray(6, why == null ? null
                                : connection.createArrayOf("text", why.sharedAffectedPersons().toArray()));
                        if (why == null) {
                            m.setNull(7, java.sql.Types.REAL);
                        } else {
                            m.setFloat(7, (float) why.textSimilarity());
                        }
                        m.addBatch();
                    }
                }
                s.executeBatch();
                m.executeBatch();
            }
        });
    }

    public Optional<Suggestion> suggestion(UUID id, boolean forUpdate) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select " + SUGGESTION_COLUMNS + " from cluster_suggestion s"
                + " join cluster_computation c on c.id = s.computation_id where s.id = ?1"
                + (forUpdate ? " for update of s" : ""))
                .setParameter(1, id).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(withMembers(rows).get(0));
    }

    private static final String SUGGESTION_COLUMNS = "s.id, s.computation_id, s.country, s.state, s.terms, s.size,"
            + " s.cohesion, s.cluster_id, s.label, s.label_source, c.scope::text";

    public SuggestionPage suggestions(Optional<String> country, UUID computationId, String state, int offset, int limit) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        country.ifPresent(c -> {
            where.append(" and s.country = :country");
            params.put("country", c);
        });
        if (computationId != null) {
            where.append(" and s.computation_id = :computationId");
            params.put("computationId", computationId);
        }
        if (state != null) {
            where.append(" and s.state = :state");
            params.put("state", state);
        }
        var count = em.createNativeQuery("select count(*) from cluster_suggestion s" + where);
        var select = em.createNativeQuery("select " + SUGGESTION_COLUMNS + " from cluster_suggestion s"
                + " join cluster_computation c on c.id = s.computation_id" + where
                + " order by s.size desc, s.cohesion desc, s.id offset :offset limit :limit");
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        select.setParameter("offset", offset).setParameter("limit", limit);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        return new SuggestionPage(withMembers(rows), ((Number) count.getSingleResult()).longValue());
    }

    public void resolve(UUID id, String state, UUID clusterId) {
        em.createNativeQuery("update cluster_suggestion set state = ?2, cluster_id = ?3 where id = ?1")
                .setParameter(1, id).setParameter(2, state).setParameter(3, clusterId).executeUpdate();
    }

    private List<Suggestion> withMembers(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(r -> (UUID) r[0]).toList();
        @SuppressWarnings("unchecked")
        List<Object[]> members = em.createNativeQuery("select suggestion_id, recommendation_id, reason, shared_themes,"
                + " shared_affected_persons, text_similarity from cluster_suggestion_member"
                + " where suggestion_id in (:ids) order by suggestion_id, position").setParameter("ids", ids).getResultList();
        Map<UUID, List<UUID>> byId = new HashMap<>();
        Map<UUID, List<MemberReason>> reasons = new HashMap<>();
        members.forEach(m -> {
            byId.computeIfAbsent((UUID) m[0], k -> new ArrayList<>()).add((UUID) m[1]);
            if (m[2] != null) {
                reasons.computeIfAbsent((UUID) m[0], k -> new ArrayList<>()).add(new MemberReason((UUID) m[1],
                        (String) m[2], terms(m[3]), terms(m[4]), m[5] == null ? 0 : ((Number) m[5]).doubleValue()));
            }
        });
        return rows.stream().map(r -> new Suggestion((UUID) r[0], (UUID) r[1], ((String) r[2]).trim(), (String) r[3],
                (String) r[8], (String) r[9], terms(r[4]), ((Number) r[5]).intValue(), ((Number) r[6]).doubleValue(),
                (UUID) r[7], byId.getOrDefault((UUID) r[0], List.of()), reasons.getOrDefault((UUID) r[0], List.of()),
                fromJson((String) r[10]))).toList();
    }

    private static List<String> terms(Object value) {
        if (value instanceof String[] a) {
            return Arrays.asList(a);
        }
        if (value instanceof Object[] a) {
            return Arrays.stream(a).map(String::valueOf).toList();
        }
        return List.of();
    }

    private Computation computation(Object[] r) {
        return new Computation((UUID) r[0], ((String) r[1]).trim(), (Integer) r[2], fromJson((String) r[14]),
                (String) r[3], ((Number) r[4]).doubleValue(), (String) r[5], (Integer) r[6], (Integer) r[7],
                (Integer) r[8], (String) r[9], time(r[10]), (String) r[11], time(r[12]), time(r[13]));
    }

    private String toJson(Map<String, Object> scope) {
        try {
            return json.writeValueAsString(scope == null ? Map.of() : scope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> fromJson(String value) {
        if (value == null) {
            return Map.of();
        }
        try {
            return json.readValue(value, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strings(Array array) throws java.sql.SQLException {
        if (array == null) {
            return List.of();
        }
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }

    private static OffsetDateTime time(Object value) {
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
        throw new IllegalStateException("Unexpected time value " + value.getClass());
    }
}
