package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        f.country().ifPresent(c -> {
            where.add("a.country = :country");
            params.put("country", c);
        });
        if (f.actionId() != null) {
            where.add("m.action_id = :action");
            params.put("action", f.actionId());
        }
        if (f.status() != null) {
            where.add("m.status = :status");
            params.put("status", f.status());
        }
        if (f.due() == ActionRepository.Due.OVERDUE) {
            where.add("m.status = 'PLANNED' and m.due_date < :today");
            params.put("today", f.today());
        } else if (f.due() == ActionRepository.Due.DUE) {
            where.add("m.status = 'PLANNED' and m.due_date between :today and :horizon");
            params.put("today", f.today());
            params.put("horizon", f.today().plusDays(f.noticeDays()));
        }
        String from = " from milestone m join action a on a.id = m.action_id"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
        Query count = getEntityManager().createNativeQuery("select count(*)" + from);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        if (total == 0 || f.offset() >= total) {
            return new Page(List.of(), total);
        }
        Query select = getEntityManager().createNativeQuery("select m.*" + from
                + " order by m.due_date, m.id offset :offset limit :limit", MilestoneEntity.class);
        params.forEach(select::setParameter);
        select.setParameter("offset", f.offset()).setParameter("limit", f.limit());
        @SuppressWarnings("unchecked")
        List<MilestoneEntity> items = select.getResultList();
        return new Page(items, total);
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
