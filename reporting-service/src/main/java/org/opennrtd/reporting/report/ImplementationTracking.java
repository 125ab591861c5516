package org.opennrtd.reporting.report;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one place where implementation data enters reports: implementation status, plan actions (institutions,
 * budgets, milestones) and validated progress narratives from the recommendations service, clusters of
 * recommendations, and national indicator values and progress from the indicators service.
 *
 * <p>The contracts of those upstream operations are not published yet (api-spec/recommendations/v1 and
 * api-spec/indicators/v1 have none today), so every method answers "nothing known" and reports show
 * recommendations with their positions, themes, bodies and SDG goals only. When the operations are in the
 * contracts, the generated clients are called here (through a guarded client class like
 * {@link org.opennrtd.reporting.client.RecommendationsServiceClient}, with timeouts, retries and a circuit breaker)
 * and translated into {@link ReportData.Implementation} and {@link ReportData.Cluster}; nothing else changes,
 * because the renderers already show those fields when present.
 */
@ApplicationScoped
public class ImplementationTracking {

    /**
     * @return implementation data per recommendation id; recommendations without any are left out
     */
    public Map<UUID, ReportData.Implementation> implementationOf(String country, List<UUID> recommendationIds) {
        return Map.of();
    }

    /** @return the country's clusters of recommendations, empty when none are known */
    public List<ReportData.Cluster> clustersOf(String country) {
        return List.of();
    }

    /** @return the names of the services this class read, for the report's list of sources */
    public List<String> sources() {
        return List.of();
    }
}
