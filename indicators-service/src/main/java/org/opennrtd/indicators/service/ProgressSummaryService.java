package org.opennrtd.indicators.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Date;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.opennrtd.common.security.Caller;
import org.opennrtd.indicators.entity.NationalIndicatorEntity;
import org.opennrtd.indicators.observations.ProgressCalculator;
import org.opennrtd.indicators.observations.ProgressCalculator.Status;

/**
 * A country's progress grouped by SDG goal and by right. Each indicator's progress is that of its total series,
 * computed from the last observations of every indicator of the country in one query.
 */
@ApplicationScoped
public class ProgressSummaryService {

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    public static final class Group {
        public final String code;
        public String title;
        public int indicators;
        public int withData;
        public double progressSum;
        public final Map<Status, Integer> byStatus = new HashMap<>();
        public int improving;
        public int worsening;

        Group(String code) {
            this.code = code;
        }

        public Double meanProgress() {
            return withData == 0 ? null : progressSum / withData;
        }

        public int count(Status s) {
            return byStatus.getOrDefault(s, 0);
        }
    }

    @Transactional
    public List<Group> bySdgGoal(String country) {
        caller.countryScope(country);
        Map<String, Group> groups = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        summarise(country, groups, i -> {
            Set<String> goals = new TreeSet<>();
            i.sdgIndicators.forEach(c -> goals.add(c.substring(0, c.indexOf('.'))));
            i.sdgTargets.forEach(c -> goals.add(c.substring(0, c.indexOf('.'))));
            return goals;
        });
        if (!groups.isEmpty()) {
            for (Object o : em.createNativeQuery("select cast(goal_code as text), short_title from sdg_goal_label"
                    + " where language = 'en'").getResultList()) {
                Object[] r = (Object[]) o;
                Group g = groups.get((String) r[0]);
                if (g != null) {
                    g.title = (String) r[1];
                }
            }
        }
        return new ArrayList<>(groups.values());
    }

    @Transactional
    public List<Group> byRight(String country) {
        caller.countryScope(country);
        Map<String, String> rightOfAttribute = new HashMap<>();
        for (Object o : em.createNativeQuery("select code, right_code from hr_attribute").getResultList()) {
            Object[] r = (Object[]) o;
            rightOfAttribute.put((String) r[0], (String) r[1]);
        }
        Map<String, String> rightOfIndicator = new HashMap<>();
        for (Object o : em.createNativeQuery("select i.code, a.right_code from hr_indicator i join hr_attribute a"
                + " on a.code = i.attribute_code").getResultList()) {
            Object[] r = (Object[]) o;
            rightOfIndicator.put((String) r[0], (String) r[1]);
        }
        Map<String, Group> groups = new TreeMap<>();
        summarise(country, groups, i -> {
            Set<String> rights = new TreeSet<>(i.rights);
            i.rightAttributes.forEach(a -> rights.add(rightOfAttribute.get(a)));
            i.hrIndicators.forEach(h -> rights.add(rightOfIndicator.get(h)));
            return rights;
        });
        if (!groups.isEmpty()) {
            for (Object o : em.createNativeQuery("select code, name from hr_right").getResultList()) {
                Object[] r = (Object[]) o;
                Group g = groups.get((String) r[0]);
                if (g != null) {
                    g.title = (String) r[1];
                }
            }
        }
        return new ArrayList<>(groups.values());
    }

    private void summarise(String country, Map<String, Group> groups,
            java.util.function.Function<NationalIndicatorEntity, Set<String>> keys) {
        List<NationalIndicatorEntity> indicators = em.createQuery("select n from NationalIndicatorEntity n"
                + " where n.country = :c", NationalIndicatorEntity.class).setParameter("c", country).getResultList();
        Map<UUID, List<ProgressCalculator.Point>> points = new HashMap<>();
        for (Object o : em.createNativeQuery("select indicator_id, period_start, period_end, value from ("
                        + " select o.indicator_id, o.period_start, o.period_end, o.value, row_number() over (partition by"
                        + " o.indicator_id order by o.period_end desc, o.period_start desc) as rn from observation o"
                        + " join national_indicator n on n.id = o.indicator_id where n.country = ?1 and o.dims_key = '')"
                        + " x where rn <= ?2 order by indicator_id, period_end, period_start")
                .setParameter(1, country).setParameter(2, ProgressCalculator.TREND_POINTS).getResultList()) {
            Object[] r = (Object[]) o;
            points.computeIfAbsent((UUID) r[0], k -> new ArrayList<>()).add(new ProgressCalculator.Point(
                    date(r[1]), date(r[2]), ((Number) r[3]).doubleValue()));
        }
        for (NationalIndicatorEntity i : indicators) {
            Set<String> codes = keys.apply(i);
            if (codes.isEmpty()) {
                continue;
            }
            ProgressCalculator.Result result = ProgressCalculator.compute(i.baselineValue, i.baselineDate, i.targetValue,
                    i.targetDate, points.getOrDefault(i.id, List.of()));
            for (String code : codes) {
                Group g = groups.computeIfAbsent(code, Group::new);
                g.indicators++;
                g.byStatus.merge(result.status(), 1, Integer::sum);
                if (result.progress() != null) {
                    g.withData++;
                    g.progressSum += result.progress();
                }
                if (Boolean.TRUE.equals(result.trend().improving())) {
                    g.improving++;
                } else if (Boolean.FALSE.equals(result.trend().improving()) && result.trend().observationsUsed() >= 2) {
                    g.worsening++;
                }
            }
        }
    }

    private static java.time.LocalDate date(Object o) {
        return o instanceof Date d ? d.toLocalDate() : (java.time.LocalDate) o;
    }
}
