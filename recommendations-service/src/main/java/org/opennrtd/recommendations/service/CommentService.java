package org.opennrtd.recommendations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.common.security.Roles;
import org.opennrtd.recommendations.entity.CommentEntity;
import org.opennrtd.recommendations.events.DomainEvent;
import org.opennrtd.recommendations.events.DomainEventType;
import org.opennrtd.recommendations.repository.CommentRepository;

/**
 * Civil-society dialogue on recommendations and progress updates: who may comment and reply, editing one's own
 * comment, and hiding by the country's coordinators (kept and audited, never deleted). Comments of another country,
 * and comments on a progress update the caller may not see (not validated yet), answer 404, as if they did not exist.
 */
@ApplicationScoped
public class CommentService {

    static final String RESOURCE = "comment";

    @Inject
    CommentRepository repository;

    @Inject
    RecommendationService recommendations;

    @Inject
    ProgressUpdateService progressUpdates;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    Event<DomainEvent> events;

    /** A comment as the caller may see it: hidden text only for those who moderate. */
    public record View(CommentEntity comment, boolean textVisible) {
    }

    public record ViewPage(List<View> items, long total) {
    }

    @Transactional
    public ViewPage onRecommendation(UUID recommendationId, int offset, int limit) {
        return onTarget(CommentEntity.TargetType.RECOMMENDATION, recommendationId, offset, limit);
    }

    @Transactional
    public ViewPage onProgressUpdate(UUID progressUpdateId, int offset, int limit) {
        return onTarget(CommentEntity.TargetType.PROGRESS_UPDATE, progressUpdateId, offset, limit);
    }

    private ViewPage onTarget(CommentEntity.TargetType type, UUID targetId, int offset, int limit) {
        countryOf(type, targetId);
        CommentRepository.Slice slice = repository.onTarget(type, targetId, offset, limit);
        return new ViewPage(slice.items().stream().map(this::view).toList(), slice.total());
    }

    @Transactional
    public View get(UUID id) {
        return view(find(id));
    }

    @Transactional
    public View comment(UUID recommendationId, String text, UUID parentId) {
        return comment(CommentEntity.TargetType.RECOMMENDATION, recommendationId, text, parentId);
    }

    @Transactional
    public View commentOnProgressUpdate(UUID progressUpdateId, String text, UUID parentId) {
        return comment(CommentEntity.TargetType.PROGRESS_UPDATE, progressUpdateId, text, parentId);
    }

    private View comment(CommentEntity.TargetType type, UUID targetId, String text, UUID parentId) {
        String country = countryOf(type, targetId);
        caller.requireWriteAccessTo(country);
        boolean startsThreads = caller.hasRole(Roles.CIVIL_SOCIETY) || caller.hasRole(Roles.NHRI)
                || caller.hasRole(Roles.ADMIN);
        if (parentId == null && !startsThreads) {
            throw ProblemException.forbidden("Coordinators and focal points reply to comments: give a parentId.");
        }
        if (parentId != null) {
            String what = type == CommentEntity.TargetType.RECOMMENDATION ? "recommendation" : "progress update";
            CommentEntity parent = repository.findByIdOptional(parentId)
                    .filter(p -> p.targetType == type && p.targetId.equals(targetId))
                    .orElseThrow(() -> ProblemException.unprocessable("parentId: no comment " + parentId
                            + " on this " + what + ".", List.of(new FieldViolation("parentId",
                                    "must be a comment on the same " + what))));
            if (parent.hidden) {
                throw ProblemException.conflict("Comment " + parentId + " is hidden and takes no replies.");
            }
        }
        CommentEntity c = new CommentEntity();
        c.id = UUID.randomUUID();
        c.country = country;
        c.targetType = type;
        c.targetId = targetId;
        c.parentId = parentId;
        c.authorName = caller.name();
        c.authorRole = authorRole();
        c.authorInstitution = caller.institution().orElse(null);
        c.text = text.strip();
        OffsetDateTime now = now();
        c.createdAt = now;
        c.updatedAt = now;
        repository.persist(c);
        repository.flush();
        audit.record(RESOURCE, c.id, "CREATE", null, snapshot(c));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("commentId", c.id.toString());
        data.put("targetType", c.targetType.name());
        data.put("targetId", c.targetId.toString());
        if (parentId != null) {
            data.put("parentId", parentId.toString());
        }
        data.put("authorRole", c.authorRole);
        events.fire(DomainEvent.of(DomainEventType.COMMENT_CREATED, c.country, RESOURCE, c.id, data));
        return view(c);
    }

    @Transactional
    public View edit(UUID id, String text, String ifMatch) {
        CommentEntity c = find(id);
        caller.requireWriteAccessTo(c.country);
        if (!c.authorName.equals(caller.name())) {
            throw ProblemException.forbidden("Only the author of a comment may change its text.");
        }
        EntityTags.requireMatch(ifMatch, c.version);
        if (c.hidden) {
            throw ProblemException.conflict("A hidden comment cannot be changed.");
        }
        String stripped = text.strip();
        if (stripped.equals(c.text)) {
            return view(c);
        }
        Map<String, Object> before = snapshot(c);
        c.text = stripped;
        c.edited = true;
        c.updatedAt = now();
        repository.flush();
        audit.record(RESOURCE, c.id, "UPDATE", before, snapshot(c));
        return view(c);
    }

    @Transactional
    public View setVisibility(UUID id, boolean hidden, String reason, String ifMatch) {
        CommentEntity c = find(id);
        caller.requireWriteAccessTo(c.country);
        EntityTags.requireMatch(ifMatch, c.version);
        if (hidden && (reason == null || reason.isBlank())) {
            throw ProblemException.invalidField("reason", "is required to hide a comment");
        }
        if (c.hidden == hidden) {
            return view(c);
        }
        Map<String, Object> before = snapshot(c);
        OffsetDateTime now = now();
        c.hidden = hidden;
        c.hiddenReason = hidden ? reason.strip() : null;
        c.hiddenAt = hidden ? now : null;
        c.hiddenBy = hidden ? caller.name() : null;
        c.updatedAt = now;
        repository.flush();
        audit.record(RESOURCE, c.id, hidden ? "HIDE" : "SHOW", before, snapshot(c));
        if (hidden) {
            events.fire(DomainEvent.of(DomainEventType.COMMENT_HIDDEN, c.country, RESOURCE, c.id, Map.of(
                    "commentId", c.id.toString(), "targetType", c.targetType.name(), "targetId", c.targetId.toString())));
        }
        return view(c);
    }

    @Transactional
    public AuditHistory history(UUID id, int offset, int limit) {
        find(id);
        return audit.history(RESOURCE, id, offset, limit);
    }

    private CommentEntity find(UUID id) {
        CommentEntity c = repository.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound(RESOURCE, id));
        if (!caller.maySeeCountry(c.country)) {
            throw ProblemException.notFound(RESOURCE, id);
        }
        if (c.targetType == CommentEntity.TargetType.PROGRESS_UPDATE && progressUpdates.visible(c.targetId).isEmpty()) {
            throw ProblemException.notFound(RESOURCE, id);
        }
        return c;
    }

    /** The country of what is commented on; 404 (of that target) when the caller may not see it. */
    private String countryOf(CommentEntity.TargetType type, UUID targetId) {
        return switch (type) {
            case RECOMMENDATION -> recommendations.get(targetId).country;
            case PROGRESS_UPDATE -> progressUpdates.get(targetId).country();
        };
    }

    private View view(CommentEntity c) {
        return new View(c, !c.hidden || caller.hasRole(Roles.ADMIN) || caller.hasRole(Roles.COORDINATOR));
    }

    /** The role the author writes in, the most specific first. */
    private String authorRole() {
        for (String role : List.of(Roles.NHRI, Roles.CIVIL_SOCIETY, Roles.FOCAL_POINT, Roles.COORDINATOR, Roles.ADMIN)) {
            if (caller.hasRole(role)) {
                return role;
            }
        }
        throw ProblemException.forbidden("Your account has no role that may comment.");
    }

    static Map<String, Object> snapshot(CommentEntity c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("targetType", c.targetType.name());
        m.put("targetId", c.targetId.toString());
        m.put("parentId", c.parentId == null ? null : c.parentId.toString());
        m.put("country", c.country);
        m.put("authorName", c.authorName);
        m.put("authorRole", c.authorRole);
        m.put("authorInstitution", c.authorInstitution);
        m.put("text", c.text);
        m.put("edited", c.edited);
        m.put("hidden", c.hidden);
        m.put("hiddenReason", c.hiddenReason);
        m.put("hiddenBy", c.hiddenBy);
        return m;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
