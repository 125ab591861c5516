package org.opennrtd.recommendations.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.opennrtd.recommendations.events.DomainEvent;
import org.opennrtd.recommendations.events.DomainEventType;
import org.opennrtd.recommendations.repository.MilestoneRepository;

/**
 * Fires MILESTONE_DUE when a planned milestone enters the notice window and MILESTONE_OVERDUE when it passes its due
 * date, once per milestone: the milestone records that the event fired, in the transaction that fired it. A
 * PostgreSQL advisory lock lets one replica at a time run it; the others skip the round.
 */
@ApplicationScoped
public class MilestoneNotifier {

    private static final Logger LOG = Logger.getLogger(MilestoneNotifier.class);
    /** Advisory lock key: any constant other services' locks do not use. */
    static final long LOCK = 0x4D494C4553544E45L;
    /** Milestones announced per transaction. */
    static final int BATCH = 1000;

    @Inject
    EntityManager em;

    @Inject
    MilestoneRepository milestones;

    @Inject
    Event<DomainEvent> events;

    @ConfigProperty(name = "opennrtd.follow-up.notice-days", defaultValue = "14")
    int noticeDays;

    /** What one round did; {@code ran} is false when another replica held the lock. */
    public record Round(boolean ran, int due, int overdue) {
    }

    @Scheduled(identity = "milestone-notices", cron = "${opennrtd.follow-up.milestone-notices.cron:0 15 * * * ?}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        Round round = announce(WorkflowTime.today());
        if (round.due() + round.overdue() > 0) {
            LOG.infof("Milestone notices: %d due, %d overdue.", round.due(), round.overdue());
        }
    }

    /**
     * Announces what is due or overdue on {@code today}, in transactions of at most {@link #BATCH} milestones each (a
     * first round over a large plan would otherwise outlast the transaction timeout). Must not run inside a
     * transaction.
     */
    public Round announce(LocalDate today) {
        int due = 0;
        int overdue = 0;
        boolean first = true;
        while (true) {
            Round batch = QuarkusTransaction.requiringNew().call(() -> batch(today));
            if (!batch.ran()) {
                // Another replica holds the lock: it finishes the round.
                return new Round(!first, due, overdue);
            }
            first = false;
            due += batch.due();
            overdue += batch.overdue();
            if (batch.due() + batch.overdue() < BATCH) {
                return new Round(true, due, overdue);
            }
        }
    }

    /** One transaction: the lock, up to BATCH notices fired, and the record that they fired. */
    Round batch(LocalDate today) {
        Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)").setParameter(1, LOCK)
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return new Round(false, 0, 0);
        }
        OffsetDateTime now = WorkflowTime.now();
        List<MilestoneRepository.Notice> due = milestones.dueNotYetAnnounced(today, today.plusDays(noticeDays), BATCH);
        due.forEach(n -> fire(DomainEventType.MILESTONE_DUE, n));
        milestones.markAnnounced(due.stream().map(MilestoneRepository.Notice::milestoneId).toList(), false, now);
        List<MilestoneRepository.Notice> overdue = due.size() < BATCH
                ? milestones.overdueNotYetAnnounced(today, BATCH - due.size()) : List.of();
        overdue.forEach(n -> fire(DomainEventType.MILESTONE_OVERDUE, n));
        milestones.markAnnounced(overdue.stream().map(MilestoneRepository.Notice::milestoneId).toList(), true, now);
        return new Round(true, due.size(), overdue.size());
    }

    private void fire(DomainEventType type, MilestoneRepository.Notice n) {
        events.fire(DomainEvent.of(type, n.country(), ActionService.MILESTONE, n.milestoneId(),
                Map.of("actionId", n.actionId().toString(), "title", n.title(), "dueDate", n.dueDate().toString())));
    }
}
