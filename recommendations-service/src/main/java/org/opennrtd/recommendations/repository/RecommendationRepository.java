package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import org.hibernate.FlushMode;
import org.hibernate.Session;
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

    /**
     * Makes the current transaction's session read-only with manual flush: what it loads is not snapshotted for dirty
     * checking and nothing is flushed at commit. Only for transactions that serve a read and write nothing (the
     * API's GETs); a write in the same transaction would be silently dropped.
     */
    public void readOnlyTransaction() {
        Session session = getEntityManager().unwrap(Session.class);
        session.setDefaultReadOnly(true);
        session.setHibernateFlushMode(FlushMode.MANUAL);
    }

    public record Page(List<RecommendationEntity> items, long total) {
    }

    public record Count(String key, long count) {
    }

    /** A query's conditions as SQL over {@code recommendation r}, with their parameters. */
    private record Filter(String whereSql, Map<String, Object> params, boolean text) {
    }

    private static Filter filter(RecommendationQuery query) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        query.country().ifPresent(c -> {
            where.add("r.country = :country");
            params.put("country", c);
        });
        boolean text = query.q() != null && !query.q().isBlank();
        if (text) {
            // With the country, one GIN index (V31) serves both conditions together.
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
        return new Filter(where.isEmpty() ? "" : " where " + String.join(" and ", where), params, text);
    }

    /**
     * The ids of every recommendation a query's filters select (its sort and page are ignored), in a stable order:
     * the scope of a job such as a cluster computation.
     */
    @SuppressWarnings("unchecked")
    public List<UUID> idsInScope(RecommendationQuery query) {
        Filter f = filter(query);
        Query select = getEntityManager().createNativeQuery("select r.id from recommendation r" + f.whereSql()
                + " order by r.id");
        f.params().forEach(select::setParameter);
        return select.getResultList();
    }

    public Page search(RecommendationQuery query) {
        Filter f = filter(query);
        String whereSql = f.whereSql();
        Map<String, Object> params = f.params();
        boolean text = f.text();
        String fallback = text ? "ts_rank(r.search_vector, websearch_to_tsquery('english', :q)) desc"
                : "r.document_symbol asc nulls last, string_to_array(r.paragraph, '.')::text[] asc nulls last";
        String order = SortOrder.toSql(query.sort(), SORT_COLUMNS, fallback, "r.id");

        // One pass finds the page's ids and the total (filters on the list index's columns need no row), then the
        // page's rows are loaded by id like any read by id, in the page's order.
        Query select = getEntityManager().createNativeQuery("select r.id, count(*) over () from recommendation r"
                + whereSql + " order by " + order + " offset :offset limit :limit");
        params.forEach(select::setParameter);
        select.setParameter("offset", query.offset());
        select.setParameter("limit", query.limit());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        if (rows.isEmpty()) {
            if (query.offset() == 0) {
                return new Page(List.of(), 0);
            }
            Query count = getEntityManager().createNativeQuery("select count(*) from recommendation r" + whereSql);
            params.forEach(count::setParameter);
            return new Page(List.of(), ((Number) count.getSingleResult()).longValue());
        }
        List<UUID> ids = rows.stream().map(r -> (UUID) r[0]).toList();
        List<RecommendationEntity> items = getEntityManager().unwrap(Session.class)
                .byMultipleIds(RecommendationEntity.class).multiLoad(ids);
        return new Page(items, ((Number) rows.get(0)[1]).longValue());
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

    /** A country's total, its counts by position, by mechanism and by body, and its last change. */
    public record CountryCounts(long total, List<Count> byPosition, List<Count> byMechanism, List<Count> byBody,
            OffsetDateTime lastUpdatedAt) {
    }

    /**
     * {@link CountryCounts} in one pass over the country's entries of the list index (V30 holds these columns, so
     * the heap is not read), each group's counts most frequent first, then by value.
     */
    public CountryCounts countryCounts(String country) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery(
                        "select case when grouping(position) = 0 then 1 when grouping(mechanism) = 0 then 2"
                                + " when grouping(body) = 0 then 3 else 0 end as dimension,"
                                + " cast(coalesce(position, mechanism, body) as text) as k, count(*), max(updated_at)"
                                + " from recommendation where country = :country"
                                + " group by grouping sets ((), (position), (mechanism), (body))"
                                + " order by dimension, count(*) desc, k")
                .setParameter("country", country)
                .getResultList();
        long total = 0;
        OffsetDateTime last = null;
        List<List<Count>> groups = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Object[] r : rows) {
            int dimension = ((Number) r[0]).intValue();
            if (dimension == 0) {
                total = ((Number) r[2]).longValue();
                last = offsetDateTime(r[3]);
            } else {
                groups.get(dimension - 1).add(new Count((String) r[1], ((Number) r[2]).longValue()));
            }
        }
        return new CountryCounts(total, groups.get(0), groups.get(1), groups.get(2), last);
    }

    private static OffsetDateTime offsetDateTime(Object value) {
        if (value == null || value instanceof OffsetDateTime) {
            return (OffsetDateTime) value;
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected time stamp type " + value.getClass());
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
