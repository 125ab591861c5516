package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        f.country().ifPresent(c -> {
            where.add("a.country = :country");
            params.put("country", c);
        });
        if (f.actionId() != null) {
            where.add("p.action_id = :action");
            params.put("action", f.actionId());
        }
        if (f.status() != null) {
            where.add("p.status = :status");
            params.put("status", f.status());
        }
        if (!f.visibility().everything()) {
            if (f.visibility().institutionId() == null) {
                where.add("p.status = 'VALIDATED'");
            } else {
                where.add("(p.status = 'VALIDATED' or a.lead_institution_id = :own or exists (select 1 from"
                        + " action_supporting_institution s where s.action_id = a.id and s.institution_id = :own))");
                params.put("own", f.visibility().institutionId());
            }
        }
        String from = " from progress_update p join action a on a.id = p.action_id"
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
        Query count = getEntityManager().createNativeQuery("select count(*)" + from);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        if (total == 0 || f.offset() >= total) {
            return new Page(List.of(), total);
        }
        Query select = getEntityManager().createNativeQuery("select p.*" + from
                + " order by p.report_date desc, p.created_at desc, p.id offset :offset limit :limit", ProgressUpdateEntity.class);
        params.forEach(select::setParameter);
        select.setParameter("offset", f.offset()).setParameter("limit", f.limit());
        @SuppressWarnings("unchecked")
        List<ProgressUpdateEntity> items = select.getResultList();
        return new Page(items, total);
    }
}
