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
import java.util.Optional;
import java.util.UUID;
import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.common.security.Roles;
import org.opennrtd.recommendations.entity.CommentEntity;
import org.opennrtd.recommendations.entity.CommentIdentityEntity;
import org.opennrtd.recommendations.events.DomainEvent;
import org.opennrtd.recommendations.events.DomainEventType;
import org.opennrtd.recommendations.repository.CommentRepository;
import org.opennrtd.recommendations.repository.ModerationRepository;

/**
 * Civil-society dialogue on recommendations and progress updates: who may comment and reply, editing one's own
 * comment, and hiding by the country's coordinators (kept and audited, never deleted). Comments of another country,
 * and comments on a progress update the caller may not see (not validated yet), answer 404, as if they did not exist.
 *
 * <p>Reprisal safety: civil society and the NHRI write by name or under their stable pseudonym in the country; a
 * pseudonymous comment stores the pseudonym as its author name (also in its audit records, whose actor is the
 * pseudonym) and keeps the identity in {@code comment_identity}, read only for the author and for the country's
 * moderators, each read recorded. A restricted comment exists only for the country's NHRI, its moderators and its
 * author: for everybody else it is 404 and absent from lists, and it sends no event.
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

    @Inject
    ModerationService moderation;

    @Inject
    ModerationRepository moderationRepository;

    /** Who wrote a comment, for a moderator of its country. */
    public record Author(CommentEntity comment, String authorName, String authorInstitution) {
    }

    /** A new comment's text and how its author wants to appear ({@code identity} null: the role's default). */
    public record Draft(String text, UUID parentId, CommentEntity.Identity identity, boolean restricted) {
    }

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
        String country = countryOf(type, targetId);
        CommentRepository.Slice slice = repository.onTarget(type, targetId, seesRestricted(country), caller.name(),
                offset, limit);
        return new ViewPage(slice.items().stream().map(this::view).toList(), slice.total());
    }

    @Transactional
    public View get(UUID id) {
        return view(find(id));
    }

    /** The comment if the caller may read it. */
    @Transactional
    public Optional<CommentEntity> visible(UUID id) {
        try {
            return Optional.of(find(id));
        } catch (ProblemException e) {
            return Optional.empty();
        }
    }

    /**
     * Who wrote a comment: only for a moderator of the comment's country (403 for everybody else who sees the
     * comment). Reading the author of a pseudonymous comment is recorded for that author.
     */
    @Transactional
    public Author author(UUID id) {
        CommentEntity c = find(id);
        if (!moderation.callerModerates(c.country)) {
            throw ProblemException.forbidden("Only a moderator of " + c.country + " may read who wrote a comment.");
        }
        if (c.identity == CommentEntity.Identity.NAMED) {
            return new Author(c, c.authorName, c.authorInstitution);
        }
        CommentIdentityEntity identity = moderationRepository.identity(c.id)
                .orElseThrow(() -> new IllegalStateException("Pseudonymous comment " + c.id + " has no identity"));
        moderation.recordDisclosure(c.id, c.country, identity.authorName);
        return new Author(c, identity.authorName, identity.authorInstitution);
    }

    @Transactional
    public View comment(UUID recommendationId, Draft draft) {
        return comment(CommentEntity.TargetType.RECOMMENDATION, recommendationId, draft);
    }

    @Transactional
    public View commentOnProgressUpdate(UUID progressUpdateId, Draft draft) {
        return comment(CommentEntity.TargetType.PROGRESS_UPDATE, progressUpdateId, draft);
    }

    private View comment(CommentEntity.TargetType type, UUID targetId, Draft draft) {
        UUID parentId = draft.parentId();
        boolean parentRestricted = false;
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
                    .filter(this::maySee)
                    .orElseThrow(() -> ProblemException.unprocessable("parentId: no comment " + parentId
                            + " on this " + what + ".", List.of(new FieldViolation("parentId",
                                    "must be a comment on the same " + what))));
            if (parent.hidden) {
                throw ProblemException.conflict("Comment " + parentId + " is hidden and takes no replies.");
            }
            parentRestricted = parent.restricted;
        }
        String role = authorRole();
        boolean participant = Roles.CIVIL_SOCIETY.equals(role) || Roles.NHRI.equals(role);
        CommentEntity.Identity identity = draft.identity() != null ? draft.identity()
                : Roles.CIVIL_SOCIETY.equals(role) ? CommentEntity.Identity.PSEUDONYM : CommentEntity.Identity.NAMED;
        if (!participant && identity == CommentEntity.Identity.PSEUDONYM) {
            throw ProblemException.unprocessable("identity: only civil society and the NHRI write under a pseudonym.",
                    List.of(new FieldViolation("identity", "must be NAMED for the role " + role)));
        }
        if (!participant && draft.restricted()) {
            throw ProblemException.unprocessable("restricted: only civil society and the NHRI write restricted"
                    + " comments.", List.of(new FieldViolation("restricted", "must be false for the role " + role)));
        }
        CommentEntity c = new CommentEntity();
        c.id = UUID.randomUUID();
        c.country = country;
        c.targetType = type;
        c.targetId = targetId;
        c.parentId = parentId;
        c.identity = identity;
        c.restricted = draft.restricted() || parentRestricted;
        c.authorRole = role;
        if (identity == CommentEntity.Identity.PSEUDONYM) {
            c.authorName = moderation.pseudonymOf(caller.name(), country);
            c.authorInstitution = null;
        } else {
            c.authorName = caller.name();
            c.authorInstitution = caller.institution().orElse(null);
        }
        c.text = draft.text().strip();
        OffsetDateTime now = now();
        c.createdAt = now;
        c.updatedAt = now;
        repository.persist(c);
        repository.flush();
        if (identity == CommentEntity.Identity.PSEUDONYM) {
            CommentIdentityEntity who = new CommentIdentityEntity();
            who.commentId = c.id;
            who.authorName = caller.name();
            who.authorInstitution = caller.institution().orElse(null);
            moderationRepository.persist(who);
        }
        audit.record(RESOURCE, c.id, "CREATE", actorFor(c), null, snapshot(c));
        if (c.restricted) {
            // Webhook subscribers include government systems: a restricted comment sends no event at all.
            return view(c);
        }
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
        if (!writtenByCaller(c)) {
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
        audit.record(RESOURCE, c.id, "UPDATE", actorFor(c), before, snapshot(c));
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
        if (!caller.maySeeCountry(c.country) || !maySee(c)) {
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

    /** Restricted comments only for the country's NHRI, its moderators and their author. */
    private boolean maySee(CommentEntity c) {
        return !c.restricted || seesRestricted(c.country) || writtenByCaller(c);
    }

    private boolean seesRestricted(String country) {
        return (caller.hasRole(Roles.NHRI) && caller.country().map(country::equalsIgnoreCase).orElse(false))
                || moderation.callerModerates(country);
    }

    private boolean writtenByCaller(CommentEntity c) {
        if (c.identity == CommentEntity.Identity.NAMED) {
            return c.authorName.equals(caller.name());
        }
        return moderationRepository.identity(c.id).map(i -> i.authorName.equals(caller.name())).orElse(false);
    }

    /** The audit actor of the author's own writes: the pseudonym for a pseudonymous comment. */
    private String actorFor(CommentEntity c) {
        return c.identity == CommentEntity.Identity.PSEUDONYM ? c.authorName : caller.name();
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
        m.put("identity", c.identity.name());
        m.put("restricted", c.restricted);
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
