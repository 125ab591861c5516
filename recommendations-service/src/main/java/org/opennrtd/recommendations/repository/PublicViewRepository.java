package org.opennrtd.recommendations.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The reads of the public view, in SQL that selects only the published columns: what a query here does not select
 * cannot reach the public, whatever the entities hold. Every query is bound to one country and leaves out withheld
 * recommendations, actions not marked public and progress updates not validated; whether the country is published
 * at all is checked before (PublicViewService).
 */
@ApplicationScoped
public class PublicViewRepository {

    /** A recommendation that is public when it is of the country and not withheld. */
    private static final String PUBLIC_RECOMMENDATION = "r.country = :country and not exists (select 1 from"
            + " recommendation_publication p where p.recommendation_id = r.id and p.withheld)";

    private static final String PUBLIC_ACTION = "a.country = :country and exists (select 1 from action_publication ap"
            + " where ap.action_id = a.id and ap.published)";

    @Inject
    EntityManager em;

    public record Recommendation(UUID id, String country, String text, String mechanism, String body,
            String documentSymbol, String paragraph, Integer uprCycle, List<String> recommendingStates, String position,
            List<String> themes, List<String> affectedPersons, List<String> sdgTargets, LocalDate publicationDate,
            String implementationStatus, OffsetDateTime statusUpdatedAt) {
    }

    public record Action(UUID id, String country, String title, String description, List<UUID> recommendationIds,
            LocalDate startDate, LocalDate endDate, BigDecimal budgetAmount, String budgetCurrency, String budgetSource,
            Boolean budgetFunded, boolean legislativeActionRequired, OffsetDateTime updatedAt) {
    }

    public record ProgressUpdate(UUID id, UUID actionId, String narrative, String evidenceUrl, LocalDate reportDate,
            OffsetDateTime validatedAt) {
    }

    public record Page<T>(List<T> items, long total) {
    }

    public record RecommendationFilter(String q, String mechanism, String implementationStatus, String theme) {
    }

    public Page<Recommendation> recommendations(String country, RecommendationFilter filter, int offset, int limit) {
        List<String> where = new ArrayList<>(List.of(PUBLIC_RECOMMENDATION));
        Map<String, Object> params = new HashMap<>(Map.of("country", country));
        if (filter.q() != null && !filter.q().isBlank()) {
            where.add("r.text ilike :q escape '\\'");
            params.put("q", "%" + filter.q().strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (filter.mechanism() != null) {
            where.add("r.mechanism = :mechanism");
            params.put("mechanism", filter.mechanism());
        }
        if (filter.implementationStatus() != null) {
            where.add("coalesce(t.implementation_status, 'NOT_STARTED') = :status");
            params.put("status", filter.implementationStatus());
        }
        if (filter.theme() != null) {
            where.add("cast(:theme as text) = any(r.themes)");
            params.put("theme", filter.theme());
        }
        String from = " from recommendation r left join recommendation_tracking t on t.recommendation_id = r.id where "
                + String.join(" and ", where);
        Query count = em.createNativeQuery("select count(*)" + from);
        Query select = em.createNativeQuery(RECOMMENDATION_COLUMNS + from
                + " order by r.document_symbol nulls last, r.paragraph nulls last, r.id offset :offset limit :limit");
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        select.setParameter("offset", offset).setParameter("limit", limit);
        List<Recommendation> items = rows(select).stream().map(PublicViewRepository::recommendation).toList();
        return new Page<>(items, ((Number) count.getSingleResult()).longValue());
    }

    public Optional<Recommendation> recommendation(String country, UUID id) {
        Query select = em.createNativeQuery(RECOMMENDATION_COLUMNS + " from recommendation r left join"
                + " recommendation_tracking t on t.recommendation_id = r.id where r.id = :id and " + PUBLIC_RECOMMENDATION)
                .setParameter("id", id).setParameter("country", country);
        return rows(select).stream().findFirst().map(PublicViewRepository::recommendation);
    }

    private static final String RECOMMENDATION_COLUMNS = "select r.id, r.country, r.text, r.mechanism, r.body,"
            + " r.document_symbol, r.paragraph, r.upr_cycle, r.recommending_states, r.position, r.themes,"
            + " r.affected_persons, r.sdg_targets, r.publication_date, coalesce(t.implementation_status, 'NOT_STARTED'),"
            + " t.updated_at";

    private static Recommendation recommendation(Object[] r) {
        return new Recommendation((UUID) r[0], ((String) r[1]).trim(), (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], (String) r[6], r[7] == null ? null : ((Number) r[7]).intValue(), NativeTimes.strings(r[8]),
                (String) r[9], NativeTimes.strings(r[10]), NativeTimes.strings(r[11]), NativeTimes.strings(r[12]),
                NativeTimes.date(r[13]), (String) r[14], NativeTimes.utc(r[15]));
    }

    /** Public actions, with {@code recommendationId} those linked to that public recommendation. */
    public Page<Action> actions(String country, UUID recommendationId, int offset, int limit) {
        String where = PUBLIC_ACTION + (recommendationId == null ? "" : " and exists (select 1 from action_recommendation"
                + " ar join recommendation r on r.id = ar.recommendation_id where ar.action_id = a.id"
                + " and ar.recommendation_id = :rid and " + PUBLIC_RECOMMENDATION + ")");
        Query count = em.createNativeQuery("select count(*) from action a where " + where);
        Query select = em.createNativeQuery(ACTION_COLUMNS + " from action a where " + where
                + " order by a.start_date nulls last, a.title, a.id offset :offset limit :limit");
        for (Query q : List.of(count, select)) {
            q.setParameter("country", country);
            if (recommendationId != null) {
                q.setParameter("rid", recommendationId);
            }
        }
        select.setParameter("offset", offset).setParameter("limit", limit);
        List<Object[]> rows = rows(select);
        return new Page<>(withRecommendations(country, rows), ((Number) count.getSingleResult()).longValue());
    }

    public Optional<Action> action(String country, UUID id) {
        Query select = em.createNativeQuery(ACTION_COLUMNS + " from action a where a.id = :id and " + PUBLIC_ACTION)
                .setParameter("id", id).setParameter("country", country);
        return withRecommendations(country, rows(select)).stream().findFirst();
    }

    private static final String ACTION_COLUMNS = "select a.id, a.country, a.title, a.description, a.start_date,"
            + " a.end_date, a.budget_amount, a.budget_currency, a.budget_source, a.budget_funded,"
            + " a.legislative_action_required, a.updated_at";

    /** The actions of the rows, each with its public recommendations only (withheld ones are left out). */
    private List<Action> withRecommendations(String country, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<UUID>> linked = new LinkedHashMap<>();
        rows.forEach(r -> linked.put((UUID) r[0], new ArrayList<>()));
        Query links = em.createNativeQuery("select ar.action_id, ar.recommendation_id from action_recommendation ar"
                        + " join recommendation r on r.id = ar.recommendation_id where ar.action_id in (:ids) and "
                        + PUBLIC_RECOMMENDATION + " order by r.document_symbol nulls last, r.paragraph nulls last, r.id")
                .setParameter("ids", linked.keySet()).setParameter("country", country);
        for (Object[] l : rows(links)) {
            linked.get((UUID) l[0]).add((UUID) l[1]);
        }
        return rows.stream().map(r -> new Action((UUID) r[0], ((String) r[1]).trim(), (String) r[2], (String) r[3],
                linked.get((UUID) r[0]), NativeTimes.date(r[4]), NativeTimes.date(r[5]), (BigDecimal) r[6],
                r[7] == null ? null : ((String) r[7]).trim(), (String) r[8], (Boolean) r[9], (Boolean) r[10],
                NativeTimes.utc(r[11]))).toList();
    }

    /** The validated progress updates of an action (the caller has checked that the action is public). */
    public Page<ProgressUpdate> validatedProgress(UUID actionId, int offset, int limit) {
        String from = " from progress_update pu where pu.action_id = :action and pu.status = 'VALIDATED'";
        Query count = em.createNativeQuery("select count(*)" + from).setParameter("action", actionId);
        Query select = em.createNativeQuery("select pu.id, pu.action_id, pu.narrative, pu.evidence_url, pu.report_date,"
                        + " pu.reviewed_at" + from + " order by pu.report_date desc, pu.id offset :offset limit :limit")
                .setParameter("action", actionId).setParameter("offset", offset).setParameter("limit", limit);
        List<ProgressUpdate> items = rows(select).stream().map(r -> new ProgressUpdate((UUID) r[0], (UUID) r[1],
                (String) r[2], (String) r[3], NativeTimes.date(r[4]), NativeTimes.utc(r[5]))).toList();
        return new Page<>(items, ((Number) count.getSingleResult()).longValue());
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query q) {
        return q.getResultList();
    }
}
