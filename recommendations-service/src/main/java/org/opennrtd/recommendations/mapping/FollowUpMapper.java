package org.opennrtd.recommendations.mapping;

import java.util.ArrayList;
import org.opennrtd.recommendations.api.model.ImplementationStatus;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.api.model.PriorityLevel;
import org.opennrtd.recommendations.api.model.PriorityScore;
import org.opennrtd.recommendations.api.model.PriorityScorePart;
import org.opennrtd.recommendations.api.model.RecommendationFollowUp;
import org.opennrtd.recommendations.api.model.RecommendationFollowUpInput;
import org.opennrtd.recommendations.api.model.RecommendationFollowUpPage;
import org.opennrtd.recommendations.entity.RecommendationTrackingEntity;
import org.opennrtd.recommendations.repository.RecommendationTrackingRepository;
import org.opennrtd.recommendations.service.FollowUpService;

/** Follow-up and priority score DTOs to and from the domain. */
public final class FollowUpMapper {

    private FollowUpMapper() {
    }

    public static FollowUpService.Draft toDraft(RecommendationFollowUpInput in) {
        return new FollowUpService.Draft(status(in.getImplementationStatus()), level(in.getPriorityLevel()),
                in.getStatusNote());
    }

    /** The domain's status; null for null. */
    public static RecommendationTrackingEntity.Status status(ImplementationStatus status) {
        return status == null ? null : RecommendationTrackingEntity.Status.valueOf(status.name());
    }

    /** The domain's priority level; null for null. */
    public static RecommendationTrackingEntity.PriorityLevel level(PriorityLevel level) {
        return level == null ? null : RecommendationTrackingEntity.PriorityLevel.valueOf(level.name());
    }

    public static RecommendationFollowUp toDto(FollowUpService.View v) {
        RecommendationTrackingEntity t = v.tracking();
        return new RecommendationFollowUp()
                .recommendationId(t.recommendationId)
                .country(v.country().trim())
                .implementationStatus(ImplementationStatus.fromValue(t.implementationStatus.name()))
                .priorityLevel(t.priorityLevel == null ? null : PriorityLevel.fromValue(t.priorityLevel.name()))
                .statusNote(t.statusNote)
                .updatedAt(t.updatedAt)
                .version(t.version);
    }

    public static RecommendationFollowUpPage toDto(RecommendationTrackingRepository.Page page, int offset, int limit) {
        return new RecommendationFollowUpPage()
                .items(new ArrayList<>(page.items().stream()
                        .map(r -> toDto(new FollowUpService.View(r.tracking(), r.country()))).toList()))
                .page(new PageMeta().offset(offset).limit(limit).total(page.total()));
    }

    public static PriorityScore toDto(FollowUpService.Score s) {
        return new PriorityScore()
                .recommendationId(s.recommendationId())
                .total(s.total())
                .priorityLevel(s.level() == null ? null : PriorityLevel.fromValue(s.level().name()))
                .parts(new ArrayList<>(s.parts().stream().map(p -> new PriorityScorePart()
                        .name(PriorityScorePart.NameEnum.fromValue(p.name().name()))
                        .weight(p.weight())
                        .value(p.value())
                        .contribution(p.contribution())
                        .explanation(p.explanation())).toList()));
    }
}
