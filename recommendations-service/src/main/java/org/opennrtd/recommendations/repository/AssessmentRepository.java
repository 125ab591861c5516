package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.opennrtd.recommendations.entity.AssessmentEntity;

/** NHRI assessments of a recommendation, the current (latest assessed, then latest recorded) first. */
@ApplicationScoped
public class AssessmentRepository implements PanacheRepositoryBase<AssessmentEntity, UUID> {

    public record Slice(List<AssessmentEntity> items, long total) {
    }

    public Slice ofRecommendation(UUID recommendationId, int offset, int limit) {
        PanacheQuery<AssessmentEntity> query = find("recommendationId", Sort.descending("assessedOn", "createdAt", "id"),
                recommendationId);
        long total = query.count();
        List<AssessmentEntity> items = total == 0 ? List.of() : query.range(offset, offset + limit - 1).list();
        return new Slice(items, total);
    }
}
