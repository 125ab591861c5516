package org.opennrtd.common.jobs;

import java.util.UUID;

/**
 * One kind of job that {@link JobRunner} claims and runs on behalf of a service: which table holds the jobs and how
 * to run one. Implementations are CDI beans; {@link JobPoller} polls every one of them.
 *
 * <p>The table has at least {@code id uuid primary key}, {@code state text} (QUEUED, RUNNING, SUCCEEDED, FAILED),
 * {@code created_at timestamptz}, {@code started_at timestamptz}, {@code claimed_by text} and
 * {@code attempts integer not null default 0}.
 */
public interface DurableJob {

    /** What the logs call this kind of job, for example "cluster computation". */
    String name();

    /** The table of the jobs. */
    String table();

    /** The first key of the jobs' advisory locks (the second is the hash of the job's id); unique per database. */
    int lockSpace();

    /**
     * More assignments made when a job is claimed, in SQL after a comma, for example {@code version = version + 1}
     * or resetting progress; empty for none.
     */
    default String claimAssignments() {
        return "";
    }

    /**
     * A further SQL condition over the job's table (no leading {@code and}) that a QUEUED job must meet before it is
     * claimed, for example the time it waits for; empty for none. A RUNNING job is claimable whatever it says.
     */
    default String readyCondition() {
        return "";
    }

    /**
     * Runs a claimed job to its end: while it runs, no other replica runs it. It may write progress in transactions of
     * its own, but stores its results and marks the job SUCCEEDED (or FAILED) in one last transaction, and only if the
     * job is still RUNNING; a run stopped half-way leaves nothing visible, and a later run starts again from scratch.
     * Throwing marks the job FAILED through {@link #fail}.
     */
    void run(UUID id);

    /** Marks a RUNNING job FAILED with a reason users may read, in a transaction of its own. */
    void fail(UUID id, String reason);
}
