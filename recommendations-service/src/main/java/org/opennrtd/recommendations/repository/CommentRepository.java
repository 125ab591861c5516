package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
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

    /**
     * The comments on one target that the reader sees: restricted ones only when {@code seesRestricted}, or when the
     * reader ({@code reader}, a user name) wrote them, by name or under a pseudonym.
     */
    public Slice onTarget(CommentEntity.TargetType type, UUID targetId, boolean seesRestricted, String reader,
            int offset, int limit) {
        PanacheQuery<CommentEntity> query = find("targetType = :type and targetId = :target and (restricted = false"
                        + " or :all = true"
                        + " or (identity = 'NAMED' and authorName = :reader)"
                        + " or id in (select i.commentId from CommentIdentityEntity i where i.authorName = :reader))",
                Sort.by("createdAt").and("id"), Parameters.with("type", type).and("target", targetId)
                        .and("all", seesRestricted).and("reader", reader));
        long total = query.count();
        List<CommentEntity> items = total == 0 ? List.of() : query.range(offset, offset + limit - 1).list();
        return new Slice(items, total);
    }

}
