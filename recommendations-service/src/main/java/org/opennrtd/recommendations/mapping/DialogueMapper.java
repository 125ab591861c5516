package org.opennrtd.recommendations.mapping;

import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.recommendations.api.model.Assessment;
import org.opennrtd.recommendations.api.model.AuditEvent;
import org.opennrtd.recommendations.api.model.AuditEventPage;
import org.opennrtd.recommendations.api.model.Comment;
import org.opennrtd.recommendations.api.model.CommentAuthor;
import org.opennrtd.recommendations.api.model.CommentIdentity;
import org.opennrtd.recommendations.api.model.CommentInput;
import org.opennrtd.recommendations.api.model.CommentTargetType;
import org.opennrtd.recommendations.api.model.ImplementationStatus;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.entity.AssessmentEntity;
import org.opennrtd.recommendations.entity.CommentEntity;
import org.opennrtd.recommendations.service.AssessmentService;
import org.opennrtd.recommendations.service.CommentService;

/** Comments, assessments and audit histories, entity ⇄ DTO. */
public final class DialogueMapper {

    private DialogueMapper() {
    }

    public static Comment toDto(CommentService.View view) {
        CommentEntity c = view.comment();
        return new Comment()
                .id(c.id)
                .targetType(CommentTargetType.valueOf(c.targetType.name()))
                .targetId(c.targetId)
                .parentId(c.parentId)
                .country(c.country)
                .authorName(c.authorName)
                .authorRole(c.authorRole)
                .authorInstitution(c.authorInstitution)
                .identity(CommentIdentity.valueOf(c.identity.name()))
                .restricted(c.restricted)
                .text(view.textVisible() ? c.text : null)
                .hidden(c.hidden)
                .hiddenReason(c.hiddenReason)
                .hiddenAt(c.hiddenAt)
                .hiddenBy(c.hiddenBy)
                .edited(c.edited)
                .createdAt(c.createdAt)
                .updatedAt(c.updatedAt)
                .version(c.version);
    }

    public static CommentService.Draft toDraft(CommentInput input) {
        return new CommentService.Draft(input.getText(), input.getParentId(),
                input.getIdentity() == null ? null : CommentEntity.Identity.valueOf(input.getIdentity().name()),
                Boolean.TRUE.equals(input.getRestricted()));
    }

    public static CommentAuthor toDto(CommentService.Author author) {
        CommentEntity c = author.comment();
        return new CommentAuthor()
                .commentId(c.id)
                .identity(CommentIdentity.valueOf(c.identity.name()))
                .pseudonym(c.identity == CommentEntity.Identity.PSEUDONYM ? c.authorName : null)
                .authorName(author.authorName())
                .authorRole(c.authorRole)
                .authorInstitution(author.authorInstitution());
    }

    public static Assessment toDto(AssessmentEntity a) {
        return new Assessment()
                .id(a.id)
                .recommendationId(a.recommendationId)
                .country(a.country)
                .status(ImplementationStatus.valueOf(a.status.name()))
                .narrative(a.narrative)
                .assessedOn(a.assessedOn)
                .assessorName(a.assessorName)
                .assessorInstitution(a.assessorInstitution)
                .createdAt(a.createdAt)
                .updatedAt(a.updatedAt)
                .version(a.version);
    }

    public static AssessmentService.Draft toDraft(org.opennrtd.recommendations.api.model.AssessmentInput input) {
        return new AssessmentService.Draft(AssessmentEntity.Status.valueOf(input.getStatus().name()),
                input.getNarrative(), input.getAssessedOn());
    }

    public static AuditEventPage toDto(AuditHistory history, int offset, int limit) {
        return new AuditEventPage()
                .items(history.entries().stream().map(e -> new AuditEvent()
                        .id(e.id())
                        .occurredAt(e.occurredAt())
                        .actor(e.actor())
                        .action(e.action())
                        .before(e.before())
                        .after(e.after())).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(history.total()));
    }
}
