package org.opennrtd.indicators.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Queries over the SDG framework, labelled in one language. Each item takes the requested language's label when
 * there is one and the English one otherwise, and says which it took. Values are always bound as parameters.
 */
@ApplicationScoped
public class SdgFrameworkRepository {

    @Inject
    EntityManager em;

    public record Goal(int code, String title, String shortTitle, String language, int targetCount, int indicatorCount) {
    }

    public record Target(String code, int goal, String title, String language, int indicatorCount) {
    }

    public record Indicator(String code, int goal, String target, String title, String language) {
    }

    public record Page<T>(List<T> items, long total) {
    }

    public record Counts(long goals, long targets, long indicators) {
    }

    /** The filters of an indicator search, already validated; null means "no filter". */
    public record IndicatorQuery(Integer goal, String target, String q, String language, int offset, int limit) {
    }

    private static final String GOALS = "select g.code, coalesce(l.title, e.title), coalesce(l.short_title, e.short_title),"
            + " case when l.goal_code is null then 'en' else l.language end,"
            + " (select count(*) from sdg_target t where t.goal_code = g.code),"
            + " (select count(*) from sdg_indicator i where i.goal_code = g.code)"
            + " from sdg_goal g join sdg_goal_label e on e.goal_code = g.code and e.language = 'en'"
            + " left join sdg_goal_label l on l.goal_code = g.code and l.language = :lang";

    private static final String TARGETS = "select t.code, t.goal_code, coalesce(l.title, e.title),"
            + " case when l.target_code is null then 'en' else l.language end,"
            + " (select count(*) from sdg_indicator i where i.target_code = t.code)"
            + " from sdg_target t join sdg_target_label e on e.target_code = t.code and e.language = 'en'"
            + " left join sdg_target_label l on l.target_code = t.code and l.language = :lang";

    private static final String INDICATORS = " from sdg_indicator i"
            + " join sdg_indicator_label e on e.indicator_code = i.code and e.language = 'en'"
            + " left join sdg_indicator_label l on l.indicator_code = i.code and l.language = :lang";

    public Counts counts() {
        Object[] row = (Object[]) em.createNativeQuery("select (select count(*) from sdg_goal),"
                + " (select count(*) from sdg_target), (select count(*) from sdg_indicator)").getSingleResult();
        return new Counts(number(row[0]), number(row[1]), number(row[2]));
    }

    /** The languages that label at least one item, in no particular order. */
    public List<String> languages() {
        @SuppressWarnings("unchecked")
        List<String> languages = em.createNativeQuery("select language from sdg_goal_label union"
                + " select language from sdg_target_label union select language from sdg_indicator_label").getResultList();
        return languages;
    }

    public Page<Goal> goals(String language, int offset, int limit) {
        long total = number(em.createNativeQuery("select count(*) from sdg_goal").getSingleResult());
        List<Goal> items = total <= offset ? List.of() : list(em.createNativeQuery(GOALS + " order by g.code offset :offset limit :limit")
                .setParameter("lang", language).setParameter("offset", offset).setParameter("limit", limit),
                SdgFrameworkRepository::goal);
        return new Page<>(items, total);
    }

    public Optional<Goal> goal(int code, String language) {
        return list(em.createNativeQuery(GOALS + " where g.code = :code").setParameter("lang", language)
                .setParameter("code", code), SdgFrameworkRepository::goal).stream().findFirst();
    }

    public Page<Target> targets(Integer goal, String language, int offset, int limit) {
        String where = goal == null ? "" : " where t.goal_code = :goal";
        Query count = em.createNativeQuery("select count(*) from sdg_target t" + where);
        if (goal != null) {
            count.setParameter("goal", goal);
        }
        long total = number(count.getSingleResult());
        if (total <= offset) {
            return new Page<>(List.of(), total);
        }
        Query select = em.createNativeQuery(TARGETS + where + " order by t.ordinal offset :offset limit :limit")
                .setParameter("lang", language).setParameter("offset", offset).setParameter("limit", limit);
        if (goal != null) {
            select.setParameter("goal", goal);
        }
        return new Page<>(list(select, SdgFrameworkRepository::target), total);
    }

    public Optional<Target> target(String code, String language) {
        return list(em.createNativeQuery(TARGETS + " where t.code = :code").setParameter("lang", language)
                .setParameter("code", code), SdgFrameworkRepository::target).stream().findFirst();
    }

    public Page<Indicator> indicators(IndicatorQuery query) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("lang", query.language());
        if (query.goal() != null) {
            where.add("i.goal_code = :goal");
            params.put("goal", query.goal());
        }
        if (query.target() != null) {
            where.add("i.target_code = :target");
            params.put("target", query.target());
        }
        if (query.q() != null) {
            // Every word, as a literal substring of the title in the served language (English where it falls back).
            String[] words = query.q().strip().split("\\s+");
            for (int n = 0; n < words.length; n++) {
                if (!words[n].isEmpty()) {
                    where.add("coalesce(l.title, e.title) ilike :word" + n + " escape '\\'");
                    params.put("word" + n, "%" + likeLiteral(words[n]) + "%");
                }
            }
        }
        String whereSql = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        Query count = em.createNativeQuery("select count(*)" + INDICATORS + whereSql);
        params.forEach(count::setParameter);
        long total = number(count.getSingleResult());
        if (total <= query.offset()) {
            return new Page<>(List.of(), total);
        }
        Query select = em.createNativeQuery("select i.code, i.goal_code, i.target_code, coalesce(l.title, e.title),"
                + " case when l.indicator_code is null then 'en' else l.language end" + INDICATORS + whereSql
                + " order by i.ordinal offset :offset limit :limit");
        params.forEach(select::setParameter);
        select.setParameter("offset", query.offset());
        select.setParameter("limit", query.limit());
        return new Page<>(list(select, SdgFrameworkRepository::indicator), total);
    }

    public Optional<Indicator> indicator(String code, String language) {
        return list(em.createNativeQuery("select i.code, i.goal_code, i.target_code, coalesce(l.title, e.title),"
                        + " case when l.indicator_code is null then 'en' else l.language end" + INDICATORS
                        + " where i.code = :code").setParameter("lang", language).setParameter("code", code),
                SdgFrameworkRepository::indicator).stream().findFirst();
    }

    private static Goal goal(Object[] r) {
        return new Goal(((Number) r[0]).intValue(), (String) r[1], (String) r[2], (String) r[3],
                ((Number) r[4]).intValue(), ((Number) r[5]).intValue());
    }

    private static Target target(Object[] r) {
        return new Target((String) r[0], ((Number) r[1]).intValue(), (String) r[2], (String) r[3], ((Number) r[4]).intValue());
    }

    private static Indicator indicator(Object[] r) {
        return new Indicator((String) r[0], ((Number) r[1]).intValue(), (String) r[2], (String) r[3], (String) r[4]);
    }

    private static <T> List<T> list(Query query, Function<Object[], T> mapper) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(mapper).toList();
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    /** The text matched literally by LIKE: its wildcards and the escape character are escaped. */
    static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** The codes among {@code codes} that {@code table} (sdg_indicator or sdg_target, never caller input) lacks. */
    public List<String> missing(String table, List<String> codes) {
        if (codes.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<String> missing = em.createNativeQuery("select c from unnest(cast(?1 as text[])) c where not exists"
                + " (select 1 from " + table + " t where t.code = c)").setParameter(1, codes.toArray(String[]::new))
                .getResultList();
        return missing;
    }
}
