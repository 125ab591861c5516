package org.opennrtd.recommendations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.recommendations.entity.RecommendationEntity;
import org.opennrtd.recommendations.entity.RecommendationTrackingEntity;
import org.opennrtd.recommendations.events.DomainEvent;
import org.opennrtd.recommendations.events.DomainEventType;
import org.opennrtd.recommendations.repository.PriorityRepository;
import org.opennrtd.recommendations.repository.RecommendationTrackingRepository;

/**
 * A recommendation's follow-up: the implementation status and priority level a coordinator sets (recorded in the
 * recommendation's own history), and the priority score computed from stored data, part by part.
 */
@ApplicationScoped
public class FollowUpService {

    @Inject
    RecommendationService recommendations;

    @Inject
    RecommendationTrackingRepository tracking;

    @Inject
    PriorityRepository priority;

    @Inject
    WorkflowAccess access;

    @Inject
    AuditTrail audit;

    @Inject
    Event<DomainEvent> events;

    /** Terms that mark an affected-persons label as a vulnerable group (matched case-insensitively, as substrings). */
    @ConfigProperty(name = "opennrtd.priority.vulnerable-groups")
    List<String> vulnerableGroups;

    public record Draft(RecommendationTrackingEntity.Status status, RecommendationTrackingEntity.PriorityLevel level,
            String note) {
    }

    public enum Part { SIMILAR_RECOMMENDATIONS, STATE_POSITION, VULNERABLE_GROUPS, OVERDUE_MILESTONES, LEGISLATIVE_ACTION }

    public record ScorePart(Part name, int weight, double value, double contribution, String explanation) {
    }

    public record Score(UUID recommendationId, double total, RecommendationTrackingEntity.PriorityLevel level,
            List<ScorePart> parts) {
    }

    /** A recommendation's follow-up with the recommendation's country. */
    public record View(RecommendationTrackingEntity tracking, String country) {
    }

    @Transactional
    public View get(UUID recommendationId) {
        RecommendationEntity r = recommendations.get(recommendationId);
        return new View(tracking.current(recommendationId), r.country);
    }

    /** One page of follow-ups of the recommendations of a country the caller may see. */
    @Transactional
    public RecommendationTrackingRepository.Page list(String country, RecommendationTrackingEntity.Status status,
            int offset, int limit) {
        return tracking.list(access.caller().countryScope(country), status, offset, limit);
    }

    @Transactional
    public View update(UUID recommendationId, Draft draft, String ifMatch) {
        View view = get(recommendationId);
        RecommendationTrackingEntity t = view.tracking();
        String country = view.country();
        access.requireCoordinator(country);
        long read = t.version;
        EntityTags.requireMatch(ifMatch, read);
        Map<String, Object> before = snapshot(t);
        RecommendationTrackingEntity.Status oldStatus = t.implementationStatus;
        RecommendationTrackingEntity.PriorityLevel oldLevel = t.priorityLevel;
        t.implementationStatus = draft.status();
        t.priorityLevel = draft.level();
        t.statusNote = InstitutionService.blankToNull(draft.note());
        Map<String, Object> after = snapshot(t);
        if (before.equals(after)) {
            return view;
        }
        if (!tracking.store(t, read, WorkflowTime.now())) {
            throw ProblemException.preconditionFailed("The follow-up was changed by someone else just now; read it again"
                    + " and retry.");
        }
        audit.record(RecommendationService.RESOURCE, t.recommendationId, "FOLLOW_UP", before, after);
        if (oldStatus != t.implementationStatus) {
            events.fire(DomainEvent.of(DomainEventType.RECOMMENDATION_STATUS_CHANGED, country,
                    RecommendationService.RESOURCE, t.recommendationId,
                    Map.of("from", oldStatus.name(), "to", t.implementationStatus.name())));
        }
        if (oldLevel != t.priorityLevel) {
            Map<String, Object> data = new HashMap<>();
            data.put("from", oldLevel == null ? "NONE" : oldLevel.name());
            data.put("to", t.priorityLevel == null ? "NONE" : t.priorityLevel.name());
            events.fire(DomainEvent.of(DomainEventType.RECOMMENDATION_PRIORITY_CHANGED, country,
                    RecommendationService.RESOURCE, t.recommendationId, data));
        }
        return view;
    }

    @Transactional
    public AuditHistory history(UUID recommendationId, int offset, int limit) {
        recommendations.get(recommendationId);
        return audit.history(RecommendationService.RESOURCE, recommendationId, offset, limit);
    }

    /** The score of the contract's description: 0 to 100, the sum of weight x value over five parts. */
    @Transactional
    public Score score(UUID recommendationId) {
        RecommendationEntity r = recommendations.get(recommendationId);
        RecommendationTrackingEntity t = tracking.current(recommendationId);
        List<ScorePart> parts = new ArrayList<>();

        PriorityRepository.Similar similar = priority.similar(recommendationId);
        int sources = similar.sources().size();
        parts.add(part(Part.SIMILAR_RECOMMENDATIONS, 25, Math.min(1.0, Math.max(0, sources - 1) / 4.0),
                similar.recommendations() + " recommendation(s) in its near-duplicate group, from " + sources
                        + " source(s)" + (sources == 0 ? "" : ": " + String.join(", ", similar.sources()))));

        double position = switch (r.position) {
            case SUPPORTED -> 1.0;
            case SUPPORTED_IN_PART -> 0.6;
            case PENDING -> 0.4;
            case NOTED -> 0.0;
        };
        parts.add(part(Part.STATE_POSITION, 20, position, "The State's position is " + r.position + "."));

        List<String> vulnerable = r.affectedPersons.stream().filter(this::isVulnerable).toList();
        parts.add(part(Part.VULNERABLE_GROUPS, 20, Math.min(1.0, vulnerable.size() / 2.0),
                vulnerable.isEmpty() ? "No vulnerable group among the affected persons."
                        : vulnerable.size() + " vulnerable group(s) concerned: " + String.join(", ", vulnerable) + "."));

        long overdue = priority.overdueMilestones(recommendationId, WorkflowTime.today());
        parts.add(part(Part.OVERDUE_MILESTONES, 20, Math.min(1.0, overdue / 2.0),
                overdue + " milestone(s) of its actions past due."));

        List<String> legislative = priority.legislativeActions(recommendationId);
        parts.add(part(Part.LEGISLATIVE_ACTION, 15, legislative.isEmpty() ? 0 : 1,
                legislative.isEmpty() ? "No action of it needs legislation."
                        : "Legislative action needed by: " + String.join("; ", legislative) + "."));

        double total = Math.round(parts.stream().mapToDouble(ScorePart::contribution).sum() * 10) / 10.0;
        return new Score(recommendationId, total, t.priorityLevel, parts);
    }

    private boolean isVulnerable(String affected) {
        String label = affected.toLowerCase(Locale.ROOT);
        return vulnerableGroups.stream().filter(Objects::nonNull).map(g -> g.strip().toLowerCase(Locale.ROOT))
                .anyMatch(g -> !g.isEmpty() && label.contains(g));
    }

    private static ScorePart part(Part name, int weight, double value, String explanation) {
        double rounded = Math.round(value * 1000) / 1000.0;
        return new ScorePart(name, weight, rounded, Math.round(weight * value * 10) / 10.0, explanation);
    }

    static Map<String, Object> snapshot(RecommendationTrackingEntity t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("implementationStatus", t.implementationStatus.name());
        m.put("priorityLevel", t.priorityLevel == null ? null : t.priorityLevel.name());
        m.put("statusNote", t.statusNote);
        return m;
    }
}
