package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.opennrtd.common.http.SortOrder;
import org.opennrtd.recommendations.entity.ClusterEntity;

/** Clusters and their members. */
@ApplicationScoped
public class ClusterRepository implements PanacheRepositoryBase<ClusterEntity, UUID> {

    public record Page(List<ClusterEntity> items, long total) {
    }

    static final Map<String, String> SORT_COLUMNS = Map.of("name", "c.name", "size", "size(c.members)",
            "createdAt", "c.createdAt", "updatedAt", "c.updatedAt");

    public Page list(Optional<String> country, UUID recommendationId, String sort, int offset, int limit) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        if (country.isPresent()) {
            where.append(" and c.country = :country");
        }
        if (recommendationId != null) {
            where.append(" and :recommendationId member of c.members");
        }
        String order = SortOrder.toSql(sort, SORT_COLUMNS, "c.name", "c.id");
        var count = getEntityManager().createQuery("select count(c) from ClusterEntity c" + where, Long.class);
        var select = getEntityManager().createQuery("select c from ClusterEntity c" + where + " order by " + order,
                ClusterEntity.class);
        country.ifPresent(c -> {
            count.setParameter("country", c);
            select.setParameter("country", c);
        });
        if (recommendationId != null) {
            count.setParameter("recommendationId", recommendationId);
            select.setParameter("recommendationId", recommendationId);
        }
        List<ClusterEntity> items = select.setFirstResult(offset).setMaxResults(limit).getResultList();
        return new Page(items, count.getSingleResult());
    }

    /** Which of the ids are recommendations of the country. */
    public Set<UUID> recommendationsOf(String country, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(getEntityManager().createQuery(
                        "select r.id from RecommendationEntity r where r.country = :country and r.id in :ids", UUID.class)
                .setParameter("country", country).setParameter("ids", ids).getResultList());
    }

    /** The members ordered as a State reads them: by report and paragraph. */
    public List<UUID> orderedMembers(UUID clusterId) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = getEntityManager().createNativeQuery("select m.recommendation_id from cluster_member m"
                        + " join recommendation r on r.id = m.recommendation_id where m.cluster_id = ?1"
                        + " order by r.document_symbol nulls last, r.paragraph nulls last, r.id")
                .setParameter(1, clusterId).getResultList();
        return ids;
    }
}
