package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opennrtd.common.http.SortOrder;
import org.opennrtd.recommendations.entity.ActionEntity;

/**
 * Actions, searched in SQL. When an action's next progress update is due is computed in SQL too (see
 * {@link #NEXT_UPDATE_DUE}), so that the due and overdue filters page correctly.
 */
@ApplicationScoped
public class ActionRepository implements PanacheRepositoryBase<ActionEntity, UUID> {

    /**
     * The report date of the latest submitted or validated update (else the start date, else the creation day) plus
     * the reporting period; none once an update reports on or after the action's end date. Needs {@code :period}.
     */
    static final String NEXT_UPDATE_DUE = "(select case when a.end_date is not null and last.report_date >= a.end_date"
            + " then null else coalesce(last.report_date, a.start_date, cast(a.created_at at time zone 'UTC' as date))"
            + " + cast(:period as integer) end from (select max(p.report_date) as report_date from progress_update p"
            + " where p.action_id = a.id and p.status in ('SUBMITTED', 'VALIDATED')) last)";

    private static final Map<String, String> SORT_COLUMNS = new LinkedHashMap<>();

    static {
        SORT_COLUMNS.put("title", "a.title");
        SORT_COLUMNS.put("startDate", "a.start_date");
        SORT_COLUMNS.put("endDate", "a.end_date");
        SORT_COLUMNS.put("createdAt", "a.created_at");
        SORT_COLUMNS.put("updatedAt", "a.updated_at");
        SORT_COLUMNS.put("nextUpdateDueDate", NEXT_UPDATE_DUE);
    }

    public enum Due { DUE, OVERDUE }

    public record Filter(Optional<String> country, UUID recommendationId, UUID clusterId, UUID institutionId,
            Boolean legislativeActionRequired, Due updateDue, LocalDate today, int noticeDays, int periodDays,
            String sort, int offset, int limit) {
    }

    public record Page(List<ActionEntity> items, long total) {
    }

    public Page search(Filter f) {
        NativeSearch search = new NativeSearch();
        f.country().ifPresent(c -> search.where("a.country = :country", "country", c));
        search.whereIfPresent(f.recommendationId(), "exists (select 1 from action_recommendation ar"
                + " where ar.action_id = a.id and ar.recommendation_id = :rec)", "rec");
        search.whereIfPresent(f.clusterId(), "exists (select 1 from action_cluster ac"
                + " where ac.action_id = a.id and ac.cluster_id = :cluster)", "cluster");
        search.whereIfPresent(f.institutionId(), "(a.lead_institution_id = :inst or exists (select 1 from"
                + " action_supporting_institution s where s.action_id = a.id and s.institution_id = :inst))", "inst");
        search.whereIfPresent(f.legislativeActionRequired(), "a.legislative_action_required = :legislative",
                "legislative");
        if (f.updateDue() == Due.OVERDUE) {
            search.where(NEXT_UPDATE_DUE + " < :today", "today", f.today());
        } else if (f.updateDue() == Due.DUE) {
            search.where(NEXT_UPDATE_DUE + " between :today and :horizon", "today", f.today(),
                    "horizon", f.today().plusDays(f.noticeDays()));
        }
        // Bound only where the due filter or the order names it.
        search.param("period", f.periodDays());
        // Before counting, so that an unknown sort property is refused even when nothing matches.
        String order = SortOrder.toSql(f.sort(), SORT_COLUMNS, "a.created_at desc", "a.id");
        NativeSearch.Result<ActionEntity> result = search.page(getEntityManager(), "a.*", "action a", order,
                ActionEntity.class, f.offset(), f.limit());
        return new Page(result.items(), result.total());
    }

    /** When each of the given actions' next progress update is due; absent when none is. */
    public Map<UUID, LocalDate> nextUpdateDue(Collection<UUID> actionIds, int periodDays) {
        Map<UUID, LocalDate> due = new HashMap<>();
        if (actionIds.isEmpty()) {
            return due;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("select a.id, " + NEXT_UPDATE_DUE
                        + " from action a where a.id in (:ids)")
                .setParameter("ids", actionIds).setParameter("period", periodDays).getResultList();
        for (Object[] r : rows) {
            if (r[1] != null) {
                due.put((UUID) r[0], toLocalDate(r[1]));
            }
        }
        return due;
    }

    /** The ids among {@code ids} that are recommendations of {@code country}. */
    public List<UUID> clusterIdsInCountry(String country, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery(
                        "select c.id from ClusterEntity c where c.country = :country and c.id in :ids", UUID.class)
                .setParameter("country", country).setParameter("ids", ids).getResultList();
    }

    public List<UUID> recommendationIdsInCountry(String country, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery(
                        "select r.id from RecommendationEntity r where r.country = :country and r.id in :ids", UUID.class)
                .setParameter("country", country).setParameter("ids", ids).getResultList();
    }

    static LocalDate toLocalDate(Object value) {
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("Unexpected date type " + value.getClass().getName());
    }
}
