package org.opennrtd.recommendations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.opennrtd.common.jobs.DurableJob;

/** Cluster computations as jobs that survive the loss of a replica: the table and how to run one. */
@ApplicationScoped
public class ClusterComputationJobs implements DurableJob {

    /** The first key of the computations' advisory locks. */
    static final int LOCK_SPACE = 0x434c5354; // "CLST"

    @Inject
    ClusterComputationService service;

    @Override
    public String name() {
        return "cluster computation";
    }

    @Override
    public String table() {
        return "cluster_computation";
    }

    @Override
    public int lockSpace() {
        return LOCK_SPACE;
    }

    @Override
    public String claimAssignments() {
        return "progress = 0, finished_at = null";
    }

    @Override
    public void run(UUID id) {
        service.compute(id);
    }

    @Override
    public void fail(UUID id, String reason) {
        service.fail(id, reason);
    }
}
