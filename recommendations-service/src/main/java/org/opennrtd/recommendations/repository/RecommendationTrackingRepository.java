package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opennrtd.recommendations.entity.RecommendationTrackingEntity;

/**
 * Recommendations' implementation status and priority level. A row is made on a recommendation's first follow-up
 * change; a recommendation without one is NOT_STARTED at version 0, so SQL reading it joins with {@code left join}
 * and {@code coalesce(t.implementation_status, 'NOT_STARTED')}, {@code coalesce(t.version, 0)}.
 */
@ApplicationScoped
public class RecommendationTrackingRepository implements PanacheRepositoryBase<RecommendationTrackingEntity, UUID> {

    /** A follow-up with its recommendation's country. */
    public record Row(RecommendationTrackingEntity tracking, String country) {
    }

    public record Page(List<Row> items, long total) {
    }

    /**
     * Follow-ups of recommendations in the order of the recommendations (document symbol, paragraph, id); a
     * recommendation without a stored row is listed NOT_STARTED at version 0.
     */
    public Page list(Optional<String> country, RecommendationTrackingEntity.Status status, int offset, int limit) {
        List<String> where = new ArrayList<>();
        country.ifPresent(c -> where.add("r.country = :country"));
        if (status != null) {
            where.add("coalesce(t.implementation_status, 'NOT_STARTED') = :status");
        }
        String from = " from recommendation r left join recommendation_tracking t on t.recommendation_id = r.id"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
        Query count = getEntityManager().createNativeQuery("select count(*)" + from);
        Query select = getEntityManager().createNativeQuery("select r.id, r.country, t.implementation_status,"
                + " t.priority_level, t.status_note, t.updated_at, t.version" + from
                + " order by r.document_symbol nulls last, r.paragraph nulls last, r.id offset :offset limit :limit");
        for (Query q : List.of(count, select)) {
            country.ifPresent(c -> q.setParameter("country", c));
            if (status != null) {
                q.setParameter("status", status.name());
            }
        }
        select.setParameter("offset", offset).setParameter("limit", limit);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        List<Row> items = rows.stream().map(RecommendationTrackingRepository::row).toList();
        return new Page(items, ((Number) count.getSingleResult()).longValue());
    }

    private static Row row(Object[] r) {
        RecommendationTrackingEntity t = RecommendationTrackingEntity.notStarted((UUID) r[0]);
        if (r[6] != null) {
            t.implementationStatus = RecommendationTrackingEntity.Status.valueOf((String) r[2]);
            t.priorityLevel = r[3] == null ? null : RecommendationTrackingEntity.PriorityLevel.valueOf((String) r[3]);
            t.statusNote = (String) r[4];
            t.updatedAt = toOffsetDateTime(r[5]);
            t.version = ((Number) r[6]).longValue();
        }
        return new Row(t, ((String) r[1]).trim());
    }

    private static OffsetDateTime toOffsetDateTime(Object value) {
        if (value == null || value instanceof OffsetDateTime) {
            return (OffsetDateTime) value;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getName());
    }

    /** The stored follow-up, or NOT_STARTED at version 0 (detached, so changing it writes nothing by itself). */
    public RecommendationTrackingEntity current(UUID recommendationId) {
        RecommendationTrackingEntity t = findById(recommendationId);
        if (t == null) {
            return RecommendationTrackingEntity.notStarted(recommendationId);
        }
        getEntityManager().detach(t);
        return t;
    }

    /**
     * Stores {@code t} as the version after {@code expectedVersion}, checked in the statement that writes it. The first
     * change (0 expected) inserts the row, or updates one still at version 0; later ones update the row at the
     * expected version. False when another change came first, among them a concurrent first change: the insert waits
     * for the other transaction's row, then finds it at a newer version. On success {@code t.version} is the stored
     * version.
     */
    public boolean store(RecommendationTrackingEntity t, long expectedVersion, OffsetDateTime updatedAt) {
        String sql = expectedVersion == 0 ? """
                insert into recommendation_tracking as t (recommendation_id, implementation_status, priority_level,
                    status_note, updated_at, version)
                values (?1, ?2, cast(?3 as text), cast(?4 as text), ?5, 1)
                on conflict (recommendation_id) do update set implementation_status = excluded.implementation_status,
                    priority_level = excluded.priority_level, status_note = excluded.status_note,
                    updated_at = excluded.updated_at, version = t.version + 1
                where t.version = ?6""" : """
                update recommendation_tracking set implementation_status = ?2, priority_level = cast(?3 as text),
                    status_note = cast(?4 as text), updated_at = ?5, version = version + 1
                where recommendation_id = ?1 and version = ?6""";
        int rows = getEntityManager().createNativeQuery(sql)
                .setParameter(1, t.recommendationId)
                .setParameter(2, t.implementationStatus.name())
                .setParameter(3, t.priorityLevel == null ? null : t.priorityLevel.name())
                .setParameter(4, t.statusNote)
                .setParameter(5, updatedAt)
                .setParameter(6, expectedVersion)
                .executeUpdate();
        if (rows == 1) {
            t.version = expectedVersion + 1;
            t.updatedAt = updatedAt;
        }
        return rows == 1;
    }
}
