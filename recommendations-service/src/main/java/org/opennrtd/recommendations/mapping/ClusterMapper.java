package org.opennrtd.recommendations.mapping;

import org.opennrtd.recommendations.api.model.Cluster;
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

    private ClusterMapper() {
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
                .state(ClusterSuggestionState.fromValue(s.state()))
                .terms(s.terms())
                .size(s.size())
                .cohesion(s.cohesion())
                .recommendationIds(s.members())
                .clusterId(s.clusterId());
    }
}
