package org.opennrtd.recommendations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.recommendations.entity.AssessmentEntity;
import org.opennrtd.recommendations.entity.RecommendationEntity;
import org.opennrtd.recommendations.events.DomainEvent;
import org.opennrtd.recommendations.events.DomainEventType;
import org.opennrtd.recommendations.repository.AssessmentRepository;

/**
 * The national human-rights institution's independent assessments of implementation. Only the NHRI of the
 * recommendation's country records them (the operation's roles say NHRI; the country is checked here), only the
 * institution that recorded one corrects it, and every assessment stays: the latest is the current one.
 */
@ApplicationScoped
public class AssessmentService {

    static final String RESOURCE = "assessment";

    @Inject
    AssessmentRepository repository;

    @Inject
    RecommendationService recommendations;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    Event<DomainEvent> events;

    public record Draft(AssessmentEntity.Status status, String narrative, LocalDate assessedOn) {
    }

    @Transactional
    public AssessmentRepository.Slice ofRecommendation(UUID recommendationId, int offset, int limit) {
        recommendations.get(recommendationId);
        return repository.ofRecommendation(recommendationId, offset, limit);
    }

    @Transactional
    public AssessmentEntity get(UUID id) {
        AssessmentEntity a = repository.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound(RESOURCE, id));
        if (!caller.maySeeCountry(a.country)) {
            throw ProblemException.notFound(RESOURCE, id);
        }
        return a;
    }

    @Transactional
    public AssessmentEntity record(UUID recommendationId, Draft draft) {
        RecommendationEntity recommendation = recommendations.get(recommendationId);
        caller.requireWriteAccessTo(recommendation.country);
        check(draft);
        AssessmentEntity a = new AssessmentEntity();
        a.id = UUID.randomUUID();
        a.recommendationId = recommendation.id;
        a.country = recommendation.country;
        apply(a, draft);
        a.assessorName = caller.name();
        a.assessorInstitution = caller.institution().orElse(null);
        OffsetDateTime now = CommentService.now();
        a.createdAt = now;
        a.updatedAt = now;
        repository.persist(a);
        repository.flush();
        audit.record(RESOURCE, a.id, "CREATE", null, snapshot(a));
        fire(a, "RECORDED");
        return a;
    }

    @Transactional
    public AssessmentEntity correct(UUID id, Draft draft, String ifMatch) {
        AssessmentEntity a = get(id);
        caller.requireWriteAccessTo(a.country);
        if (!Objects.equals(a.assessorInstitution, caller.institution().orElse(null))) {
            throw ProblemException.forbidden("Only " + (a.assessorInstitution == null ? "its author's institution"
                    : a.assessorInstitution) + " may correct this assessment.");
        }
        EntityTags.requireMatch(ifMatch, a.version);
        check(draft);
        Map<String, Object> before = snapshot(a);
        apply(a, draft);
        if (before.equals(snapshot(a))) {
            return a;
        }
        a.updatedAt = CommentService.now();
        repository.flush();
        audit.record(RESOURCE, a.id, "UPDATE", before, snapshot(a));
        fire(a, "CORRECTED");
        return a;
    }

    @Transactional
    public AuditHistory history(UUID id, int offset, int limit) {
        get(id);
        return audit.history(RESOURCE, id, offset, limit);
    }

    private void fire(AssessmentEntity a, String change) {
        events.fire(DomainEvent.of(DomainEventType.ASSESSMENT_RECORDED, a.country, RESOURCE, a.id, Map.of(
                "assessmentId", a.id.toString(), "recommendationId", a.recommendationId.toString(),
                "status", a.status.name(), "assessedOn", a.assessedOn.toString(), "change", change)));
    }

    private static void check(Draft draft) {
        if (draft.assessedOn().isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
            throw ProblemException.unprocessable("assessedOn: " + draft.assessedOn() + " is in the future.",
                    List.of(new FieldViolation("assessedOn", "must not be in the future")));
        }
    }

    private static void apply(AssessmentEntity a, Draft d) {
        a.status = d.status();
        a.narrative = d.narrative().strip();
        a.assessedOn = d.assessedOn();
    }

    static Map<String, Object> snapshot(AssessmentEntity a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("recommendationId", a.recommendationId.toString());
        m.put("country", a.country);
        m.put("status", a.status.name());
        m.put("narrative", a.narrative);
        m.put("assessedOn", a.assessedOn.toString());
        m.put("assessorName", a.assessorName);
        m.put("assessorInstitution", a.assessorInstitution);
        return m;
    }
}
