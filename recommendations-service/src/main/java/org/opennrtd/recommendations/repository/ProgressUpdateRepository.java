package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opennrtd.recommendations.entity.ProgressUpdateEntity;

/** Progress updates, searched with what the caller may see decided in SQL. */
@ApplicationScoped
public class ProgressUpdateRepository implements PanacheRepositoryBase<ProgressUpdateEntity, UUID> {

    /**
     * Who sees what: {@code everything} sees every state; otherwise only validated updates, plus every state of the
     * actions where {@code institutionId} (the caller's own institution, if any) leads or supports.
     */
    public record Visibility(boolean everything, UUID institutionId) {
    }

    public record Filter(Optional<String> country, UUID actionId, String status, Visibility visibility, int offset,
            int limit) {
    }

    public record Page(List<ProgressUpdateEntity> items, long total) {
    }

    public Page search(Filter f) {
        NativeSearch search = new NativeSearch();
        f.country().ifPresent(c -> search.where("a.country = :country", "country", c));
        search.whereIfPresent(f.actionId(), "p.action_id = :action", "action");
        search.whereIfPresent(f.status(), "p.status = :status", "status");
        if (!f.visibility().everything()) {
            if (f.visibility().institutionId() == null) {
                search.where("p.status = 'VALIDATED'");
            } else {
                search.where("(p.status = 'VALIDATED' or a.lead_institution_id = :own or exists (select 1 from"
                        + " action_supporting_institution s where s.action_id = a.id and s.institution_id = :own))",
                        "own", f.visibility().institutionId());
            }
        }
        NativeSearch.Result<ProgressUpdateEntity> result = search.page(getEntityManager(), "p.*",
                "progress_update p join action a on a.id = p.action_id", "p.report_date desc, p.created_at desc, p.id",
                ProgressUpdateEntity.class, f.offset(), f.limit());
        return new Page(result.items(), result.total());
    }
}
