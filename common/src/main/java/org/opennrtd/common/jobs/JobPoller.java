package org.opennrtd.common.jobs;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * Every replica polls for jobs now and then (and so soon after it starts): queued ones nobody has started, and
 * running ones whose replica died. A job some replica is running is skipped, since its lock is taken.
 */
@ApplicationScoped
public class JobPoller {

    @Inject
    Instance<DurableJob> kinds;

    @Inject
    JobRunner runner;

    @Scheduled(identity = "durable-jobs", every = "${opennrtd.jobs.poll-interval:10s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        for (DurableJob kind : kinds) {
            runner.poll(kind);
        }
    }
}
