package org.opennrtd.recommendations.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

/**
 * Stored near-duplicate groups: replaced as a whole per country, read by group, by country and by recommendation.
 * Plain SQL: the tables are derived data with no behaviour, so they have no entities.
 */
@ApplicationScoped
public class NearDuplicateRepository {

    @Inject
    EntityManager em;

    /** A recommendation's id and text, the input of a computation. */
    public record Text(UUID id, String text) {
    }

    public record Member(UUID groupId, UUID recommendationId, double score) {
    }

    public record Pair(UUID recommendationId, UUID otherId, UUID groupId, double score) {
    }

    public record Group(UUID id, String country, int size, UUID representativeId, double cohesion) {
    }

    public record Run(String country, OffsetDateTime computedAt, double threshold, int recommendations, int groups,
            long durationMs) {
    }

    /** A member as read: its score and the recommendation fields a list shows. */
    public record MemberView(UUID groupId, UUID recommendationId, double score, String text, String mechanism,
            String body, String documentSymbol, String paragraph, Integer uprCycle, List<String> recommendingStates) {
    }

    public record GroupPage(List<Group> items, long total) {
    }

    /** Serialises computations of one country across transactions and replicas, until this transaction ends. */
    public void lockCountry(String country) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('near-duplicates:' || ?1))")
                .setParameter(1, country).getSingleResult();
    }

    public List<Text> texts(String country) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, text from recommendation where country = ?1 order by id")
                .setParameter(1, country).getResultList();
        return rows.stream().map(r -> new Text((UUID) r[0], (String) r[1])).toList();
    }

    public List<String> countriesWithoutRun(double threshold) {
        @SuppressWarnings("unchecked")
        List<String> countries = em.createNativeQuery("select distinct r.country from recommendation r"
                        + " left join near_duplicate_run n on n.country = r.country"
                        + " where n.country is null or n.threshold <> ?1 order by 1")
                .setParameter(1, threshold).getResultList();
        return countries.stream().map(String::trim).toList();
    }

    /** Replaces the country's groups, members and pairs with the given ones. */
    public void replace(String country, List<Group> groups, List<Member> members, List<Pair> pairs, Run run) {
        em.flush();
        em.createNativeQuery("delete from near_duplicate_group where country = ?1").setParameter(1, country).executeUpdate();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement st = connection.prepareStatement("insert into near_duplicate_group"
                    + " (id, country, size, representative_id, cohesion) values (?, ?, ?, ?, ?)")) {
                for (Group g : groups) {
                    st.setObject(1, g.id());
                    st.setString(2, country);
                    st.setInt(3, g.size());
                    st.setObject(4, g.representativeId());
                    st.setDouble(5, g.cohesion());
                    st.addBatch();
                }
                st.executeBatch();
            }
            try (PreparedStatement st = connection.prepareStatement("insert into near_duplicate_member"
                    + " (group_id, recommendation_id, score) values (?, ?, ?)")) {
                for (Member m : members) {
                    st.setObject(1, m.groupId());
                    st.setObject(2, m.recommendationId());
                    st.setDouble(3, m.score());
                    st.addBatch();
                }
                st.executeBatch();
            }
            try (PreparedStatement st = connection.prepareStatement("insert into near_duplicate_pair"
                    + " (recommendation_id, other_id, group_id, score) values (?, ?, ?, ?)")) {
                for (Pair p : pairs) {
                    st.setObject(1, p.recommendationId());
                    st.setObject(2, p.otherId());
                    st.setObject(3, p.groupId());
                    st.setDouble(4, p.score());
                    st.addBatch();
                }
                st.executeBatch();
            }
            try (PreparedStatement st = connection.prepareStatement("insert into near_duplicate_run (country, computed_at,"
                    + " threshold, recommendations, groups, duration_ms) values (?, ?, ?, ?, ?, ?) on conflict (country)"
                    + " do update set computed_at = excluded.computed_at, threshold = excluded.threshold,"
                    + " recommendations = excluded.recommendations, groups = excluded.groups,"
                    + " duration_ms = excluded.duration_ms")) {
                st.setString(1, country);
                st.setObject(2, run.computedAt());
                st.setDouble(3, run.threshold());
                st.setInt(4, run.recommendations());
                st.setInt(5, run.groups());
                st.setLong(6, run.durationMs());
                st.executeUpdate();
            }
        });
    }

    public Optional<Group> group(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, country, size, representative_id, cohesion"
                + " from near_duplicate_group where id = ?1").setParameter(1, id).getResultList();
        return rows.stream().map(NearDuplicateRepository::group).findFirst();
    }

    public Optional<UUID> groupOf(UUID recommendationId) {
        @SuppressWarnings("unchecked")
        List<UUID> rows = em.createNativeQuery("select group_id from near_duplicate_member where recommendation_id = ?1")
                .setParameter(1, recommendationId).getResultList();
        return rows.stream().findFirst();
    }

    /** Groups, largest and most cohesive first; {@code country} empty means every country. */
    public GroupPage groups(Optional<String> country, int minSize, int offset, int limit) {
        String where = " where size >= :minSize" + (country.isPresent() ? " and country = :country" : "");
        var count = em.createNativeQuery("select count(*) from near_duplicate_group" + where);
        var select = em.createNativeQuery("select id, country, size, representative_id, cohesion from near_duplicate_group"
                + where + " order by size desc, cohesion desc, id offset :offset limit :limit");
        count.setParameter("minSize", minSize);
        select.setParameter("minSize", minSize);
        country.ifPresent(c -> {
            count.setParameter("country", c);
            select.setParameter("country", c);
        });
        select.setParameter("offset", offset).setParameter("limit", limit);
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        return new GroupPage(rows.stream().map(NearDuplicateRepository::group).toList(), total);
    }

    /** The members of the given groups, each group's by decreasing score to its representative. */
    public Map<UUID, List<MemberView>> members(List<UUID> groupIds) {
        Map<UUID, List<MemberView>> byGroup = new LinkedHashMap<>();
        if (groupIds.isEmpty()) {
            return byGroup;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select m.group_id, m.recommendation_id, m.score, " + VIEW_COLUMNS
                        + " from near_duplicate_member m join recommendation r on r.id = m.recommendation_id"
                        + " where m.group_id in (:ids) order by m.group_id, m.score desc, r.id")
                .setParameter("ids", groupIds).getResultList();
        for (Object[] r : rows) {
            byGroup.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(view(r));
        }
        return byGroup;
    }

    /** The other members of a recommendation's group, by decreasing similarity to it. */
    public List<MemberView> nearDuplicatesOf(UUID recommendationId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select p.group_id, p.other_id, p.score, " + VIEW_COLUMNS
                        + " from near_duplicate_pair p join recommendation r on r.id = p.other_id"
                        + " where p.recommendation_id = ?1 order by p.score desc, r.id")
                .setParameter(1, recommendationId).getResultList();
        return rows.stream().map(NearDuplicateRepository::view).toList();
    }

    private static final String VIEW_COLUMNS =
            "r.text, r.mechanism, r.body, r.document_symbol, r.paragraph, r.upr_cycle, r.recommending_states";

    private static MemberView view(Object[] r) {
        Object states = r[9];
        List<String> recommendingStates = states instanceof String[] a ? List.of(a)
                : states instanceof Object[] o ? java.util.Arrays.stream(o).map(String::valueOf).toList() : List.of();
        return new MemberView((UUID) r[0], (UUID) r[1], ((Number) r[2]).doubleValue(), (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], (String) r[7], r[8] == null ? null : ((Number) r[8]).intValue(),
                recommendingStates);
    }

    private static Group group(Object[] r) {
        return new Group((UUID) r[0], ((String) r[1]).trim(), ((Number) r[2]).intValue(), (UUID) r[3],
                ((Number) r[4]).doubleValue());
    }
}
