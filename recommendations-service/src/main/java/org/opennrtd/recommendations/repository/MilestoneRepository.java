package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opennrtd.recommendations.entity.MilestoneEntity;

/** Milestones, with their action's country; due and overdue ones found in SQL. */
@ApplicationScoped
public class MilestoneRepository implements PanacheRepositoryBase<MilestoneEntity, UUID> {

    public record Filter(Optional<String> country, UUID actionId, String status, ActionRepository.Due due,
            LocalDate today, int noticeDays, int offset, int limit) {
    }

    public record Page(List<MilestoneEntity> items, long total) {
    }

    /** A milestone the scheduled job must announce, and the country of its action. */
    public record Notice(UUID milestoneId, UUID actionId, String country, String title, LocalDate dueDate) {
    }

    public Page search(Filter f) {
        NativeSearch search = new NativeSearch();
        f.country().ifPresent(c -> search.where("a.country = :country", "country", c));
        search.whereIfPresent(f.actionId(), "m.action_id = :action", "action");
        search.whereIfPresent(f.status(), "m.status = :status", "status");
        if (f.due() == ActionRepository.Due.OVERDUE) {
            search.where("m.status = 'PLANNED' and m.due_date < :today", "today", f.today());
        } else if (f.due() == ActionRepository.Due.DUE) {
            search.where("m.status = 'PLANNED' and m.due_date between :today and :horizon", "today", f.today(),
                    "horizon", f.today().plusDays(f.noticeDays()));
        }
        NativeSearch.Result<MilestoneEntity> result = search.page(getEntityManager(), "m.*",
                "milestone m join action a on a.id = m.action_id", "m.due_date, m.id", MilestoneEntity.class,
                f.offset(), f.limit());
        return new Page(result.items(), result.total());
    }

    /** Up to {@code limit} planned milestones due by {@code horizon} whose MILESTONE_DUE event has not fired, locked. */
    public List<Notice> dueNotYetAnnounced(LocalDate today, LocalDate horizon, int limit) {
        return notices("m.due_date between :today and :horizon and m.due_notified_at is null", today, horizon, limit);
    }

    /** Up to {@code limit} planned milestones past due whose MILESTONE_OVERDUE event has not fired, locked. */
    public List<Notice> overdueNotYetAnnounced(LocalDate today, int limit) {
        return notices("m.due_date < :today and m.overdue_notified_at is null", today, null, limit);
    }

    private List<Notice> notices(String condition, LocalDate today, LocalDate horizon, int limit) {
        Query query = getEntityManager().createNativeQuery("select m.id, m.action_id, a.country, m.title, m.due_date"
                + " from milestone m join action a on a.id = m.action_id where m.status = 'PLANNED' and " + condition
                + " order by m.due_date, m.id limit :limit for update of m skip locked");
        query.setParameter("today", today).setParameter("limit", limit);
        if (horizon != null) {
            query.setParameter("horizon", horizon);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(r -> new Notice((UUID) r[0], (UUID) r[1], ((String) r[2]).trim(), (String) r[3],
                ActionRepository.toLocalDate(r[4]))).toList();
    }

    /** Records that an event fired; the milestone's version stays, so that no one's ETag goes stale. */
    public void markAnnounced(List<UUID> milestoneIds, boolean overdue, OffsetDateTime at) {
        if (milestoneIds.isEmpty()) {
            return;
        }
        getEntityManager().createNativeQuery("update milestone set " + (overdue ? "overdue_notified_at" : "due_notified_at")
                        + " = :at where id in (:ids)")
                .setParameter("at", at).setParameter("ids", milestoneIds).executeUpdate();
    }

    /** Whether the events fired for a milestone: [due announced, overdue announced]. */
    public boolean[] announced(UUID milestoneId) {
        Object[] row = (Object[]) getEntityManager().createNativeQuery(
                        "select due_notified_at is not null, overdue_notified_at is not null from milestone where id = :id")
                .setParameter("id", milestoneId).getSingleResult();
        return new boolean[] {(Boolean) row[0], (Boolean) row[1]};
    }
}
