package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opennrtd.recommendations.entity.RecommendationTrackingEntity;

/** Recommendations' implementation status and priority level, one row per recommendation. */
@ApplicationScoped
public class RecommendationTrackingRepository implements PanacheRepositoryBase<RecommendationTrackingEntity, UUID> {

    /** A follow-up with its recommendation's country. */
    public record Row(RecommendationTrackingEntity tracking, String country) {
    }

    public record Page(List<Row> items, long total) {
    }

    /** Follow-ups in the order of their recommendations (document symbol, paragraph, id). */
    public Page list(Optional<String> country, RecommendationTrackingEntity.Status status, int offset, int limit) {
        StringBuilder where = new StringBuilder(" from RecommendationTrackingEntity t, RecommendationEntity r"
                + " where r.id = t.recommendationId");
        if (country.isPresent()) {
            where.append(" and r.country = :country");
        }
        if (status != null) {
            where.append(" and t.implementationStatus = :status");
        }
        var count = getEntityManager().createQuery("select count(t)" + where, Long.class);
        var select = getEntityManager().createQuery("select t, r.country" + where
                + " order by r.documentSymbol nulls last, r.paragraph nulls last, r.id", Object[].class);
        country.ifPresent(c -> {
            count.setParameter("country", c);
            select.setParameter("country", c);
        });
        if (status != null) {
            count.setParameter("status", status);
            select.setParameter("status", status);
        }
        List<Row> rows = select.setFirstResult(offset).setMaxResults(limit).getResultList().stream()
                .map(o -> new Row((RecommendationTrackingEntity) o[0], (String) o[1])).toList();
        return new Page(rows, count.getSingleResult());
    }
}
