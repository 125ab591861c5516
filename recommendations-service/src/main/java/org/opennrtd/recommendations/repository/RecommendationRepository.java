package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opennrtd.common.http.SortOrder;
import org.opennrtd.recommendations.entity.RecommendationEntity;

/**
 * Recommendation queries. Searches run as SQL so that they use PostgreSQL's full-text and array (GIN) indexes;
 * every value is bound as a parameter and sort columns come from a whitelist.
 */
@ApplicationScoped
public class RecommendationRepository implements PanacheRepositoryBase<RecommendationEntity, UUID> {

    private static final Map<String, String> SORT_COLUMNS = new LinkedHashMap<>();

    static {
        SORT_COLUMNS.put("documentSymbol", "r.document_symbol");
        SORT_COLUMNS.put("paragraph", "string_to_array(r.paragraph, '.')::text[]");
        SORT_COLUMNS.put("publicationDate", "r.publication_date");
        SORT_COLUMNS.put("createdAt", "r.created_at");
        SORT_COLUMNS.put("updatedAt", "r.updated_at");
        SORT_COLUMNS.put("position", "r.position");
    }

    public record Page(List<RecommendationEntity> items, long total) {
    }

    public record Count(String key, long count) {
    }

    public Page search(RecommendationQuery query) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        query.country().ifPresent(c -> {
            where.add("r.country = :country");
            params.put("country", c);
        });
        boolean text = query.q() != null && !query.q().isBlank();
        if (text) {
            where.add("r.search_vector @@ websearch_to_tsquery('english', :q)");
            params.put("q", query.q());
        }
        add(where, params, "mechanism", query.mechanism() == null ? null : query.mechanism().name(), "r.mechanism = :mechanism");
        add(where, params, "body", query.body(), "lower(r.body) = lower(:body)");
        add(where, params, "position", query.position() == null ? null : query.position().name(), "r.position = :position");
        add(where, params, "theme", query.theme(), "r.themes @> array[cast(:theme as text)]");
        add(where, params, "affected", query.affectedPerson(), "r.affected_persons @> array[cast(:affected as text)]");
        add(where, params, "state", query.recommendingState(), "r.recommending_states @> array[cast(:state as text)]");
        add(where, params, "goal", query.sdgGoal(), "r.sdg_goals @> array[cast(:goal as integer)]");
        add(where, params, "target", query.sdgTarget(), "r.sdg_targets @> array[cast(:target as text)]");
        add(where, params, "symbol", query.documentSymbol(), "r.document_symbol = :symbol");
        add(where, params, "cycle", query.uprCycle(), "r.upr_cycle = :cycle");
        add(where, params, "session", query.uprSession(), "r.upr_session = :session");
        add(where, params, "region", query.region(), "r.regions @> array[cast(:region as text)]");
        add(where, params, "publishedFrom", query.publishedFrom(), "r.publication_date >= :publishedFrom");
        add(where, params, "publishedTo", query.publishedTo(), "r.publication_date <= :publishedTo");
        // A recommendation without a follow-up row is NOT_STARTED with no priority level.
        add(where, params, "implementationStatus", query.implementationStatus() == null ? null
                : query.implementationStatus().name(), "coalesce((select t.implementation_status from"
                + " recommendation_tracking t where t.recommendation_id = r.id), 'NOT_STARTED') = :implementationStatus");
        add(where, params, "priorityLevel", query.priorityLevel() == null ? null : query.priorityLevel().name(),
                "exists (select 1 from recommendation_tracking t where t.recommendation_id = r.id"
                + " and t.priority_level = :priorityLevel)");
        if (query.withdrawnFromUhri() != null) {
            where.add(query.withdrawnFromUhri() ? "r.uhri_withdrawn_at is not null" : "r.uhri_withdrawn_at is null");
        }
        String whereSql = where.isEmpty() ? "" : " where " + String.join(" and ", where);

        String fallback = text ? "ts_rank(r.search_vector, websearch_to_tsquery('english', :q)) desc"
                : "r.document_symbol asc nulls last, string_to_array(r.paragraph, '.')::text[] asc nulls last";
        String order = SortOrder.toSql(query.sort(), SORT_COLUMNS, fallback, "r.id");

        Query count = getEntityManager().createNativeQuery("select count(*) from recommendation r" + whereSql);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        if (total == 0 || query.offset() >= total) {
            return new Page(List.of(), total);
        }
        Query select = getEntityManager().createNativeQuery(
                "select r.*, (select s.last_seen_at from uhri_sighting s where s.recommendation_id = r.id) as \"uhriLastSeenAt\""
                        + " from recommendation r" + whereSql + " order by " + order + " offset :offset limit :limit",
                RecommendationEntity.class);
        params.forEach(select::setParameter);
        select.setParameter("offset", query.offset());
        select.setParameter("limit", query.limit());
        @SuppressWarnings("unchecked")
        List<RecommendationEntity> items = select.getResultList();
        return new Page(items, total);
    }

    public long countByCountry(String country) {
        return count("country", country);
    }

    /** Counts of one column's values for a country; for array columns each element counts once. */
    public List<Count> countBy(String country, String expression) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery(
                        "select cast(k as text), count(*) from (select " + expression + " as k from recommendation"
                                + " where country = :country) x group by k order by count(*) desc, k")
                .setParameter("country", country)
                .getResultList();
        return rows.stream().map(r -> new Count((String) r[0], ((Number) r[1]).longValue())).toList();
    }

    /** Terms of an array column with their counts, most used first, optionally for one country. */
    public TermPage terms(String column, java.util.Optional<String> country, int offset, int limit) {
        String where = country.isPresent() ? " where country = :country" : "";
        Query count = getEntityManager().createNativeQuery(
                "select count(distinct t) from recommendation, unnest(" + column + ") t" + where);
        country.ifPresent(c -> count.setParameter("country", c));
        long total = ((Number) count.getSingleResult()).longValue();
        Query select = getEntityManager().createNativeQuery("select t, count(*) from recommendation, unnest(" + column
                + ") t" + where + " group by t order by count(*) desc, t offset :offset limit :limit");
        country.ifPresent(c -> select.setParameter("country", c));
        select.setParameter("offset", offset).setParameter("limit", limit);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        return new TermPage(rows.stream().map(r -> new Count((String) r[0], ((Number) r[1]).longValue())).toList(), total);
    }

    public record TermPage(List<Count> items, long total) {
    }

    public OffsetDateTime lastUpdate(String country) {
        return getEntityManager().createQuery(
                        "select max(r.updatedAt) from RecommendationEntity r where r.country = :country", OffsetDateTime.class)
                .setParameter("country", country)
                .getSingleResult();
    }

    /**
     * Whether a recommendation other than {@code except} without UHRI annotation id has this document symbol and
     * paragraph in this country: the key of recommendations without annotation id (UHRI annotations may share one).
     */
    public boolean existsWithKey(String country, String documentSymbol, String paragraph, UUID except) {
        return count("country = ?1 and documentSymbol = ?2 and paragraph = ?3 and id <> ?4"
                + " and uhriAnnotationId is null",
                country, documentSymbol, paragraph, except == null ? new UUID(0, 0) : except) > 0;
    }

    public boolean existsWithAnnotation(UUID annotationId, UUID except) {
        return count("uhriAnnotationId = ?1 and id <> ?2", annotationId, except == null ? new UUID(0, 0) : except) > 0;
    }

    private static void add(List<String> where, Map<String, Object> params, String name, Object value, String sql) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            where.add(sql);
            params.put(name, value);
        }
    }
}
