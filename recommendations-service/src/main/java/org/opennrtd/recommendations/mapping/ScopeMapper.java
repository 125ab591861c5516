package org.opennrtd.recommendations.mapping;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.opennrtd.recommendations.api.model.RecommendationScope;
import org.opennrtd.recommendations.entity.RecommendationEntity;
import org.opennrtd.recommendations.repository.RecommendationQuery;

/**
 * A job's {@link RecommendationScope} (the filters of {@code listRecommendations} in a body) as a repository query
 * over one country, and as the plain map a job stores and answers to say which scope made it.
 */
public final class ScopeMapper {

    private ScopeMapper() {
    }

    /** The scope's filters over {@code country}; an absent scope selects every recommendation of the country. */
    public static RecommendationQuery toQuery(String country, RecommendationScope scope) {
        RecommendationScope s = scope == null ? new RecommendationScope() : scope;
        return new RecommendationQuery(Optional.of(country), s.getQ(),
                s.getMechanism() == null ? null : RecommendationEntity.Mechanism.valueOf(s.getMechanism().name()),
                s.getBody(),
                s.getPosition() == null ? null : RecommendationEntity.Position.valueOf(s.getPosition().name()),
                s.getTheme(), s.getAffectedPerson(), s.getRecommendingState(), s.getSdgGoal(), s.getSdgTarget(),
                s.getDocumentSymbol(), s.getUprCycle(), s.getUprSession(), s.getRegion(), s.getPublishedFrom(),
                s.getPublishedTo(), FollowUpMapper.status(s.getImplementationStatus()),
                FollowUpMapper.level(s.getPriorityLevel()), s.getWithdrawnFromUhri(), null, 0, Integer.MAX_VALUE);
    }

    /** The filters the scope sets, by their contract names, in the contract's order (absent ones left out). */
    public static Map<String, Object> toMap(RecommendationScope scope) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (scope == null) {
            return m;
        }
        put(m, "q", scope.getQ());
        put(m, "mechanism", scope.getMechanism() == null ? null : scope.getMechanism().name());
        put(m, "body", scope.getBody());
        put(m, "position", scope.getPosition() == null ? null : scope.getPosition().name());
        put(m, "theme", scope.getTheme());
        put(m, "affectedPerson", scope.getAffectedPerson());
        put(m, "recommendingState", scope.getRecommendingState());
        put(m, "sdgGoal", scope.getSdgGoal());
        put(m, "sdgTarget", scope.getSdgTarget());
        put(m, "documentSymbol", scope.getDocumentSymbol());
        put(m, "uprCycle", scope.getUprCycle());
        put(m, "uprSession", scope.getUprSession());
        put(m, "region", scope.getRegion());
        put(m, "publishedFrom", scope.getPublishedFrom() == null ? null : scope.getPublishedFrom().toString());
        put(m, "publishedTo", scope.getPublishedTo() == null ? null : scope.getPublishedTo().toString());
        put(m, "implementationStatus", scope.getImplementationStatus() == null ? null
                : scope.getImplementationStatus().name());
        put(m, "priorityLevel", scope.getPriorityLevel() == null ? null : scope.getPriorityLevel().name());
        put(m, "withdrawnFromUhri", scope.getWithdrawnFromUhri());
        return m;
    }

    private static void put(Map<String, Object> m, String name, Object value) {
        if (value != null) {
            m.put(name, value);
        }
    }
}
