package org.opennrtd.indicators.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The human-rights framework: rights, their attributes and indicators. Values are always bound as parameters. */
@ApplicationScoped
public class HumanRightsRepository {

    @Inject
    EntityManager em;

    public record Attribute(String code, String right, String name, String origin) {
    }

    public record Right(String code, String name, String description, String origin, List<Attribute> attributes) {
    }

    public record Indicator(String code, String right, String attribute, String type, String title,
            List<String> sdgIndicators, String origin) {
    }

    public record Page<T>(List<T> items, long total) {
    }

    public Page<Right> rights(int offset, int limit) {
        long total = ((Number) em.createNativeQuery("select count(*) from hr_right").getSingleResult()).longValue();
        List<?> rows = em.createNativeQuery("select code, name, description, origin from hr_right order by code"
                + " offset ?1 limit ?2").setParameter(1, offset).setParameter(2, limit).getResultList();
        Map<String, Right> byCode = new LinkedHashMap<>();
        for (Object o : rows) {
            Object[] r = (Object[]) o;
            byCode.put((String) r[0], new Right((String) r[0], (String) r[1], (String) r[2], (String) r[3], new ArrayList<>()));
        }
        if (!byCode.isEmpty()) {
            List<?> attributes = em.createNativeQuery("select code, right_code, name, origin from hr_attribute"
                    + " where right_code = any(cast(?1 as text[])) order by right_code, code")
                    .setParameter(1, byCode.keySet().toArray(String[]::new)).getResultList();
            for (Object o : attributes) {
                Object[] a = (Object[]) o;
                byCode.get((String) a[1]).attributes().add(new Attribute((String) a[0], (String) a[1], (String) a[2], (String) a[3]));
            }
        }
        return new Page<>(new ArrayList<>(byCode.values()), total);
    }

    public Optional<Right> right(String code) {
        List<?> rows = em.createNativeQuery("select code, name, description, origin from hr_right where code = ?1")
                .setParameter(1, code).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = (Object[]) rows.get(0);
        List<Attribute> attributes = new ArrayList<>();
        for (Object o : em.createNativeQuery("select code, right_code, name, origin from hr_attribute where right_code = ?1"
                + " order by code").setParameter(1, code).getResultList()) {
            Object[] a = (Object[]) o;
            attributes.add(new Attribute((String) a[0], (String) a[1], (String) a[2], (String) a[3]));
        }
        return Optional.of(new Right((String) r[0], (String) r[1], (String) r[2], (String) r[3], attributes));
    }

    public Optional<Attribute> attribute(String code) {
        List<?> rows = em.createNativeQuery("select code, right_code, name, origin from hr_attribute where code = ?1")
                .setParameter(1, code).getResultList();
        return rows.stream().findFirst().map(o -> {
            Object[] a = (Object[]) o;
            return new Attribute((String) a[0], (String) a[1], (String) a[2], (String) a[3]);
        });
    }

    public boolean exists(String table, String code) {
        // table is one of this class's constants, never caller input
        return !em.createNativeQuery("select 1 from " + table + " where code = ?1").setParameter(1, code)
                .getResultList().isEmpty();
    }

    /** The codes among {@code codes} that the table does not hold. */
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

    public void insertRight(String code, String name, String description) {
        em.createNativeQuery("insert into hr_right (code, name, description, origin) values (?1, ?2, ?3, 'USER')")
                .setParameter(1, code).setParameter(2, name).setParameter(3, description).executeUpdate();
    }

    public void insertAttribute(String right, String code, String name) {
        em.createNativeQuery("insert into hr_attribute (code, right_code, name, origin) values (?1, ?2, ?3, 'USER')")
                .setParameter(1, code).setParameter(2, right).setParameter(3, name).executeUpdate();
    }

    public void insertIndicator(String code, String attribute, String type, String title, List<String> sdgIndicators) {
        em.createNativeQuery("insert into hr_indicator (code, attribute_code, type, title, sdg_indicators, origin)"
                        + " values (?1, ?2, ?3, ?4, cast(?5 as text[]), 'USER')")
                .setParameter(1, code).setParameter(2, attribute).setParameter(3, type).setParameter(4, title)
                .setParameter(5, sdgIndicators.toArray(String[]::new)).executeUpdate();
    }

    public Page<Indicator> indicators(String right, String attribute, String type, int offset, int limit) {
        String where = " where (cast(?1 as text) is null or a.right_code = ?1) and (cast(?2 as text) is null or"
                + " i.attribute_code = ?2) and (cast(?3 as text) is null or i.type = ?3)";
        String from = " from hr_indicator i join hr_attribute a on a.code = i.attribute_code";
        long total = ((Number) em.createNativeQuery("select count(*)" + from + where).setParameter(1, right)
                .setParameter(2, attribute).setParameter(3, type).getSingleResult()).longValue();
        List<Indicator> items = new ArrayList<>();
        for (Object o : em.createNativeQuery("select i.code, a.right_code, i.attribute_code, i.type, i.title,"
                        + " array_to_string(i.sdg_indicators, ','), i.origin" + from + where
                        + " order by a.right_code, i.attribute_code, case i.type when 'STRUCTURAL' then 1 when 'PROCESS'"
                        + " then 2 else 3 end, i.code offset ?4 limit ?5")
                .setParameter(1, right).setParameter(2, attribute).setParameter(3, type).setParameter(4, offset)
                .setParameter(5, limit).getResultList()) {
            items.add(indicator((Object[]) o));
        }
        return new Page<>(items, total);
    }

    public Optional<Indicator> indicator(String code) {
        List<?> rows = em.createNativeQuery("select i.code, a.right_code, i.attribute_code, i.type, i.title,"
                + " array_to_string(i.sdg_indicators, ','), i.origin from hr_indicator i join hr_attribute a"
                + " on a.code = i.attribute_code where i.code = ?1").setParameter(1, code).getResultList();
        return rows.stream().findFirst().map(o -> indicator((Object[]) o));
    }

    private static Indicator indicator(Object[] r) {
        String sdg = (String) r[5];
        return new Indicator((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                sdg == null || sdg.isEmpty() ? List.of() : Arrays.asList(sdg.split(",")), (String) r[6]);
    }
}
