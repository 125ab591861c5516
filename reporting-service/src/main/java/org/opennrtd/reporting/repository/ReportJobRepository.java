package org.opennrtd.reporting.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opennrtd.reporting.entity.ReportJobEntity;

@ApplicationScoped
public class ReportJobRepository implements PanacheRepositoryBase<ReportJobEntity, UUID> {

    /**
     * Marks the oldest queued job RUNNING and returns it. {@code FOR UPDATE SKIP LOCKED} lets several workers (in
     * this or other instances) claim at once without waiting on, or taking, each other's job. Needs a transaction.
     */
    public Optional<UUID> claimNext(OffsetDateTime now) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = getEntityManager().createNativeQuery("""
                update report_job set state = 'RUNNING', started_at = ?1, progress = 1, stage = 'COLLECTING',
                       version = version + 1
                where id = (select id from report_job where state = 'QUEUED' order by created_at, id
                            limit 1 for update skip locked)
                returning id""", UUID.class)
                .setParameter(1, now)
                .getResultList();
        return ids.stream().findFirst();
    }

    /** Progress of a running job; never moves a finished job. Needs a transaction. */
    public void progress(UUID id, String stage, int percent) {
        getEntityManager().createNativeQuery("""
                update report_job set stage = ?2, progress = greatest(progress, ?3), version = version + 1
                where id = ?1 and state = 'RUNNING'""")
                .setParameter(1, id).setParameter(2, stage).setParameter(3, percent)
                .executeUpdate();
    }

    /** Jobs left RUNNING by an instance that stopped; a job does not run for this long. */
    public List<ReportJobEntity> runningSince(OffsetDateTime before) {
        return list("state = ?1 and startedAt < ?2", ReportJobEntity.State.RUNNING, before);
    }
}
