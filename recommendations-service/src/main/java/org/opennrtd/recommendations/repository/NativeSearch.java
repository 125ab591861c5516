package org.opennrtd.recommendations.repository;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A filtered native SQL search that is counted, then paged: conditions are collected with their named parameters,
 * so that the count and the page always apply the same ones.
 */
final class NativeSearch {

    record Result<T>(List<T> items, long total) {
    }

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    /** Adds a condition; {@code nameValues} alternate parameter names and values. */
    NativeSearch where(String condition, Object... nameValues) {
        conditions.add(condition);
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put((String) nameValues[i], nameValues[i + 1]);
        }
        return this;
    }

    /** Adds the condition with its one parameter when the value is present. */
    NativeSearch whereIfPresent(Object value, String condition, String name) {
        return value == null ? this : where(condition, name, value);
    }

    /** Sets a parameter that the conditions or the order use without a condition of its own. */
    NativeSearch param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    /**
     * Counts the rows of {@code from} that match, then selects one page of them as {@code type}.
     *
     * @param select the select list, e.g. {@code "m.*"}
     * @param from the from clause without {@code from}, e.g. {@code "milestone m join action a on a.id = m.action_id"}
     * @param order the order by clause without {@code order by}, ending with a unique column
     */
    <T> Result<T> page(EntityManager em, String select, String from, String order, Class<T> type, int offset,
            int limit) {
        String fromWhere = " from " + from + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions));
        Query count = em.createNativeQuery("select count(*)" + fromWhere);
        bind(count, fromWhere);
        long total = ((Number) count.getSingleResult()).longValue();
        if (total == 0 || offset >= total) {
            return new Result<>(List.of(), total);
        }
        String sql = "select " + select + fromWhere + " order by " + order + " offset :offset limit :limit";
        Query page = em.createNativeQuery(sql, type);
        bind(page, sql);
        page.setParameter("offset", offset).setParameter("limit", limit);
        @SuppressWarnings("unchecked")
        List<T> items = page.getResultList();
        return new Result<>(items, total);
    }

    /** Binds the parameters the statement names (a parameter only the order uses is not bound to the count). */
    private void bind(Query query, String sql) {
        params.forEach((name, value) -> {
            if (Pattern.compile("(?<!:):" + name + "(?!\\w)").matcher(sql).find()) {
                query.setParameter(name, value);
            }
        });
    }
}
