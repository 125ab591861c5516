package org.opennrtd.indicators.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.http.SortOrder;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.common.security.Roles;
import org.opennrtd.indicators.entity.NationalIndicatorEntity;
import org.opennrtd.indicators.repository.HumanRightsRepository;

/**
 * National indicators: who sees which country, who writes them, the links that must exist, audited changes.
 * Writers of the definition are administrators and the country's coordinators; writers of observations are those
 * and the indicator's data providers (focal points of the provider institution).
 */
@ApplicationScoped
public class NationalIndicatorService {

    public static final String RESOURCE = "national-indicator";

    @Inject
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    SdgFrameworkService sdg;

    @Inject
    HumanRightsRepository rights;

    @Inject
    DimensionService dimensions;

    /** The fields a caller sets. */
    public record Draft(String code, String country, String name, String definition, String unit,
            String computationMethod, String providerInstitution, String providerName, String periodicity,
            List<String> dimensions, List<String> sdgIndicators, List<String> sdgTargets, List<String> rights,
            List<String> rightAttributes, List<String> hrIndicators, List<UUID> recommendationIds,
            List<UUID> actionIds, Double baselineValue, LocalDate baselineDate, Double targetValue,
            LocalDate targetDate) {
    }

    public record Search(Optional<String> country, String q, String sdgIndicator, String sdgTarget, String right,
            UUID recommendationId, String sort, int offset, int limit) {
    }

    public record Page(List<NationalIndicatorEntity> items, long total) {
    }

    private static final Map<String, String> SORTABLE = Map.of("code", "code", "name", "name", "createdAt",
            "created_at", "updatedAt", "updated_at");

    @Transactional
    public NationalIndicatorEntity get(UUID id) {
        NationalIndicatorEntity entity = em.find(NationalIndicatorEntity.class, id);
        if (entity == null || !caller.maySeeCountry(entity.country)) {
            // Another country's indicator is not revealed.
            throw ProblemException.notFound("national indicator", id);
        }
        return entity;
    }

    @Transactional
    public Page search(Search s) {
        StringBuilder where = new StringBuilder(" where true");
        Map<String, Object> params = new LinkedHashMap<>();
        s.country().ifPresent(c -> {
            where.append(" and country = :country");
            params.put("country", c);
        });
        if (s.q() != null && !s.q().isBlank()) {
            int i = 0;
            for (String word : s.q().strip().split("\\s+")) {
                where.append(" and (name || ' ' || code || ' ' || coalesce(definition, '')) ilike :q").append(i);
                params.put("q" + i++, "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
        }
        if (s.sdgIndicator() != null) {
            where.append(" and cast(:sdgIndicator as text) = any(sdg_indicators)");
            params.put("sdgIndicator", s.sdgIndicator());
        }
        if (s.sdgTarget() != null) {
            where.append(" and (cast(:sdgTarget as text) = any(sdg_targets) or exists (select 1 from unnest(sdg_indicators) i"
                    + " join sdg_indicator si on si.code = i where si.target_code = :sdgTarget))");
            params.put("sdgTarget", s.sdgTarget());
        }
        if (s.right() != null) {
            where.append(" and (cast(:right as text) = any(rights) or exists (select 1 from unnest(right_attributes) a"
                    + " join hr_attribute ha on ha.code = a where ha.right_code = :right))");
            params.put("right", s.right());
        }
        if (s.recommendationId() != null) {
            where.append(" and cast(:rec as uuid) = any(recommendation_ids)");
            params.put("rec", s.recommendationId());
        }
        String order = SortOrder.toSql(s.sort(), SORTABLE, "code", "id");
        Query count = em.createNativeQuery("select count(*) from national_indicator" + where);
        Query select = em.createNativeQuery("select * from national_indicator" + where + " order by " + order
                + " offset :offset limit :limit", NationalIndicatorEntity.class);
        params.forEach((k, v) -> {
            count.setParameter(k, v);
            select.setParameter(k, v);
        });
        long total = ((Number) count.getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<NationalIndicatorEntity> items = total <= s.offset() ? List.of()
                : select.setParameter("offset", s.offset()).setParameter("limit", s.limit()).getResultList();
        return new Page(items, total);
    }

    @Transactional
    public NationalIndicatorEntity create(Draft draft) {
        caller.requireWriteAccessTo(draft.country());
        Draft d = checked(draft, null);
        if (codeTaken(d.country(), d.code())) {
            throw ProblemException.conflict(d.country() + " already has a national indicator " + d.code() + ".");
        }
        NationalIndicatorEntity e = new NationalIndicatorEntity();
        e.id = UUID.randomUUID();
        e.country = d.country();
        e.code = d.code();
        apply(e, d);
        e.createdAt = now();
        e.updatedAt = e.createdAt;
        em.persist(e);
        em.flush();
        audit.record(RESOURCE, e.id, "CREATE", null, snapshot(e));
        return e;
    }

    @Transactional
    public NationalIndicatorEntity update(UUID id, Draft draft, String ifMatch) {
        NationalIndicatorEntity e = get(id);
        caller.requireWriteAccessTo(e.country);
        EntityTags.requireMatch(ifMatch, e.version);
        if (!e.country.equals(draft.country()) || !e.code.equals(draft.code())) {
            throw ProblemException.conflict("The country and code of a national indicator cannot change (they are "
                    + e.country + " and " + e.code + ").");
        }
        Draft d = checked(draft, e);
        Map<String, Object> before = snapshot(e);
        apply(e, d);
        Map<String, Object> after = snapshot(e);
        if (before.equals(after)) {
            return e;
        }
        e.updatedAt = now();
        em.flush();
        audit.record(RESOURCE, e.id, "UPDATE", before, after);
        return e;
    }

    @Transactional
    public AuditHistory history(UUID id, int offset, int limit) {
        get(id);
        return audit.history(RESOURCE, id, offset, limit);
    }

    /** Only administrators, the country's coordinators and the indicator's data providers write its observations. */
    public void requireObservationWrite(NationalIndicatorEntity indicator) {
        if (caller.hasRole(Roles.ADMIN)) {
            return;
        }
        boolean ownCountry = caller.country().map(c -> c.equals(indicator.country)).orElse(false);
        if (caller.hasRole(Roles.COORDINATOR) && ownCountry) {
            return;
        }
        if (caller.hasRole(Roles.FOCAL_POINT) && ownCountry
                && caller.institution().map(i -> i.equals(indicator.providerInstitution)).orElse(false)) {
            return;
        }
        throw ProblemException.forbidden("Only administrators, coordinators of " + indicator.country
                + " and focal points of its data provider (" + indicator.providerInstitution
                + ") write observations of indicator " + indicator.code + ".");
    }

    private boolean codeTaken(String country, String code) {
        return !em.createNativeQuery("select 1 from national_indicator where country = ?1 and code = ?2")
                .setParameter(1, country).setParameter(2, code).getResultList().isEmpty();
    }

    /** The draft with lists de-duplicated, after checking every link exists (422 otherwise). */
    private Draft checked(Draft d, NationalIndicatorEntity existing) {
        List<FieldViolation> violations = new ArrayList<>();
        List<String> dims = distinct(d.dimensions());
        Map<String, java.util.Set<String>> catalogue = dimensions.catalogue();
        dims.stream().filter(x -> !catalogue.containsKey(x))
                .forEach(x -> violations.add(new FieldViolation("body.dimensions", "no dimension " + x + " in the catalogue")));
        List<String> sdgIndicators = distinct(d.sdgIndicators());
        sdg.missingIndicators(sdgIndicators)
                .forEach(x -> violations.add(new FieldViolation("body.sdgIndicators", x + " is not a global SDG indicator")));
        List<String> sdgTargets = distinct(d.sdgTargets());
        sdg.missingTargets(sdgTargets)
                .forEach(x -> violations.add(new FieldViolation("body.sdgTargets", x + " is not an SDG target")));
        List<String> rightCodes = distinct(d.rights());
        rights.missing("hr_right", rightCodes)
                .forEach(x -> violations.add(new FieldViolation("body.rights", "no right " + x + " in the framework")));
        List<String> attributes = distinct(d.rightAttributes());
        rights.missing("hr_attribute", attributes).forEach(x -> violations.add(
                new FieldViolation("body.rightAttributes", "no attribute " + x + " in the framework")));
        List<String> hr = distinct(d.hrIndicators());
        rights.missing("hr_indicator", hr).forEach(x -> violations.add(
                new FieldViolation("body.humanRightsIndicators", "no human-rights indicator " + x + " in the framework")));
        if (d.baselineValue() != null && d.targetValue() != null) {
            if (d.baselineValue().equals(d.targetValue())) {
                violations.add(new FieldViolation("body.target.value", "must differ from the baseline value, so that"
                        + " progress has a direction"));
            }
            if (!d.targetDate().isAfter(d.baselineDate())) {
                violations.add(new FieldViolation("body.target.date", "must be after the baseline date"));
            }
        }
        for (Double v : new Double[] {d.baselineValue(), d.targetValue()}) {
            if (v != null && (v.isNaN() || v.isInfinite())) {
                violations.add(new FieldViolation("body", "baseline and target values must be finite numbers"));
            }
        }
        if (existing != null) {
            List<String> used = usedDimensions(existing.id);
            used.stream().filter(u -> !dims.contains(u)).findFirst().ifPresent(u -> {
                throw ProblemException.conflict("Observations of this indicator are broken down by " + u
                        + "; it cannot be removed from its dimensions.");
            });
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The indicator refers to codes that do not exist or is inconsistent.",
                    violations);
        }
        return new Draft(d.code(), d.country(), d.name().strip(), blankToNull(d.definition()), d.unit().strip(),
                blankToNull(d.computationMethod()), d.providerInstitution().strip(), d.providerName().strip(),
                d.periodicity(), dims, sdgIndicators, sdgTargets, rightCodes, attributes, hr,
                d.recommendationIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(d.recommendationIds())),
                d.actionIds() == null ? List.of() : List.copyOf(new LinkedHashSet<>(d.actionIds())),
                d.baselineValue(), d.baselineDate(), d.targetValue(), d.targetDate());
    }

    @SuppressWarnings("unchecked")
    private List<String> usedDimensions(UUID indicatorId) {
        return em.createNativeQuery("select distinct jsonb_object_keys(dims) from observation where indicator_id = ?1")
                .setParameter(1, indicatorId).getResultList();
    }

    private static void apply(NationalIndicatorEntity e, Draft d) {
        e.name = d.name();
        e.definition = d.definition();
        e.unit = d.unit();
        e.computationMethod = d.computationMethod();
        e.providerInstitution = d.providerInstitution();
        e.providerName = d.providerName();
        e.periodicity = d.periodicity();
        e.dimensions = new ArrayList<>(d.dimensions());
        e.sdgIndicators = new ArrayList<>(d.sdgIndicators());
        e.sdgTargets = new ArrayList<>(d.sdgTargets());
        e.rights = new ArrayList<>(d.rights());
        e.rightAttributes = new ArrayList<>(d.rightAttributes());
        e.hrIndicators = new ArrayList<>(d.hrIndicators());
        e.recommendationIds = new ArrayList<>(d.recommendationIds());
        e.actionIds = new ArrayList<>(d.actionIds());
        e.baselineValue = d.baselineValue();
        e.baselineDate = d.baselineDate();
        e.targetValue = d.targetValue();
        e.targetDate = d.targetDate();
    }

    static Map<String, Object> snapshot(NationalIndicatorEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", e.code);
        m.put("countryCode", e.country);
        m.put("name", e.name);
        m.put("definition", e.definition);
        m.put("unit", e.unit);
        m.put("computationMethod", e.computationMethod);
        m.put("dataProvider", Map.of("institution", e.providerInstitution, "name", e.providerName));
        m.put("periodicity", e.periodicity);
        m.put("dimensions", List.copyOf(e.dimensions));
        m.put("sdgIndicators", List.copyOf(e.sdgIndicators));
        m.put("sdgTargets", List.copyOf(e.sdgTargets));
        m.put("rights", List.copyOf(e.rights));
        m.put("rightAttributes", List.copyOf(e.rightAttributes));
        m.put("humanRightsIndicators", List.copyOf(e.hrIndicators));
        m.put("recommendationIds", e.recommendationIds.stream().map(UUID::toString).toList());
        m.put("actionIds", e.actionIds.stream().map(UUID::toString).toList());
        m.put("baseline", e.baselineValue == null ? null
                : Map.of("value", e.baselineValue, "date", e.baselineDate.toString()));
        m.put("target", e.targetValue == null ? null : Map.of("value", e.targetValue, "date", e.targetDate.toString()));
        return m;
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? List.of() : List.copyOf(new LinkedHashSet<>(values));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
