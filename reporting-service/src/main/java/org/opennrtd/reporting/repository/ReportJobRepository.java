package org.opennrtd.reporting.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.opennrtd.reporting.entity.ReportJobEntity;

@ApplicationScoped
public class ReportJobRepository implements PanacheRepositoryBase<ReportJobEntity, UUID> {

    /** Progress of a running job; never moves a finished job. Needs a transaction. */
    public void progress(UUID id, String stage, int percent) {
        getEntityManager().createNativeQuery("""
                update report_job set stage = ?2, progress = greatest(progress, ?3), version = version + 1
                where id = ?1 and state = 'RUNNING'""")
                .setParameter(1, id).setParameter(2, stage).setParameter(3, percent)
                .executeUpdate();
    }
}
