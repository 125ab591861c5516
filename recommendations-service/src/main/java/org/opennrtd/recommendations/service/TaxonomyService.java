package org.opennrtd.recommendations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import org.opennrtd.common.security.Caller;
import org.opennrtd.recommendations.repository.RecommendationRepository;

/** Taxonomies are the distinct values imports and edits put on recommendations, counted per country scope. */
@ApplicationScoped
public class TaxonomyService {

    private static final Map<String, String> COLUMNS = Map.of(
            "themes", "themes",
            "affected-persons", "affected_persons",
            "bodies", "array[body]",
            "recommending-states", "recommending_states",
            "regions", "regions");

    @Inject
    RecommendationRepository repository;

    @Inject
    Caller caller;

    @Transactional
    public RecommendationRepository.TermPage terms(String kind, String country, int offset, int limit) {
        String column = COLUMNS.get(kind);
        if (column == null) {
            throw org.opennrtd.common.problem.ProblemException.invalidField("kind", "is not a taxonomy");
        }
        return repository.terms(column, caller.countryScope(country), offset, limit);
    }
}
