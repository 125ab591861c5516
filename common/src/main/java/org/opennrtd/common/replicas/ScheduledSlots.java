package org.opennrtd.common.replicas;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Makes a scheduled task run once per scheduled time across all replicas of a service. Every replica's scheduler
 * fires at the same cron time; the first to record (task, time) in the service's {@code scheduled_run} table runs
 * it, the others skip. The record is committed at once, so a later replica skips even after the winner finished.
 *
 * <p>The table, created by each service that schedules work:
 * {@code create table scheduled_run (task text, slot timestamptz, replica text not null,
 * claimed_at timestamptz not null, primary key (task, slot))}.
 */
@ApplicationScoped
public class ScheduledSlots {

    @Inject
    EntityManager em;

    @Inject
    ReplicaId replica;

    /** True if this replica is the one to run {@code task} for the time it was scheduled for. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean claim(String task, Instant scheduledFireTime) {
        return em.createNativeQuery("insert into scheduled_run (task, slot, replica, claimed_at) values (?1, ?2, ?3, now())"
                        + " on conflict do nothing")
                .setParameter(1, task)
                .setParameter(2, OffsetDateTime.ofInstant(scheduledFireTime, ZoneOffset.UTC))
                .setParameter(3, replica.value())
                .executeUpdate() == 1;
    }
}
