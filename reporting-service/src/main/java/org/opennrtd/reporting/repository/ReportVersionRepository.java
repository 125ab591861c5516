package org.opennrtd.reporting.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.opennrtd.reporting.entity.ReportVersionEntity;

@ApplicationScoped
public class ReportVersionRepository implements PanacheRepositoryBase<ReportVersionEntity, UUID> {

    /** The version of the same report (type, country, parameters; any format) made just before this one. */
    public Optional<ReportVersionEntity> previous(ReportVersionEntity v) {
        return find("seriesKey = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3)) order by createdAt desc, id desc",
                v.seriesKey, v.createdAt, v.id).firstResultOptional();
    }

    /** The stored bytes only, without loading them with the description. */
    public Optional<byte[]> content(UUID id) {
        return getEntityManager().createQuery("select v.content from ReportVersionEntity v where v.id = :id",
                byte[].class).setParameter("id", id).getResultStream().findFirst();
    }
}
