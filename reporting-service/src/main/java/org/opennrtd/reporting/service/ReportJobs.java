package org.opennrtd.reporting.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.opennrtd.common.jobs.DurableJob;

/** Report jobs as jobs that survive the loss of an instance: the table and how to run one. */
@ApplicationScoped
public class ReportJobs implements DurableJob {

    /** The first key of the report jobs' advisory locks. */
    static final int LOCK_SPACE = 0x52455054; // "REPT"

    @Inject
    ReportWorker worker;

    @Override
    public String name() {
        return "report job";
    }

    @Override
    public String table() {
        return "report_job";
    }

    @Override
    public int lockSpace() {
        return LOCK_SPACE;
    }

    @Override
    public String claimAssignments() {
        return "progress = 1, stage = 'COLLECTING', error = null, retry_at = null, version = version + 1";
    }

    /** A job waiting for an unreachable dependency is not claimed before its time. */
    @Override
    public String readyCondition() {
        return "retry_at is null or retry_at <= now()";
    }

    @Override
    public void run(UUID id) {
        worker.run(id);
    }

    @Override
    public void fail(UUID id, String reason) {
        worker.fail(id, reason);
    }
}
