package org.opennrtd.recommendations.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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

    /** Announces what is due or overdue on {@code today}. */
    @Transactional
    public Round announce(LocalDate today) {
        Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)").setParameter(1, LOCK)
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return new Round(false, 0, 0);
        }
        OffsetDateTime now = WorkflowTime.now();
        int due = 0;
        for (MilestoneRepository.Notice n : milestones.dueNotYetAnnounced(today, today.plusDays(noticeDays))) {
            fire(DomainEventType.MILESTONE_DUE, n);
            milestones.markAnnounced(n.milestoneId(), false, now);
            due++;
        }
        int overdue = 0;
        for (MilestoneRepository.Notice n : milestones.overdueNotYetAnnounced(today)) {
            fire(DomainEventType.MILESTONE_OVERDUE, n);
            milestones.markAnnounced(n.milestoneId(), true, now);
            overdue++;
        }
        return new Round(true, due, overdue);
    }

    private void fire(DomainEventType type, MilestoneRepository.Notice n) {
        events.fire(DomainEvent.of(type, n.country(), ActionService.MILESTONE, n.milestoneId(),
                Map.of("actionId", n.actionId().toString(), "title", n.title(), "dueDate", n.dueDate().toString())));
    }
}
