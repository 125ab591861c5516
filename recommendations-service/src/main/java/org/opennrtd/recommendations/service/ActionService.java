package org.opennrtd.recommendations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.recommendations.entity.ActionEntity;
import org.opennrtd.recommendations.entity.MilestoneEntity;
import org.opennrtd.recommendations.events.DomainEvent;
import org.opennrtd.recommendations.events.DomainEventType;
import org.opennrtd.recommendations.repository.ActionRepository;
import org.opennrtd.recommendations.repository.InstitutionRepository;
import org.opennrtd.recommendations.repository.MilestoneRepository;

/** Implementation plans: actions and their milestones, who may change them, and when they are due. */
@ApplicationScoped
public class ActionService {

    static final String RESOURCE = "action";
    static final String MILESTONE = "milestone";

    @Inject
    ActionRepository actions;

    @Inject
    MilestoneRepository milestones;

    @Inject
    InstitutionRepository institutions;

    @Inject
    WorkflowAccess access;

    @Inject
    AuditTrail audit;

    @Inject
    Event<DomainEvent> events;

    @ConfigProperty(name = "opennrtd.follow-up.notice-days", defaultValue = "14")
    int noticeDays;

    @ConfigProperty(name = "opennrtd.follow-up.reporting-period-days", defaultValue = "90")
    int reportingPeriodDays;

    public record Budget(BigDecimal amount, String currency, String source, Boolean funded) {
    }

    public record Draft(String country, String title, String description, List<UUID> recommendationIds,
            List<UUID> clusterIds, UUID leadInstitutionId, List<UUID> supportingInstitutionIds, LocalDate startDate,
            LocalDate endDate, Budget budget, List<UUID> indicatorIds, boolean legislativeActionRequired) {
    }

    public record MilestoneDraft(String title, String description, LocalDate dueDate, MilestoneEntity.Status status,
            LocalDate achievedDate) {
    }

    /** Actions with when each one's next progress update is due. */
    public record ActionPage(List<ActionEntity> items, Map<UUID, LocalDate> nextUpdateDue, long total) {
    }

    /** A milestone with its action's country and whether it is due. */
    public record MilestoneView(MilestoneEntity milestone, String country, ActionRepository.Due due) {
    }

    public record MilestonePage(List<MilestoneView> items, long total) {
    }

    @Transactional
    public ActionPage search(String country, UUID recommendationId, UUID clusterId, UUID institutionId,
            Boolean legislative, ActionRepository.Due updateDue, String sort, int offset, int limit) {
        ActionRepository.Page page = actions.search(new ActionRepository.Filter(access.caller().countryScope(country),
                recommendationId, clusterId, institutionId, legislative, updateDue, WorkflowTime.today(), noticeDays,
                reportingPeriodDays, sort, offset, limit));
        return new ActionPage(page.items(), nextUpdateDue(page.items().stream().map(a -> a.id).toList()), page.total());
    }

    @Transactional
    public ActionEntity get(UUID id) {
        ActionEntity entity = actions.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound(RESOURCE, id));
        access.requireVisible(entity.country, RESOURCE, id);
        return entity;
    }

    @Transactional
    public Map<UUID, LocalDate> nextUpdateDue(Collection<UUID> ids) {
        return actions.nextUpdateDue(ids, reportingPeriodDays);
    }

    @Transactional
    public ActionEntity create(Draft draft) {
        access.caller().requireWriteAccessTo(draft.country());
        access.requireCoordinator(draft.country());
        ActionEntity entity = new ActionEntity();
        entity.id = UUID.randomUUID();
        entity.country = draft.country();
        check(draft);
        apply(entity, draft);
        OffsetDateTime now = WorkflowTime.now();
        entity.createdAt = now;
        entity.updatedAt = now;
        actions.persist(entity);
        actions.flush();
        audit.record(RESOURCE, entity.id, "CREATE", null, snapshot(entity));
        events.fire(DomainEvent.of(DomainEventType.ACTION_CREATED, entity.country, RESOURCE, entity.id,
                Map.of("title", entity.title, "recommendationIds", List.copyOf(entity.recommendationIds))));
        return entity;
    }

    @Transactional
    public ActionEntity update(UUID id, Draft draft, String ifMatch) {
        ActionEntity entity = get(id);
        access.requireActionWriter(entity, false);
        EntityTags.requireMatch(ifMatch, entity.version);
        if (!entity.country.equals(draft.country())) {
            throw ProblemException.unprocessable("An action stays in its country (" + entity.country + ").",
                    List.of(new FieldViolation("country", "must be " + entity.country)));
        }
        if (!access.coordinates(entity.country) && !entity.leadInstitutionId.equals(draft.leadInstitutionId())) {
            throw ProblemException.forbidden("Only a coordinator may give the action another lead institution.");
        }
        check(draft);
        Map<String, Object> before = snapshot(entity);
        apply(entity, draft);
        Map<String, Object> after = snapshot(entity);
        if (before.equals(after)) {
            return entity;
        }
        entity.updatedAt = WorkflowTime.now();
        actions.flush();
        audit.record(RESOURCE, entity.id, "UPDATE", before, after);
        events.fire(DomainEvent.of(DomainEventType.ACTION_UPDATED, entity.country, RESOURCE, entity.id,
                Map.of("title", entity.title, "version", entity.version)));
        return entity;
    }

    @Transactional
    public AuditHistory history(UUID id, int offset, int limit) {
        get(id);
        return audit.history(RESOURCE, id, offset, limit);
    }

    // Milestones

    @Transactional
    public MilestoneView createMilestone(UUID actionId, MilestoneDraft draft) {
        ActionEntity action = get(actionId);
        access.requireActionWriter(action, true);
        MilestoneEntity m = new MilestoneEntity();
        m.id = UUID.randomUUID();
        m.actionId = action.id;
        apply(m, draft);
        OffsetDateTime now = WorkflowTime.now();
        m.createdAt = now;
        m.updatedAt = now;
        milestones.persist(m);
        milestones.flush();
        audit.record(MILESTONE, m.id, "CREATE", null, snapshot(m));
        return view(m, action.country);
    }

    @Transactional
    public MilestoneView getMilestone(UUID id) {
        MilestoneEntity m = milestones.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound(MILESTONE, id));
        ActionEntity action = actions.findById(m.actionId);
        access.requireVisible(action.country, MILESTONE, id);
        return view(m, action.country);
    }

    @Transactional
    public MilestoneView updateMilestone(UUID id, MilestoneDraft draft, String ifMatch) {
        MilestoneEntity m = getMilestone(id).milestone();
        ActionEntity action = actions.findById(m.actionId);
        access.requireActionWriter(action, true);
        EntityTags.requireMatch(ifMatch, m.version);
        Map<String, Object> before = snapshot(m);
        apply(m, draft);
        if (!before.equals(snapshot(m))) {
            m.updatedAt = WorkflowTime.now();
            milestones.flush();
            audit.record(MILESTONE, m.id, "UPDATE", before, snapshot(m));
        }
        return view(m, action.country);
    }

    @Transactional
    public MilestonePage searchMilestones(String country, UUID actionId, MilestoneEntity.Status status,
            ActionRepository.Due due, int offset, int limit) {
        Optional<String> scope = access.caller().countryScope(country);
        MilestoneRepository.Page page = milestones.search(new MilestoneRepository.Filter(scope, actionId,
                status == null ? null : status.name(), due, WorkflowTime.today(), noticeDays, offset, limit));
        Map<UUID, String> countries = new java.util.HashMap<>();
        List<MilestoneView> views = new ArrayList<>();
        for (MilestoneEntity m : page.items()) {
            String c = countries.computeIfAbsent(m.actionId, a -> actions.findById(a).country);
            views.add(view(m, c));
        }
        return new MilestonePage(views, page.total());
    }

    @Transactional
    public AuditHistory milestoneHistory(UUID id, int offset, int limit) {
        getMilestone(id);
        return audit.history(MILESTONE, id, offset, limit);
    }

    private MilestoneView view(MilestoneEntity m, String country) {
        return new MilestoneView(m, country, dueState(m, WorkflowTime.today(), noticeDays));
    }

    static ActionRepository.Due dueState(MilestoneEntity m, LocalDate today, int noticeDays) {
        if (m.status != MilestoneEntity.Status.PLANNED) {
            return null;
        }
        if (m.dueDate.isBefore(today)) {
            return ActionRepository.Due.OVERDUE;
        }
        return m.dueDate.isAfter(today.plusDays(noticeDays)) ? null : ActionRepository.Due.DUE;
    }

    private void check(Draft d) {
        List<FieldViolation> violations = new ArrayList<>();
        noNulls(violations, "recommendationIds", d.recommendationIds());
        noNulls(violations, "clusterIds", d.clusterIds());
        noNulls(violations, "supportingInstitutionIds", d.supportingInstitutionIds());
        noNulls(violations, "indicatorIds", d.indicatorIds());
        if (d.startDate() != null && d.endDate() != null && d.endDate().isBefore(d.startDate())) {
            violations.add(new FieldViolation("endDate", "must not be before startDate"));
        }
        if (d.budget() != null) {
            try {
                Currency currency = Currency.getInstance(d.budget().currency());
                BigDecimal amount = d.budget().amount().stripTrailingZeros();
                if (amount.scale() > 2) {
                    violations.add(new FieldViolation("budget.amount", "has more than two decimals"));
                } else if (amount.precision() - amount.scale() > 17) {
                    violations.add(new FieldViolation("budget.amount", "has more than 17 digits before the point"));
                }
                if (currency.getDefaultFractionDigits() < 0) {
                    violations.add(new FieldViolation("budget.currency", "is not the code of a currency ("
                            + currency.getCurrencyCode() + ")"));
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                violations.add(new FieldViolation("budget.currency", "is not an ISO 4217 currency code"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("The action is not valid.", violations);
        }
        Set<UUID> institutionIds = new LinkedHashSet<>(orEmpty(d.supportingInstitutionIds()));
        institutionIds.add(d.leadInstitutionId());
        Set<UUID> known = new HashSet<>(institutions.idsInCountry(d.country(), institutionIds));
        for (UUID i : institutionIds) {
            if (!known.contains(i)) {
                violations.add(new FieldViolation(i.equals(d.leadInstitutionId()) ? "leadInstitutionId" : "supportingInstitutionIds",
                        "no institution of " + d.country() + " has id " + i));
            }
        }
        Set<UUID> recs = new LinkedHashSet<>(orEmpty(d.recommendationIds()));
        Set<UUID> knownRecs = new HashSet<>(actions.recommendationIdsInCountry(d.country(), recs));
        for (UUID r : recs) {
            if (!knownRecs.contains(r)) {
                violations.add(new FieldViolation("recommendationIds", "no recommendation of " + d.country() + " has id " + r));
            }
        }
        Set<UUID> clusters = new LinkedHashSet<>(orEmpty(d.clusterIds()));
        Set<UUID> knownClusters = new HashSet<>(actions.clusterIdsInCountry(d.country(), clusters));
        for (UUID c : clusters) {
            if (!knownClusters.contains(c)) {
                violations.add(new FieldViolation("clusterIds", "no cluster of " + d.country() + " has id " + c));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.unprocessable("The action refers to what it cannot use.", violations);
        }
    }

    private static void noNulls(List<FieldViolation> violations, String field, List<?> values) {
        if (values != null && values.contains(null)) {
            violations.add(new FieldViolation(field, "must not contain null"));
        }
    }

    private static void apply(ActionEntity e, Draft d) {
        e.title = d.title().strip();
        e.description = InstitutionService.blankToNull(d.description());
        replace(e.recommendationIds, d.recommendationIds());
        replace(e.clusterIds, d.clusterIds());
        e.leadInstitutionId = d.leadInstitutionId();
        List<UUID> supporting = new ArrayList<>(orEmpty(d.supportingInstitutionIds()));
        supporting.remove(d.leadInstitutionId());
        replace(e.supportingInstitutionIds, supporting);
        e.startDate = d.startDate();
        e.endDate = d.endDate();
        Budget b = d.budget();
        e.budgetAmount = b == null ? null : b.amount().stripTrailingZeros().setScale(2, java.math.RoundingMode.UNNECESSARY);
        e.budgetCurrency = b == null ? null : b.currency();
        e.budgetSource = b == null ? null : InstitutionService.blankToNull(b.source());
        e.budgetFunded = b == null ? null : b.funded();
        e.indicatorIds = new ArrayList<>(new LinkedHashSet<>(orEmpty(d.indicatorIds())));
        e.legislativeActionRequired = d.legislativeActionRequired();
    }

    private static void apply(MilestoneEntity m, MilestoneDraft d) {
        m.title = d.title().strip();
        m.description = InstitutionService.blankToNull(d.description());
        m.dueDate = d.dueDate();
        m.status = d.status() == null ? MilestoneEntity.Status.PLANNED : d.status();
        m.achievedDate = m.status == MilestoneEntity.Status.ACHIEVED
                ? (d.achievedDate() == null ? WorkflowTime.today() : d.achievedDate()) : null;
    }

    private static <T> void replace(Set<T> target, List<T> values) {
        Set<T> wanted = new LinkedHashSet<>(orEmpty(values));
        target.retainAll(wanted);
        target.addAll(wanted);
    }

    private static <T> List<T> orEmpty(List<T> values) {
        return values == null ? List.of() : values;
    }

    static Map<String, Object> snapshot(ActionEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("country", e.country);
        m.put("title", e.title);
        m.put("description", e.description);
        m.put("recommendationIds", sorted(e.recommendationIds));
        m.put("clusterIds", sorted(e.clusterIds));
        m.put("leadInstitutionId", e.leadInstitutionId.toString());
        m.put("supportingInstitutionIds", sorted(e.supportingInstitutionIds));
        m.put("startDate", e.startDate == null ? null : e.startDate.toString());
        m.put("endDate", e.endDate == null ? null : e.endDate.toString());
        m.put("budgetAmount", e.budgetAmount == null ? null : e.budgetAmount.toPlainString());
        m.put("budgetCurrency", e.budgetCurrency);
        m.put("budgetSource", e.budgetSource);
        m.put("budgetFunded", e.budgetFunded);
        m.put("indicatorIds", e.indicatorIds.stream().map(UUID::toString).toList());
        m.put("legislativeActionRequired", e.legislativeActionRequired);
        return m;
    }

    static Map<String, Object> snapshot(MilestoneEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("actionId", e.actionId.toString());
        m.put("title", e.title);
        m.put("description", e.description);
        m.put("dueDate", e.dueDate.toString());
        m.put("status", e.status.name());
        m.put("achievedDate", e.achievedDate == null ? null : e.achievedDate.toString());
        return m;
    }

    private static List<String> sorted(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).sorted().toList();
    }
}
