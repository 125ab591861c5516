package org.opennrtd.recommendations.repository;

import java.util.Optional;
import org.opennrtd.recommendations.entity.RecommendationEntity.Mechanism;
import org.opennrtd.recommendations.entity.RecommendationEntity.Position;
import org.opennrtd.recommendations.entity.RecommendationTrackingEntity;

/** The filters of a recommendation search, already validated. Null means "no filter". */
public record RecommendationQuery(
        Optional<String> country,
        String q,
        Mechanism mechanism,
        String body,
        Position position,
        String theme,
        String affectedPerson,
        String recommendingState,
        Integer sdgGoal,
        String sdgTarget,
        String documentSymbol,
        Integer uprCycle,
        Integer uprSession,
        String region,
        java.time.LocalDate publishedFrom,
        java.time.LocalDate publishedTo,
        RecommendationTrackingEntity.Status implementationStatus,
        RecommendationTrackingEntity.PriorityLevel priorityLevel,
        Boolean withdrawnFromUhri,
        String sort,
        int offset,
        int limit) {
}
