package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.opennrtd.recommendations.entity.CommentEntity;

/** Comments by target, oldest first, so that a parent always precedes its replies. */
@ApplicationScoped
public class CommentRepository implements PanacheRepositoryBase<CommentEntity, UUID> {

    public record Slice(List<CommentEntity> items, long total) {
    }

    public Slice onTarget(CommentEntity.TargetType type, UUID targetId, int offset, int limit) {
        PanacheQuery<CommentEntity> query = find("targetType = ?1 and targetId = ?2",
                Sort.by("createdAt").and("id"), type, targetId);
        long total = query.count();
        List<CommentEntity> items = total == 0 ? List.of() : query.range(offset, offset + limit - 1).list();
        return new Slice(items, total);
    }

}
