package org.opennrtd.indicators.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.hibernate.FlushMode;
import org.hibernate.Session;
import org.hibernate.jpa.HibernateHints;
import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.indicators.entity.NationalIndicatorEntity;
import org.opennrtd.indicators.entity.ObservationEntity;
import org.opennrtd.indicators.observations.DimensionKey;
import org.opennrtd.indicators.observations.Period;
import org.opennrtd.indicators.observations.ProgressCalculator;

/**
 * Observations of national indicators: checked against the indicator's dimensions and the catalogue, written by
 * the indicator's writers with If-Match and audit, and queried by series (dimension codes) and time range.
 */
@ApplicationScoped
public class ObservationService {

    public static final String RESOURCE = "observation";

    @Inject
    EntityManager em;

    @Inject
    NationalIndicatorService indicators;

    @Inject
    DimensionService dimensions;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    public record Draft(String period, Double value, Map<String, String> dimensions, String status, String source,
            String note) {
    }

    /** Which series: exact codes (others total), or these codes among possibly more. */
    public record SeriesFilter(SortedMap<String, String> codes, boolean anyOther) {
    }

    public record Page(List<ObservationEntity> items, long total) {
    }

    public record ProgressView(NationalIndicatorEntity indicator, SortedMap<String, String> dimensions,
            ObservationEntity latest, ProgressCalculator.Result result) {
    }

    /** An indicator with the progress of its total series and the latest observation of each of its series. */
    public record IndicatorProgress(NationalIndicatorEntity indicator, ProgressView progress,
            List<ObservationEntity> latestValues) {
    }

    public record IndicatorProgressPage(List<IndicatorProgress> items, long total) {
    }

    /** The most indicator ids one bulk read of progress accepts. */
    public static final int MAX_INDICATOR_IDS = 100;

    /** Parses {@code DIMENSION:CODE} filters (400 when malformed or not a code of the indicator's dimensions). */
    @Transactional
    public SeriesFilter filter(NationalIndicatorEntity indicator, List<String> raw, Boolean anyOther) {
        Map<String, Set<String>> catalogue = dimensions.catalogue();
        SortedMap<String, String> codes = new TreeMap<>();
        for (String item : raw == null ? List.<String>of() : raw) {
            int colon = item.indexOf(':');
            if (colon <= 0 || colon == item.length() - 1) {
                throw ProblemException.invalidField("dimension", "'" + item + "' is not DIMENSION:CODE, such as SEX:F");
            }
            String dimension = item.substring(0, colon).strip();
            String code = item.substring(colon + 1).strip();
            if (!indicator.dimensions.contains(dimension)) {
                throw ProblemException.invalidField("dimension", "indicator " + indicator.code + " is not broken down by "
                        + dimension + "; its dimensions are " + indicator.dimensions);
            }
            if (!code.equals(DimensionKey.TOTAL) && !catalogue.get(dimension).contains(code)) {
                throw ProblemException.invalidField("dimension", dimension + " has no code " + code);
            }
            if (codes.containsKey(dimension)) {
                throw ProblemException.invalidField("dimension", dimension + " is given twice");
            }
            codes.put(dimension, code);
        }
        return new SeriesFilter(DimensionKey.normalise(codes), Boolean.TRUE.equals(anyOther));
    }

    /**
     * One page of an indicator's observations, in one read-only transaction: the indicator (404 if the caller may not
     * see it), the page, and a count only when the page does not tell the total (it is full, or empty past the first
     * page). The dimension filters are checked against the indicator's dimensions first; their codes are checked
     * against the catalogue only when no observation matches (a code that an observation carries was checked when it
     * was written, and catalogue codes are never deleted), with the same 400 as {@link #filter}.
     */
    @Transactional
    public Page series(UUID indicatorId, List<String> dimension, Boolean anyOther, LocalDate from, LocalDate to,
            String status, int offset, int limit) {
        readOnlyTransaction();
        NationalIndicatorEntity indicator = indicators.get(indicatorId);
        SeriesFilter filter = quickFilter(indicator, dimension, anyOther);
        if (filter == null) {
            filter = filter(indicator, dimension, anyOther);
        }
        StringBuilder where = new StringBuilder(" where indicator_id = :id");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", indicatorId);
        seriesCondition(filter, where, params);
        if (from != null) {
            where.append(" and period_end >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.append(" and period_start <= :to");
            params.put("to", to);
        }
        if (status != null) {
            where.append(" and status = :status");
            params.put("status", status);
        }
        Query select = em.createNativeQuery("select * from observation" + where
                + " order by period_start, period_end, dims_key offset :offset limit :limit", ObservationEntity.class);
        params.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        List<ObservationEntity> items = select.setParameter("offset", offset).setParameter("limit", limit).getResultList();
        if (items.isEmpty()) {
            filter(indicator, dimension, anyOther);
        }
        if (items.size() < limit && (!items.isEmpty() || offset == 0)) {
            return new Page(items, offset + items.size());
        }
        Query count = em.createNativeQuery("select count(*) from observation" + where);
        params.forEach(count::setParameter);
        return new Page(items, ((Number) count.getSingleResult()).longValue());
    }

    /**
     * The filter as {@link #filter} parses it but without reading the catalogue; null if {@link #filter} would
     * refuse it for another reason than an unknown code (so that it gives its own answer).
     */
    static SeriesFilter quickFilter(NationalIndicatorEntity indicator, List<String> raw, Boolean anyOther) {
        SortedMap<String, String> codes = new TreeMap<>();
        for (String item : raw == null ? List.<String>of() : raw) {
            int colon = item.indexOf(':');
            if (colon <= 0 || colon == item.length() - 1) {
                return null;
            }
            String dimension = item.substring(0, colon).strip();
            String code = item.substring(colon + 1).strip();
            if (!indicator.dimensions.contains(dimension) || codes.containsKey(dimension)) {
                return null;
            }
            codes.put(dimension, code);
        }
        return new SeriesFilter(DimensionKey.normalise(codes), Boolean.TRUE.equals(anyOther));
    }

    /**
     * Makes the current transaction's session read-only with manual flush: nothing it loads is snapshotted for dirty
     * checking and nothing is flushed at commit. Only for transactions that serve a read and write nothing.
     */
    private void readOnlyTransaction() {
        Session session = em.unwrap(Session.class);
        session.setDefaultReadOnly(true);
        session.setHibernateFlushMode(FlushMode.MANUAL);
    }

    /**
     * Every observation matching, in period order, for export: read through a server-side cursor {@code fetchSize}
     * rows at a time, so they are not all held at once. Within the caller's transaction, which outlasts the stream;
     * the caller closes the stream, and detaches the rows it is done with.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Stream<ObservationEntity> all(UUID indicatorId, SeriesFilter filter, LocalDate from, LocalDate to,
            int fetchSize) {
        StringBuilder where = new StringBuilder(" where indicator_id = :id");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", indicatorId);
        seriesCondition(filter, where, params);
        if (from != null) {
            where.append(" and period_end >= :from");
            params.put("from", from);
        }
        if (to != null) {
            where.append(" and period_start <= :to");
            params.put("to", to);
        }
        Query select = em.createNativeQuery("select * from observation" + where
                + " order by period_start, period_end, dims_key", ObservationEntity.class);
        params.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        Stream<ObservationEntity> rows = select.setHint(HibernateHints.HINT_FETCH_SIZE, fetchSize)
                .setHint(HibernateHints.HINT_READ_ONLY, true).getResultStream();
        return rows;
    }

    /** The latest observation of each series, the total series first. */
    @Transactional
    public Page latest(UUID indicatorId, SeriesFilter filter, int offset, int limit) {
        StringBuilder where = new StringBuilder(" where indicator_id = :id");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", indicatorId);
        seriesCondition(filter, where, params);
        Query count = em.createNativeQuery("select count(distinct dims_key) from observation" + where);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        if (total <= offset) {
            return new Page(List.of(), total);
        }
        Query select = em.createNativeQuery("select * from (select distinct on (dims_key) * from observation" + where
                + " order by dims_key, period_end desc, period_start desc) l order by dims_key offset :offset limit :limit",
                ObservationEntity.class);
        params.forEach(select::setParameter);
        @SuppressWarnings("unchecked")
        List<ObservationEntity> items = select.setParameter("offset", offset).setParameter("limit", limit).getResultList();
        return new Page(items, total);
    }

    @Transactional
    public ProgressView progress(NationalIndicatorEntity indicator, SeriesFilter filter) {
        String key = DimensionKey.key(filter.codes());
        @SuppressWarnings("unchecked")
        List<ObservationEntity> recent = em.createNativeQuery("select * from observation where indicator_id = ?1"
                        + " and dims_key = ?2 order by period_end desc, period_start desc limit ?3", ObservationEntity.class)
                .setParameter(1, indicator.id).setParameter(2, key)
                .setParameter(3, ProgressCalculator.TREND_POINTS).getResultList();
        return progressOf(indicator, filter.codes(), recent);
    }

    /**
     * The progress of one series from its most recent observations: the single computation behind the
     * one-indicator read and the bulk read.
     *
     * @param recent the series' last (up to {@link ProgressCalculator#TREND_POINTS}) observations, newest first, in
     *     the order {@code period_end desc, period_start desc}
     */
    static ProgressView progressOf(NationalIndicatorEntity indicator, SortedMap<String, String> codes,
            List<ObservationEntity> recent) {
        List<ProgressCalculator.Point> points = new ArrayList<>();
        for (int i = recent.size() - 1; i >= 0; i--) {
            ObservationEntity o = recent.get(i);
            points.add(new ProgressCalculator.Point(o.periodStart, o.periodEnd, o.value));
        }
        ProgressCalculator.Result result = ProgressCalculator.compute(indicator.baselineValue, indicator.baselineDate,
                indicator.targetValue, indicator.targetDate, points);
        return new ProgressView(indicator, codes, recent.isEmpty() ? null : recent.get(0), result);
    }

    /**
     * One page of a country's national indicators (all, or those of {@code ids} that belong to it), each with the
     * progress of its total series and the latest observation of every series, in four queries whatever the page
     * size: count, page of indicators, their recent total-series observations, their latest value per series.
     * Another country than the caller's is a 403, as for the country's list of indicators.
     */
    @Transactional
    public IndicatorProgressPage progressOfCountry(String country, List<UUID> ids, int offset, int limit) {
        if (ids != null && ids.size() > MAX_INDICATOR_IDS) {
            throw ProblemException.invalidField("indicatorId", "at most " + MAX_INDICATOR_IDS
                    + " indicator ids in one read; " + ids.size() + " were given");
        }
        caller.countryScope(country);
        boolean filtered = ids != null && !ids.isEmpty();
        String where = " where country = :country" + (filtered ? " and id in (:ids)" : "");
        Query count = em.createNativeQuery("select count(*) from national_indicator" + where)
                .setParameter("country", country);
        Query select = em.createNativeQuery("select * from national_indicator" + where
                + " order by code, id offset :offset limit :limit", NationalIndicatorEntity.class)
                .setParameter("country", country);
        if (filtered) {
            List<UUID> distinct = List.copyOf(new LinkedHashSet<>(ids));
            count.setParameter("ids", distinct);
            select.setParameter("ids", distinct);
        }
        long total = ((Number) count.getSingleResult()).longValue();
        if (total <= offset) {
            return new IndicatorProgressPage(List.of(), total);
        }
        @SuppressWarnings("unchecked")
        List<NationalIndicatorEntity> page = select.setParameter("offset", offset).setParameter("limit", limit)
                .getResultList();
        List<UUID> pageIds = page.stream().map(i -> i.id).toList();

        @SuppressWarnings("unchecked")
        List<ObservationEntity> recentTotals = em.createNativeQuery("select * from (select o.*, row_number() over"
                        + " (partition by o.indicator_id order by o.period_end desc, o.period_start desc) as rn"
                        + " from observation o where o.indicator_id in (:ids) and o.dims_key = '') r where rn <= :points"
                        + " order by indicator_id, period_end desc, period_start desc", ObservationEntity.class)
                .setParameter("ids", pageIds).setParameter("points", ProgressCalculator.TREND_POINTS).getResultList();
        Map<UUID, List<ObservationEntity>> recentByIndicator = new LinkedHashMap<>();
        recentTotals.forEach(o -> recentByIndicator.computeIfAbsent(o.indicatorId, k -> new ArrayList<>()).add(o));

        @SuppressWarnings("unchecked")
        List<ObservationEntity> latest = em.createNativeQuery("select distinct on (indicator_id, dims_key) * from"
                        + " observation where indicator_id in (:ids)"
                        + " order by indicator_id, dims_key, period_end desc, period_start desc", ObservationEntity.class)
                .setParameter("ids", pageIds).getResultList();
        Map<UUID, List<ObservationEntity>> latestByIndicator = new LinkedHashMap<>();
        latest.forEach(o -> latestByIndicator.computeIfAbsent(o.indicatorId, k -> new ArrayList<>()).add(o));

        List<IndicatorProgress> items = new ArrayList<>();
        for (NationalIndicatorEntity indicator : page) {
            items.add(new IndicatorProgress(indicator,
                    progressOf(indicator, new TreeMap<>(), recentByIndicator.getOrDefault(indicator.id, List.of())),
                    latestByIndicator.getOrDefault(indicator.id, List.of())));
        }
        return new IndicatorProgressPage(items, total);
    }

    @Transactional
    public ObservationEntity create(UUID indicatorId, Draft draft) {
        NationalIndicatorEntity indicator = indicators.get(indicatorId);
        indicators.requireObservationWrite(indicator);
        ObservationEntity o = new ObservationEntity();
        o.id = UUID.randomUUID();
        o.indicatorId = indicator.id;
        apply(o, checked(indicator, draft));
        if (exists(o, null)) {
            throw ProblemException.conflict("Indicator " + indicator.code + " already has an observation for "
                    + o.period + (o.dimsKey.isEmpty() ? " (total)" : " and " + o.dimsKey) + "; update that one instead.");
        }
        o.createdAt = NationalIndicatorService.now();
        o.updatedAt = o.createdAt;
        em.persist(o);
        em.flush();
        audit.record(RESOURCE, o.id, "CREATE", null, snapshot(o));
        return o;
    }

    @Transactional
    public ObservationEntity get(UUID indicatorId, UUID observationId) {
        indicators.get(indicatorId);
        ObservationEntity o = em.find(ObservationEntity.class, observationId);
        if (o == null || !o.indicatorId.equals(indicatorId)) {
            throw ProblemException.notFound("observation", observationId);
        }
        return o;
    }

    /**
     * An observation's recorded changes, also after its deletion. Whoever may read the indicator reads them; an
     * observation that is not, and was not, one of the indicator's answers 404, as the indicator of another country.
     */
    @Transactional
    public AuditHistory history(UUID indicatorId, UUID observationId, int offset, int limit) {
        indicators.get(indicatorId);
        ObservationEntity o = em.find(ObservationEntity.class, observationId);
        boolean ours = o != null ? o.indicatorId.equals(indicatorId) : recordedUnder(indicatorId, observationId);
        if (!ours) {
            throw ProblemException.notFound("observation", observationId);
        }
        return audit.history(RESOURCE, observationId, offset, limit);
    }

    /** Whether the audit trail holds a state of the (deleted) observation that names the indicator as its own. */
    private boolean recordedUnder(UUID indicatorId, UUID observationId) {
        return !em.createNativeQuery("select 1 from audit_event where resource_type = ?1 and resource_id = ?2"
                        + " and coalesce(after_state, before_state) ->> 'indicatorId' = ?3 limit 1")
                .setParameter(1, RESOURCE).setParameter(2, observationId).setParameter(3, indicatorId.toString())
                .getResultList().isEmpty();
    }

    @Transactional
    public ObservationEntity update(UUID indicatorId, UUID observationId, Draft draft, String ifMatch) {
        NationalIndicatorEntity indicator = indicators.get(indicatorId);
        indicators.requireObservationWrite(indicator);
        ObservationEntity o = get(indicatorId, observationId);
        EntityTags.requireMatch(ifMatch, o.version);
        Map<String, Object> before = snapshot(o);
        ObservationEntity probe = new ObservationEntity();
        apply(probe, checked(indicator, draft));
        probe.indicatorId = indicatorId;
        if (exists(probe, o.id)) {
            throw ProblemException.conflict("Indicator " + indicator.code + " already has another observation for "
                    + probe.period + (probe.dimsKey.isEmpty() ? " (total)" : " and " + probe.dimsKey) + ".");
        }
        apply(o, checked(indicator, draft));
        Map<String, Object> after = snapshot(o);
        if (!before.equals(after)) {
            o.updatedAt = NationalIndicatorService.now();
            em.flush();
            audit.record(RESOURCE, o.id, "UPDATE", before, after);
        }
        return o;
    }

    @Transactional
    public void delete(UUID indicatorId, UUID observationId, String ifMatch) {
        NationalIndicatorEntity indicator = indicators.get(indicatorId);
        indicators.requireObservationWrite(indicator);
        ObservationEntity o = get(indicatorId, observationId);
        EntityTags.requireMatch(ifMatch, o.version);
        audit.record(RESOURCE, o.id, "DELETE", snapshot(o), null);
        em.remove(o);
    }

    private boolean exists(ObservationEntity o, UUID except) {
        return !em.createNativeQuery("select 1 from observation where indicator_id = ?1 and dims_key = ?2"
                        + " and period_start = ?3 and period_end = ?4 and id <> ?5")
                .setParameter(1, o.indicatorId).setParameter(2, o.dimsKey).setParameter(3, o.periodStart)
                .setParameter(4, o.periodEnd).setParameter(5, except == null ? new UUID(0, 0) : except)
                .getResultList().isEmpty();
    }

    private record Checked(Period period, double value, SortedMap<String, String> codes, String status, String source,
            String note) {
    }

    private Checked checked(NationalIndicatorEntity indicator, Draft d) {
        List<FieldViolation> violations = new ArrayList<>();
        Period period = Period.parse(d.period()).orElse(null);
        if (period == null) {
            violations.add(new FieldViolation("body.period", "'" + d.period() + "' is not a year, quarter, month, day"
                    + " or range of days (2023, 2023-Q2, 2023-04, 2023-04-15, 2023-01-01/2023-06-30)"));
        }
        if (d.value() == null || d.value().isNaN() || d.value().isInfinite()) {
            violations.add(new FieldViolation("body.value", "must be a finite number"));
        }
        Map<String, Set<String>> catalogue = dimensions.catalogue();
        SortedMap<String, String> codes = DimensionKey.normalise(d.dimensions());
        codes.forEach((dimension, code) -> {
            if (!indicator.dimensions.contains(dimension)) {
                violations.add(new FieldViolation("body.dimensions." + dimension, "indicator " + indicator.code
                        + " is not broken down by " + dimension + "; its dimensions are " + indicator.dimensions));
            } else if (!catalogue.get(dimension).contains(code)) {
                violations.add(new FieldViolation("body.dimensions." + dimension, dimension + " has no code " + code));
            }
        });
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The observation is not valid for indicator " + indicator.code + ".",
                    violations);
        }
        return new Checked(period, d.value(), codes, d.status() == null ? "FINAL" : d.status(), blankToNull(d.source()),
                blankToNull(d.note()));
    }

    private static void apply(ObservationEntity o, Checked c) {
        o.period = c.period().text();
        o.periodStart = c.period().start();
        o.periodEnd = c.period().end();
        o.dimsKey = DimensionKey.key(c.codes());
        o.dims = DimensionKey.json(c.codes());
        o.value = c.value();
        o.status = c.status();
        o.source = c.source();
        o.note = c.note();
    }

    private static void seriesCondition(SeriesFilter filter, StringBuilder where, Map<String, Object> params) {
        if (filter.anyOther()) {
            if (!filter.codes().isEmpty()) {
                where.append(" and dims @> cast(:dims as jsonb)");
                params.put("dims", DimensionKey.json(filter.codes()));
            }
        } else {
            where.append(" and dims_key = :key");
            params.put("key", DimensionKey.key(filter.codes()));
        }
    }

    static Map<String, Object> snapshot(ObservationEntity o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("indicatorId", o.indicatorId.toString());
        m.put("period", o.period);
        m.put("dimensions", o.dimsKey);
        m.put("value", o.value);
        m.put("status", o.status);
        m.put("source", o.source);
        m.put("note", o.note);
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
