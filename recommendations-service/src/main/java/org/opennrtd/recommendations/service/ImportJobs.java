package org.opennrtd.recommendations.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.opennrtd.common.replicas.ReplicaId;
import org.opennrtd.recommendations.entity.ImportJobEntity;
import org.opennrtd.recommendations.importing.ImportApplier;
import org.opennrtd.recommendations.importing.ImportFormat;
import org.opennrtd.recommendations.importing.ImportPayload;
import org.opennrtd.recommendations.importing.InvalidFileException;
import org.opennrtd.recommendations.importing.JobApplier;
import org.opennrtd.recommendations.importing.TranslationApplier;

/**
 * Applies stored import jobs, each in one transaction, and marks each SUCCEEDED or FAILED. Jobs live in the database,
 * not in a replica's memory: any replica picks up queued jobs, and jobs whose replica died, when it polls; advisory
 * locks make sure that one replica applies a job and that one file applies at a time. A job that a replica applies
 * while its file is still being read ({@link #loadAhead}) is the same job, started earlier.
 */
@ApplicationScoped
public class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class);

    /** The first key of import jobs' advisory locks (the second is the job id's hash). */
    private static final int JOB_LOCK_SPACE = 0x494d5054; // "IMPT"

    /**
     * The advisory lock held while a file is applied: one file applies at a time, on any replica, so that which States
     * already have rows is known before its first row arrives, and two first imports of one State cannot both insert.
     */
    public static final int APPLY_LOCK = 0x494d5041; // "IMPA"

    /** How many times a job is claimed before it is given up (a replica that dies while applying leaves it RUNNING). */
    static final int MAX_ATTEMPTS = 3;

    /** How long applying one file may take before its transaction is rolled back (the whole index takes minutes). */
    @ConfigProperty(name = "opennrtd.import.apply-timeout-seconds", defaultValue = "3600")
    int applyTimeoutSeconds;

    @Inject
    EntityManager em;

    @Inject
    JobApplier applier;

    @Inject
    Event<NearDuplicateService.CountryChanged> countryChanged;

    @Inject
    ImportProblems problems;

    @Inject
    ManagedExecutor executor;

    @Inject
    ReplicaId replica;

    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile boolean pollAgain;

    /**
     * Starts applying job {@code jobId} (not stored yet) from rows handed over while its file is read: a worker takes
     * the job's locks in a transaction of its own and loads rows as they come; it commits only after the job is
     * stored, and rolls back, leaving nothing behind, if the rows are withdrawn. If the locks are taken, the reader
     * learns it from {@link LoadAhead#locked()} and the job waits, queued, for its turn.
     */
    LoadAhead loadAhead(UUID jobId, JobApplier.Options options, String actor) {
        LoadAhead ahead = new LoadAhead(applyTimeoutSeconds);
        executor.runAsync(() -> {
            try {
                QuarkusTransaction.requiringNew().timeout(applyTimeoutSeconds).run(() -> {
                    if (!tryLocks(jobId)) {
                        ahead.lockTaken(false);
                        return;
                    }
                    ahead.lockTaken(true);
                    JobApplier.Outcome counts;
                    try {
                        counts = applier.apply(ahead, options, actor);
                    } catch (RuntimeException | Error e) {
                        if (ahead.awaitStored()) {
                            // The job exists: it fails, while this replica still holds its lock.
                            QuarkusTransaction.requiringNew().run(() -> fail(jobId, reason(e)));
                        }
                        throw e;
                    }
                    if (!ahead.awaitStored()) {
                        throw new LoadAhead.Withdrawn();
                    }
                    finish(em.find(ImportJobEntity.class, jobId), counts);
                    em.flush();
                });
            } catch (LoadAhead.Withdrawn e) {
                LOG.debugf("Import job %s was not stored; the rows loaded for it were rolled back.", jobId);
            } catch (RuntimeException e) {
                if (!(e instanceof InvalidFileException)) {
                    LOG.errorf(e, "Import job %s failed", jobId);
                }
            } finally {
                ahead.workerDone();
                if (ahead.locked()) {
                    applyQueuedJobsSoon();
                }
            }
        });
        return ahead;
    }

    /** Applies a queued job after its submitting transaction has committed. */
    public void start(UUID jobId) {
        executor.runAsync(() -> run(jobId));
    }

    /**
     * Every replica looks for unfinished jobs now and then (and so at start): queued ones, ones a replica stopped
     * before applying, and running ones whose replica died. A job some replica is applying is skipped (its lock is
     * taken), and so are all while another file is being applied. Polls do not overlap: one asked for while another
     * runs makes that one look again.
     */
    @Scheduled(identity = "import-jobs", every = "${opennrtd.import.poll-interval:10s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void applyUnfinishedJobs() {
        if (!polling.compareAndSet(false, true)) {
            pollAgain = true;
            return;
        }
        try {
            do {
                pollAgain = false;
                unfinishedJobs().forEach(this::run);
            } while (pollAgain);
        } finally {
            polling.set(false);
        }
    }

    /** After an apply on this replica ends: jobs that waited for it start now rather than at the next poll. */
    private void applyQueuedJobsSoon() {
        executor.runAsync(this::applyUnfinishedJobs);
    }

    @Transactional
    List<UUID> unfinishedJobs() {
        return em.createQuery("select j.id from ImportJobEntity j where j.state in :s order by j.createdAt", UUID.class)
                .setParameter("s", List.of(ImportJobEntity.State.QUEUED, ImportJobEntity.State.RUNNING))
                .setMaxResults(20).getResultList();
    }

    /** Applies the job unless another replica is applying it or it is finished; true if this call applied it. */
    boolean run(UUID jobId) {
        boolean[] locked = {false};
        try {
            return QuarkusTransaction.requiringNew().timeout(applyTimeoutSeconds)
                    .call(() -> applyIfFree(jobId, locked));
        } catch (RuntimeException e) {
            if (!(e instanceof InvalidFileException)) {
                LOG.errorf(e, "Import job %s failed", jobId);
            }
            return false;
        } finally {
            if (locked[0]) {
                applyQueuedJobsSoon();
            }
        }
    }

    /**
     * Inside the applying transaction: takes the job's advisory lock (held until this transaction ends, or until
     * this replica's connection does, if it dies), marks the job RUNNING for everyone to see, applies its rows and
     * marks it SUCCEEDED in the same transaction as the rows. A failure marks it FAILED while the lock is still held,
     * so that no other replica retries a file that cannot be applied.
     */
    boolean applyIfFree(UUID jobId, boolean[] locked) {
        if (!tryLocks(jobId)) {
            return false;
        }
        locked[0] = true;
        List<?> claimed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("update import_job set"
                        + " state = 'RUNNING', claimed_by = ?2, attempts = attempts + 1, started_at = now(),"
                        + " version = version + 1 where id = ?1 and state in ('QUEUED', 'RUNNING') returning attempts")
                .setParameter(1, jobId).setParameter(2, replica.value()).getResultList());
        if (claimed.isEmpty()) {
            return false;
        }
        int attempts = ((Number) claimed.get(0)).intValue();
        if (attempts > MAX_ATTEMPTS) {
            // Earlier attempts ended without a verdict (the replica stopped or died while applying): give up.
            QuarkusTransaction.requiringNew().run(() -> fail(jobId, "The import was attempted " + MAX_ATTEMPTS
                    + " times without finishing and was given up; nothing of it was stored."));
            return false;
        }
        try {
            ImportJobEntity job = em.find(ImportJobEntity.class, jobId);
            JobApplier.Options options = new JobApplier.Options(ImportFormat.valueOf(job.format), job.complete,
                    ImportService.translationLanguage(job.language));
            finish(job, applier.apply(ImportPayload.feed(job.payload), options, job.createdBy));
            em.flush();
            return true;
        } catch (RuntimeException | Error e) {
            QuarkusTransaction.requiringNew().run(() -> fail(jobId, reason(e)));
            throw e;
        }
    }

    /**
     * Takes, for the current transaction, the job's advisory lock and the {@link #APPLY_LOCK}, if both are free. No one
     * waits for them holding a connection (many uploads at once would exhaust the pool): a job whose locks are taken
     * waits in the database for the next poll, which comes at once when an apply on this replica ends.
     */
    private boolean tryLocks(UUID jobId) {
        return Boolean.TRUE.equals(em.createNativeQuery("select pg_try_advisory_xact_lock(?1, hashtext(cast(?2 as text)))")
                .setParameter(1, JOB_LOCK_SPACE).setParameter(2, jobId.toString()).getSingleResult())
                && Boolean.TRUE.equals(em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                        .setParameter(1, APPLY_LOCK).getSingleResult());
    }

    /** Marks a job SUCCEEDED with what it changed, in the transaction that applied its rows. */
    private void finish(ImportJobEntity job, JobApplier.Outcome outcome) {
        ImportApplier.Counts counts = outcome.records();
        if (job.state != ImportJobEntity.State.QUEUED && job.state != ImportJobEntity.State.RUNNING) {
            throw new IllegalStateException("Import job " + job.id + " is already " + job.state + ".");
        }
        if (counts.created() + counts.updated() > 0) {
            // After this transaction commits, in the background: grouping the whole index takes minutes, which the
            // import's own transaction should not carry. Groups follow an import a moment later, as after an edit.
            counts.countries().forEach(c -> countryChanged.fire(new NearDuplicateService.CountryChanged(c)));
        }
        job.created = counts.created();
        job.updated = counts.updated();
        job.unchanged = counts.unchanged();
        job.withdrawn = outcome.presence().withdrawn();
        job.restored = outcome.presence().restored();
        TranslationApplier.Counts translations = outcome.translations();
        job.translated = translations.translated();
        job.unchanged += translations.unchanged();
        job.rejected += counts.rejected() + translations.unknown();
        if (!counts.problems().isEmpty() || !translations.problems().isEmpty()) {
            // Row problems found while applying (matching with stored rows, translations of unknown annotations).
            List<Map<String, Object>> all = new ArrayList<>(problems.of(job));
            counts.problems().forEach(p -> all.add(ImportProblems.map(p)));
            translations.problems().forEach(p -> all.add(ImportProblems.map(p)));
            job.problems = problems.write(all);
        }
        job.rowsRead = job.rowsTotal;
        job.state = ImportJobEntity.State.SUCCEEDED;
        job.finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        job.payload = null;
    }

    private static String reason(Throwable e) {
        if (e instanceof InvalidFileException) {
            return e.getMessage();
        }
        return e instanceof OutOfMemoryError ? "The import ran out of memory and was rolled back."
                : "The import failed and was rolled back.";
    }

    private void fail(UUID jobId, String reason) {
        ImportJobEntity job = em.find(ImportJobEntity.class, jobId);
        job.state = ImportJobEntity.State.FAILED;
        job.error = reason;
        job.finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        job.payload = null;
    }
}
