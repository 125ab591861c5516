package org.opennrtd.recommendations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Roles;
import org.opennrtd.recommendations.entity.ActionEntity;
import org.opennrtd.recommendations.entity.ProgressUpdateEntity;
import org.opennrtd.recommendations.entity.ProgressUpdateEntity.Status;
import org.opennrtd.recommendations.events.DomainEvent;
import org.opennrtd.recommendations.events.DomainEventType;
import org.opennrtd.recommendations.repository.ActionRepository;
import org.opennrtd.recommendations.repository.ProgressUpdateRepository;

/**
 * Progress updates of actions: drafted and submitted by focal points of the action's institutions (or its
 * coordinators), validated or returned by coordinators. Until validated, an update is seen only by those who may
 * work on it, coordinators and OHCHR; to anybody else it does not exist (404).
 */
@ApplicationScoped
public class ProgressUpdateService {

    static final String RESOURCE = "progress-update";
    private static final Set<Status> EDITABLE = EnumSet.of(Status.DRAFT, Status.RETURNED);

    @Inject
    ProgressUpdateRepository updates;

    @Inject
    ActionRepository actions;

    @Inject
    ActionService actionService;

    @Inject
    WorkflowAccess access;

    @Inject
    AuditTrail audit;

    @Inject
    Event<DomainEvent> events;

    public record Draft(String narrative, String evidenceUrl, LocalDate reportDate) {
    }

    /** An update with its action's country. */
    public record View(ProgressUpdateEntity update, String country) {
    }

    public record Page(List<View> items, long total) {
    }

    @Transactional
    public Page search(String country, UUID actionId, Status status, int offset, int limit) {
        var scope = access.caller().countryScope(country);
        ProgressUpdateRepository.Visibility visibility;
        if (access.caller().hasRole(Roles.ADMIN) || access.caller().hasRole(Roles.OHCHR)) {
            visibility = new ProgressUpdateRepository.Visibility(true, null);
        } else {
            String own = access.caller().country().orElse(null);
            boolean everything = own != null && access.coordinates(own);
            visibility = new ProgressUpdateRepository.Visibility(everything,
                    own == null ? null : access.ownInstitution(own).orElse(null));
        }
        ProgressUpdateRepository.Page page = updates.search(new ProgressUpdateRepository.Filter(scope, actionId,
                status == null ? null : status.name(), visibility, offset, limit));
        Map<UUID, String> countries = new java.util.HashMap<>();
        return new Page(page.items().stream()
                .map(u -> new View(u, countries.computeIfAbsent(u.actionId, a -> actions.findById(a).country)))
                .toList(), page.total());
    }

    @Transactional
    public View get(UUID id) {
        return visible(id).orElseThrow(() -> ProblemException.notFound(RESOURCE, id));
    }

    /** The update if the caller may see it: of a country they see and, until validated, only to those who work on it. */
    @Transactional
    public Optional<View> visible(UUID id) {
        ProgressUpdateEntity update = updates.findByIdOptional(id).orElse(null);
        if (update == null) {
            return Optional.empty();
        }
        ActionEntity action = actions.findById(update.actionId);
        if (!access.caller().maySeeCountry(action.country)
                || update.status != Status.VALIDATED && !access.seesUnpublishedOf(action)) {
            return Optional.empty();
        }
        return Optional.of(new View(update, action.country));
    }

    @Transactional
    public View create(UUID actionId, Draft draft) {
        ActionEntity action = actionService.get(actionId);
        access.requireActionWriter(action, true);
        checkEvidence(draft);
        ProgressUpdateEntity u = new ProgressUpdateEntity();
        u.id = UUID.randomUUID();
        u.actionId = action.id;
        u.institutionId = access.ownInstitution(action.country).orElse(null);
        u.status = Status.DRAFT;
        u.author = access.caller().name();
        apply(u, draft);
        OffsetDateTime now = WorkflowTime.now();
        u.createdAt = now;
        u.updatedAt = now;
        updates.persist(u);
        updates.flush();
        audit.record(RESOURCE, u.id, "CREATE", null, snapshot(u));
        return new View(u, action.country);
    }

    @Transactional
    public View update(UUID id, Draft draft, String ifMatch) {
        View view = writable(id, ifMatch, false);
        ProgressUpdateEntity u = view.update();
        if (!EDITABLE.contains(u.status)) {
            throw wrongState(u, "changed");
        }
        checkEvidence(draft);
        Map<String, Object> before = snapshot(u);
        apply(u, draft);
        if (!before.equals(snapshot(u))) {
            u.updatedAt = WorkflowTime.now();
            updates.flush();
            audit.record(RESOURCE, u.id, "UPDATE", before, snapshot(u));
        }
        return view;
    }

    @Transactional
    public View submit(UUID id, String ifMatch) {
        View view = writable(id, ifMatch, false);
        ProgressUpdateEntity u = view.update();
        if (!EDITABLE.contains(u.status)) {
            throw wrongState(u, "submitted");
        }
        Map<String, Object> before = snapshot(u);
        u.status = Status.SUBMITTED;
        u.submittedAt = WorkflowTime.now();
        return transitioned(view, before, "SUBMIT", DomainEventType.PROGRESS_UPDATE_SUBMITTED);
    }

    @Transactional
    public View validate(UUID id, String ifMatch) {
        View view = writable(id, ifMatch, true);
        ProgressUpdateEntity u = view.update();
        if (u.status != Status.SUBMITTED) {
            throw wrongState(u, "validated");
        }
        Map<String, Object> before = snapshot(u);
        u.status = Status.VALIDATED;
        u.returnReason = null;
        review(u);
        return transitioned(view, before, "VALIDATE", DomainEventType.PROGRESS_UPDATE_VALIDATED);
    }

    @Transactional
    public View returnWithReason(UUID id, String reason, String ifMatch) {
        View view = writable(id, ifMatch, true);
        ProgressUpdateEntity u = view.update();
        if (u.status != Status.SUBMITTED) {
            throw wrongState(u, "returned");
        }
        Map<String, Object> before = snapshot(u);
        u.status = Status.RETURNED;
        u.returnReason = reason.strip();
        review(u);
        return transitioned(view, before, "RETURN", DomainEventType.PROGRESS_UPDATE_RETURNED);
    }

    @Transactional
    public AuditHistory history(UUID id, int offset, int limit) {
        get(id);
        return audit.history(RESOURCE, id, offset, limit);
    }

    private View writable(UUID id, String ifMatch, boolean coordinatorOnly) {
        View view = get(id);
        ActionEntity action = actions.findById(view.update().actionId);
        if (coordinatorOnly) {
            access.requireCoordinator(action.country);
        } else {
            access.requireActionWriter(action, true);
        }
        EntityTags.requireMatch(ifMatch, view.update().version);
        return view;
    }

    private View transitioned(View view, Map<String, Object> before, String auditAction, DomainEventType type) {
        ProgressUpdateEntity u = view.update();
        u.updatedAt = WorkflowTime.now();
        updates.flush();
        audit.record(RESOURCE, u.id, auditAction, before, snapshot(u));
        events.fire(DomainEvent.of(type, view.country(), RESOURCE, u.id,
                Map.of("actionId", u.actionId.toString(), "status", u.status.name())));
        return view;
    }

    private void review(ProgressUpdateEntity u) {
        u.reviewedBy = access.caller().name();
        u.reviewedAt = WorkflowTime.now();
    }

    private static ProblemException wrongState(ProgressUpdateEntity u, String verb) {
        return ProblemException.unprocessable("A " + u.status + " progress update cannot be " + verb + ".",
                List.of(new FieldViolation("status", "is " + u.status)));
    }

    private static void checkEvidence(Draft d) {
        String url = InstitutionService.blankToNull(d.evidenceUrl());
        if (url == null) {
            return;
        }
        try {
            java.net.URI uri = new java.net.URI(url);
            if (uri.getHost() == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw ProblemException.invalidField("evidenceUrl", "must be an http or https address");
            }
        } catch (java.net.URISyntaxException e) {
            throw ProblemException.invalidField("evidenceUrl", "is not a valid address");
        }
    }

    private static void apply(ProgressUpdateEntity u, Draft d) {
        u.narrative = d.narrative().strip();
        u.evidenceUrl = InstitutionService.blankToNull(d.evidenceUrl());
        u.reportDate = d.reportDate();
    }

    static Map<String, Object> snapshot(ProgressUpdateEntity u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("actionId", u.actionId.toString());
        m.put("institutionId", u.institutionId == null ? null : u.institutionId.toString());
        m.put("narrative", u.narrative);
        m.put("evidenceUrl", u.evidenceUrl);
        m.put("reportDate", u.reportDate.toString());
        m.put("status", u.status.name());
        m.put("returnReason", u.returnReason);
        m.put("author", u.author);
        return m;
    }
}
