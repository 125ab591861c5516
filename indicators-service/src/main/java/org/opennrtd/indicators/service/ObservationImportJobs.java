package org.opennrtd.indicators.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;
import org.opennrtd.common.jobs.DurableJob;

/** Observation imports as jobs that survive the loss of a replica: the table and how to load one. */
@ApplicationScoped
public class ObservationImportJobs implements DurableJob {

    /** The first key of the imports' advisory locks. */
    static final int LOCK_SPACE = 0x4f425349; // "OBSI"

    @Inject
    ObservationImportService service;

    @Override
    public String name() {
        return "observation import";
    }

    @Override
    public String table() {
        return "observation_import_job";
    }

    @Override
    public int lockSpace() {
        return LOCK_SPACE;
    }

    @Override
    public String claimAssignments() {
        return "version = version + 1";
    }

    @Override
    public void run(UUID id) {
        service.run(id);
    }

    @Override
    public void fail(UUID id, String reason) {
        service.fail(id, reason);
    }
}
