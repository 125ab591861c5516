package org.opennrtd.recommendations.mapping;

import org.opennrtd.recommendations.api.model.IdentityDisclosure;
import org.opennrtd.recommendations.api.model.Moderator;
import org.opennrtd.recommendations.api.model.ReprisalReport;
import org.opennrtd.recommendations.api.model.ReprisalReportInput;
import org.opennrtd.recommendations.entity.IdentityDisclosureEntity;
import org.opennrtd.recommendations.entity.ModeratorGrantEntity;
import org.opennrtd.recommendations.entity.ReprisalReportEntity;
import org.opennrtd.recommendations.service.ReprisalReportService;

/** Moderator grants, identity disclosures and reprisal reports, entity ⇄ DTO. */
public final class ModerationMapper {

    private ModerationMapper() {
    }

    public static Moderator toDto(ModeratorGrantEntity g) {
        return new Moderator()
                .id(g.id)
                .country(g.country)
                .userName(g.userName)
                .grantedBy(g.grantedBy)
                .grantedAt(g.grantedAt)
                .version(g.version);
    }

    public static IdentityDisclosure toDto(IdentityDisclosureEntity d) {
        return new IdentityDisclosure()
                .id(d.id)
                .commentId(d.commentId)
                .country(d.country)
                .moderatorName(d.moderatorName)
                .disclosedAt(d.disclosedAt);
    }

    public static ReprisalReport toDto(ReprisalReportEntity r) {
        return new ReprisalReport()
                .id(r.id)
                .country(r.country)
                .recommendationId(r.recommendationId)
                .commentId(r.commentId)
                .personConcerned(r.personConcerned)
                .description(r.description)
                .occurredOn(r.occurredOn)
                .authorName(r.authorName)
                .authorRole(r.authorRole)
                .authorInstitution(r.authorInstitution)
                .createdAt(r.createdAt)
                .version(r.version);
    }

    public static ReprisalReportService.Draft toDraft(ReprisalReportInput input) {
        return new ReprisalReportService.Draft(input.getCountry(), input.getRecommendationId(), input.getCommentId(),
                input.getPersonConcerned(), input.getDescription(), input.getOccurredOn());
    }
}
