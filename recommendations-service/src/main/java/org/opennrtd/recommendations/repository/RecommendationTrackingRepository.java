package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.opennrtd.recommendations.entity.RecommendationTrackingEntity;

/**
 * Recommendations' implementation status and priority level. A row is made on a recommendation's first follow-up
 * change; a recommendation without one is NOT_STARTED at version 0, so SQL reading it joins with {@code left join}
 * and {@code coalesce(t.implementation_status, 'NOT_STARTED')}, {@code coalesce(t.version, 0)}.
 */
@ApplicationScoped
public class RecommendationTrackingRepository implements PanacheRepositoryBase<RecommendationTrackingEntity, UUID> {

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
