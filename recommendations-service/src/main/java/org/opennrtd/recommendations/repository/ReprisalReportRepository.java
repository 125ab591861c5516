package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.opennrtd.recommendations.entity.ReprisalReportEntity;

/** Reports of intimidation or reprisal, newest first; no other repository reads their table. */
@ApplicationScoped
public class ReprisalReportRepository implements PanacheRepositoryBase<ReprisalReportEntity, UUID> {

    public record Slice(List<ReprisalReportEntity> items, long total) {
    }

    /** The reports of one country (or all: null), or only those one author made (author not null). */
    public Slice list(String country, String author, int offset, int limit) {
        StringBuilder where = new StringBuilder("1 = 1");
        Parameters parameters = new Parameters();
        if (country != null) {
            where.append(" and country = :country");
            parameters.and("country", country);
        }
        if (author != null) {
            where.append(" and authorName = :author");
            parameters.and("author", author);
        }
        PanacheQuery<ReprisalReportEntity> query = find(where.toString(),
                Sort.descending("createdAt").and("id"), parameters);
        long total = query.count();
        List<ReprisalReportEntity> items = total == 0 ? List.of() : query.range(offset, offset + limit - 1).list();
        return new Slice(items, total);
    }
}
