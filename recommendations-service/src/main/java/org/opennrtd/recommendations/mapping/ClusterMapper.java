package org.opennrtd.recommendations.mapping;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.opennrtd.recommendations.api.model.Cluster;
import org.opennrtd.recommendations.api.model.ClusterLabelSource;
import org.opennrtd.recommendations.api.model.ClusterSuggestionMember;
import org.opennrtd.recommendations.api.model.RecommendationScope;
import org.opennrtd.recommendations.api.model.ClusterComputation;
import org.opennrtd.recommendations.api.model.ClusterComputationState;
import org.opennrtd.recommendations.api.model.ClusterOrigin;
import org.opennrtd.recommendations.api.model.ClusterSuggestion;
import org.opennrtd.recommendations.api.model.ClusterSuggestionState;
import org.opennrtd.recommendations.entity.ClusterEntity;
import org.opennrtd.recommendations.repository.ClusterSuggestionRepository;
import org.opennrtd.recommendations.service.ClusterService;

/** Clusters, clustering jobs and suggestions to the contract's DTOs. */
public final class ClusterMapper {

    /** Reads a stored scope (the contract's names and JSON values) back into its DTO. */
    private static final ObjectMapper SCOPE = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private ClusterMapper() {
    }

    /** A scope as stored with its computation (only the filters set) as the contract's object. */
    public static RecommendationScope scope(Map<String, Object> stored) {
        return SCOPE.convertValue(stored == null ? Map.of() : stored, RecommendationScope.class);
    }

    public static Cluster toDto(ClusterService.View view) {
        ClusterEntity c = view.cluster();
        return new Cluster()
                .id(c.id)
                .country(c.country)
                .name(c.name)
                .description(c.description)
                .leadInstitutionId(c.leadInstitutionId)
                .origin(ClusterOrigin.fromValue(c.origin.name()))
                .suggestionId(c.suggestionId)
                .size(view.members().size())
                .recommendationIds(view.members())
                .createdAt(c.createdAt)
                .updatedAt(c.updatedAt)
                .version(c.version);
    }

    public static ClusterComputation toDto(ClusterSuggestionRepository.Computation c) {
        return new ClusterComputation()
                .id(c.id())
                .country(c.country())
                .requestedK(c.requestedK())
                .scope(scope(c.scope()))
                .state(ClusterComputationState.fromValue(c.state()))
                .progress(c.progress())
                .model(c.model())
                .recommendations(c.recommendations())
                .embeddingsComputed(c.embeddingsComputed())
                .suggestions(c.suggestions())
                .error(c.error())
                .createdAt(c.createdAt())
                .createdBy(c.createdBy())
                .startedAt(c.startedAt())
                .finishedAt(c.finishedAt());
    }

    public static ClusterSuggestion toDto(ClusterSuggestionRepository.Suggestion s) {
        return new ClusterSuggestion()
                .id(s.id())
                .computationId(s.computationId())
                .country(s.country())
                .scope(scope(s.scope()))
                .state(ClusterSuggestionState.fromValue(s.state()))
                .label(ClusterService.label(s))
                .labelSource(s.labelSource() == null ? ClusterLabelSource.TERMS
                        : ClusterLabelSource.fromValue(s.labelSource()))
                .terms(s.terms())
                .members(s.reasons().stream().map(r -> new ClusterSuggestionMember().recommendationId(r.recommendationId())
                        .reason(r.reason()).sharedThemes(r.sharedThemes())
                        .sharedAffectedPersons(r.sharedAffectedPersons()).textSimilarity(r.textSimilarity())).toList())
                .size(s.size())
                .cohesion(s.cohesion())
                .recommendationIds(s.members())
                .clusterId(s.clusterId());
    }
}
