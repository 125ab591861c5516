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
import org.opennrtd.common.http.SortOrder;
import org.opennrtd.recommendations.entity.InstitutionEntity;

/** The institution registry: by id, by (country, code), and searched. */
@ApplicationScoped
public class InstitutionRepository implements PanacheRepositoryBase<InstitutionEntity, UUID> {

    private static final Map<String, String> SORT_COLUMNS = new LinkedHashMap<>();

    static {
        SORT_COLUMNS.put("name", "i.name");
        SORT_COLUMNS.put("code", "i.code");
        SORT_COLUMNS.put("kind", "i.kind");
        SORT_COLUMNS.put("createdAt", "i.created_at");
        SORT_COLUMNS.put("updatedAt", "i.updated_at");
    }

    public record Page(List<InstitutionEntity> items, long total) {
    }

    public Optional<InstitutionEntity> findByCode(String country, String code) {
        return find("country = ?1 and code = ?2", country, code).firstResultOptional();
    }

    public boolean existsWithCode(String country, String code, UUID except) {
        return count("country = ?1 and code = ?2 and id <> ?3", country, code, except) > 0;
    }

    /** The ids among {@code ids} that are institutions of {@code country}. */
    public List<UUID> idsInCountry(String country, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return getEntityManager().createQuery("select i.id from InstitutionEntity i where i.country = :country and i.id in :ids",
                UUID.class).setParameter("country", country).setParameter("ids", ids).getResultList();
    }

    public Page search(Optional<String> country, String kind, String q, String sort, int offset, int limit) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        country.ifPresent(c -> {
            where.add("i.country = :country");
            params.put("country", c);
        });
        if (kind != null) {
            where.add("i.kind = :kind");
            params.put("kind", kind);
        }
        if (q != null && !q.isBlank()) {
            where.add("(i.name ilike :q or i.code ilike :q)");
            params.put("q", "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        String whereSql = where.isEmpty() ? "" : " where " + String.join(" and ", where);
        // Before counting, so that an unknown sort property is refused even when nothing matches.
        String order = SortOrder.toSql(sort, SORT_COLUMNS, "i.name asc", "i.id");
        Query count = getEntityManager().createNativeQuery("select count(*) from institution i" + whereSql);
        params.forEach(count::setParameter);
        long total = ((Number) count.getSingleResult()).longValue();
        if (total == 0 || offset >= total) {
            return new Page(List.of(), total);
        }
        Query select = getEntityManager().createNativeQuery("select i.* from institution i" + whereSql + " order by " + order
                + " offset :offset limit :limit", InstitutionEntity.class);
        params.forEach(select::setParameter);
        select.setParameter("offset", offset).setParameter("limit", limit);
        @SuppressWarnings("unchecked")
        List<InstitutionEntity> items = select.getResultList();
        return new Page(items, total);
    }
}
