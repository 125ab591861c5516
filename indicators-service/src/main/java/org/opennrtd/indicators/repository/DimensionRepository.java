package org.opennrtd.indicators.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The disaggregation catalogue. */
@ApplicationScoped
public class DimensionRepository {

    @Inject
    EntityManager em;

    public record Code(String code, String name) {
    }

    public record Dimension(String code, String name, boolean userDefined, List<Code> codes) {
    }

    public record Page(List<Dimension> items, long total) {
    }

    public Page list(int offset, int limit) {
        long total = ((Number) em.createNativeQuery("select count(*) from dimension").getSingleResult()).longValue();
        Map<String, Dimension> byCode = new LinkedHashMap<>();
        for (Object o : em.createNativeQuery("select code, name, user_defined from dimension order by code offset ?1 limit ?2")
                .setParameter(1, offset).setParameter(2, limit).getResultList()) {
            Object[] r = (Object[]) o;
            byCode.put((String) r[0], new Dimension((String) r[0], (String) r[1], (Boolean) r[2], new ArrayList<>()));
        }
        fillCodes(byCode);
        return new Page(new ArrayList<>(byCode.values()), total);
    }

    public Optional<Dimension> find(String code) {
        Map<String, Dimension> byCode = new LinkedHashMap<>();
        for (Object o : em.createNativeQuery("select code, name, user_defined from dimension where code = ?1")
                .setParameter(1, code).getResultList()) {
            Object[] r = (Object[]) o;
            byCode.put((String) r[0], new Dimension((String) r[0], (String) r[1], (Boolean) r[2], new ArrayList<>()));
        }
        fillCodes(byCode);
        return byCode.values().stream().findFirst();
    }

    /** Every dimension with its codes ({@code _T} not included): the catalogue observations are checked against. */
    public Map<String, java.util.Set<String>> catalogue() {
        Map<String, java.util.Set<String>> out = new LinkedHashMap<>();
        for (Object o : em.createNativeQuery("select code from dimension").getResultList()) {
            out.put((String) o, new java.util.HashSet<>());
        }
        for (Object o : em.createNativeQuery("select dimension_code, code from dimension_code").getResultList()) {
            Object[] r = (Object[]) o;
            out.get((String) r[0]).add((String) r[1]);
        }
        return out;
    }

    public void insertDimension(String code, String name) {
        em.createNativeQuery("insert into dimension (code, name, user_defined) values (?1, ?2, true)")
                .setParameter(1, code).setParameter(2, name).executeUpdate();
    }

    public void insertCode(String dimension, String code, String name) {
        em.createNativeQuery("insert into dimension_code (dimension_code, code, name, ordinal) values (?1, ?2, ?3,"
                        + " (select coalesce(max(ordinal), 0) + 1 from dimension_code where dimension_code = ?1))")
                .setParameter(1, dimension).setParameter(2, code).setParameter(3, name).executeUpdate();
    }

    public boolean codeExists(String dimension, String code) {
        return !em.createNativeQuery("select 1 from dimension_code where dimension_code = ?1 and code = ?2")
                .setParameter(1, dimension).setParameter(2, code).getResultList().isEmpty();
    }

    private void fillCodes(Map<String, Dimension> byCode) {
        if (byCode.isEmpty()) {
            return;
        }
        byCode.values().forEach(d -> d.codes().add(new Code("_T", "Total")));
        for (Object o : em.createNativeQuery("select dimension_code, code, name from dimension_code"
                        + " where dimension_code = any(cast(?1 as text[])) order by dimension_code, ordinal, code")
                .setParameter(1, byCode.keySet().toArray(String[]::new)).getResultList()) {
            Object[] r = (Object[]) o;
            byCode.get((String) r[0]).codes().add(new Code((String) r[1], (String) r[2]));
        }
    }
}
