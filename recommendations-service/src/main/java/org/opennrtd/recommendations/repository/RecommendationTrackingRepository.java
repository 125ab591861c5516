package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.opennrtd.recommendations.entity.RecommendationTrackingEntity;

/** Recommendations' implementation status and priority level, one row per recommendation. */
@ApplicationScoped
public class RecommendationTrackingRepository implements PanacheRepositoryBase<RecommendationTrackingEntity, UUID> {
}
