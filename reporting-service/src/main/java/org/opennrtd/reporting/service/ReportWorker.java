package org.opennrtd.reporting.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.jobs.JobRunner;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.reporting.entity.ReportJobEntity;
import org.opennrtd.reporting.entity.ReportVersionEntity;
import org.opennrtd.reporting.report.ReportComposer;
import org.opennrtd.reporting.report.ReportData;
import org.opennrtd.reporting.report.ReportDataCollector;
import org.opennrtd.reporting.report.ReportDocument;
import org.opennrtd.reporting.report.ReportFormat;
import org.opennrtd.reporting.report.ReportParameters;
import org.opennrtd.reporting.report.ReportRenderer;
import org.opennrtd.reporting.repository.ReportJobRepository;
import org.opennrtd.reporting.repository.ReportVersionRepository;
import org.opennrtd.reporting.client.UpstreamGuard;

/**
 * Runs report jobs: reads the other services, lays the report out, renders it and stores the version, reporting
 * progress on the way. A job either stores one complete version, in the same transaction that marks it SUCCEEDED,
 * or fails with a problem and stores nothing. Jobs are claimed through {@link JobRunner} ({@link ReportJobs}): one
 * instance runs a job at a time, and if it dies another instance's poller runs the job again from the start. Workers
 * (at most {@code opennrtd.reporting.workers} per instance) start when a job is queued; every instance also polls.
 */
@ApplicationScoped
public class ReportWorker {

    private static final Logger LOG = Logger.getLogger(ReportWorker.class);
    public static final String RESOURCE = "report";

    @Inject
    ReportJobRepository jobs;

    @Inject
    ReportVersionRepository versions;

    @Inject
    ReportJobService jobService;

    @Inject
    ReportDataCollector collector;

    @Inject
    ReportComposer composer;

    @Inject
    Instance<ReportRenderer> renderers;

    @Inject
    UpstreamGuard guard;

    @Inject
    AuditTrail audit;

    @Inject
    ObjectMapper json;

    @Inject
    ManagedExecutor executor;

    @Inject
    JobRunner runner;

    @Inject
    ReportJobs reportJobs;

    @ConfigProperty(name = "opennrtd.reporting.workers", defaultValue = "2")
    int workers;

    /** How many times a job waits for an unreachable dependency before it fails. */
    @ConfigProperty(name = "opennrtd.reporting.dependency-retries", defaultValue = "6")
    int dependencyRetries;

    /** The first wait; each further one doubles, up to {@link #MAX_RETRY_DELAY}. */
    @ConfigProperty(name = "opennrtd.reporting.dependency-retry-delay", defaultValue = "15S")
    java.time.Duration dependencyRetryDelay;

    static final java.time.Duration MAX_RETRY_DELAY = java.time.Duration.ofMinutes(2);

    /** The stage of a job waiting for an unreachable dependency. */
    public static final String WAITING_STAGE = "WAITING_FOR_DEPENDENCY";

    private Semaphore slots;

    /** A job was queued since a worker last looked. */
    private final AtomicBoolean pending = new AtomicBoolean();

    private synchronized Semaphore slots() {
        if (slots == null) {
            slots = new Semaphore(Math.max(1, workers));
        }
        return slots;
    }

    void onQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReportJobService.JobQueued event) {
        executor.execute(this::drain);
    }

    /**
     * Runs waiting jobs until none is left, using one of the worker slots. When all slots are taken, a busy worker
     * looks again before it stops, so that a job queued meanwhile is not left for the next poll.
     */
    public void drain() {
        pending.set(true);
        while (pending.get() && slots().tryAcquire()) {
            try {
                pending.set(false);
                while (runner.poll(reportJobs) > 0) {
                    // another round: jobs may have been queued while these ran
                }
            } finally {
                slots().release();
            }
        }
    }

    void run(UUID id) {
        ReportJobEntity job = QuarkusTransaction.requiringNew().call(() -> jobs.findById(id));
        try {
            ReportParameters p = jobService.parameters(job);
            ReportData data = collector.collect(p, (stage, percent) -> progress(id, stage, percent));
            progress(id, "RENDERING", 60);
            ReportDocument document = composer.compose(p, data);
            progress(id, "RENDERING", 75);
            byte[] content = renderer(p.format()).render(document);
            progress(id, "STORING", 90);
            store(id, p, data, document, content);
        } catch (RuntimeException | Error e) {
            fail(id, e);
        }
    }

    private ReportRenderer renderer(ReportFormat format) {
        return renderers.stream().filter(r -> r.format() == format).findFirst()
                .orElseThrow(() -> new IllegalStateException("No renderer for " + format));
    }

    private void progress(UUID id, String stage, int percent) {
        QuarkusTransaction.requiringNew().run(() -> jobs.progress(id, stage, percent));
    }

    private void store(UUID jobId, ReportParameters p, ReportData data, ReportDocument document, byte[] content) {
        QuarkusTransaction.requiringNew().run(() -> {
            ReportJobEntity job = jobs.findById(jobId, LockModeType.PESSIMISTIC_WRITE);
            if (job.state != ReportJobEntity.State.RUNNING) {
                LOG.warnf("Report job %s is %s, not RUNNING: its report is not stored", jobId, job.state);
                return;
            }
            ReportVersionEntity v = new ReportVersionEntity();
            v.id = UUID.randomUUID();
            v.jobId = jobId;
            v.reportType = p.type().name();
            v.format = p.format().name();
            v.country = p.country();
            v.language = p.language();
            v.parameters = job.parameters;
            v.seriesKey = p.seriesKey();
            v.contentType = p.format().contentType();
            v.fileName = fileName(p, data);
            v.content = content;
            v.sizeBytes = content.length;
            v.sha256 = sha256(content);
            v.statusCounts = write(document.counts());
            v.snapshotAt = data.snapshotAt();
            v.createdBy = job.createdBy;
            v.createdAt = now();
            versions.persist(v);

            job.state = ReportJobEntity.State.SUCCEEDED;
            job.progress = 100;
            job.stage = "DONE";
            job.reportId = v.id;
            job.finishedAt = v.createdAt;
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("jobId", jobId);
            after.put("parameters", p);
            after.put("sha256", v.sha256);
            after.put("sizeBytes", v.sizeBytes);
            after.put("snapshotAt", v.snapshotAt);
            audit.record(RESOURCE, v.id, "CREATE", job.createdBy, null, after);
        });
    }

    private void fail(UUID jobId, Throwable e) {
        ProblemException problem;
        Optional<ProblemException> upstream = guard.unavailable(null, e);
        if (upstream.isEmpty() && e instanceof ProblemException p && p.status() == 503) {
            upstream = Optional.of(p);
        }
        if (upstream.isPresent()) {
            problem = upstream.get();
            if (waitForDependency(jobId, problem)) {
                return;
            }
        } else if (e instanceof ProblemException p) {
            problem = p;
        } else {
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(e, "Report job %s failed (error id %s)", jobId, errorId);
            problem = new ProblemException(500, "report-generation-failed", "Report generation failed",
                    "The report could not be generated; quote error id " + errorId + " when reporting it.");
        }
        markFailed(jobId, problem);
    }

    /**
     * Puts a running job back in the queue, to run again after a wait that doubles each time, when a dependency could
     * not be reached and the job has waits left: a service restarting or briefly unreachable does not fail a report.
     * The job's error says why it waits; nothing of the interrupted run was stored. False when it has no wait left.
     */
    private boolean waitForDependency(UUID jobId, ProblemException problem) {
        Map<String, Object> error = errorOf(problem);
        return QuarkusTransaction.requiringNew().call(() -> {
            ReportJobEntity job = jobs.findById(jobId, LockModeType.PESSIMISTIC_WRITE);
            if (job == null || job.state != ReportJobEntity.State.RUNNING || job.dependencyRetries >= dependencyRetries) {
                return false;
            }
            java.time.Duration wait = dependencyRetryDelay.multipliedBy(1L << Math.min(job.dependencyRetries, 16));
            if (wait.compareTo(MAX_RETRY_DELAY) > 0) {
                wait = MAX_RETRY_DELAY;
            }
            job.state = ReportJobEntity.State.QUEUED;
            job.stage = WAITING_STAGE;
            job.progress = 0;
            job.error = write(error);
            job.retryAt = now().plus(wait);
            job.dependencyRetries++;
            // The instance did not stop: this claim is not one of the attempts that give up on a job.
            job.attempts = 0;
            Map<String, Object> after = new LinkedHashMap<>(error);
            after.put("retryAt", job.retryAt);
            after.put("dependencyRetries", job.dependencyRetries);
            audit.record(ReportJobService.RESOURCE, jobId, "WAIT_FOR_DEPENDENCY", job.createdBy, null, after);
            LOG.warnf("Report job %s waits %s for a dependency (wait %d of %d): %s", jobId, wait,
                    job.dependencyRetries, dependencyRetries, problem.getMessage());
            return true;
        });
    }

    private static Map<String, Object> errorOf(ProblemException problem) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", org.opennrtd.common.problem.ProblemDetails.TYPE_BASE + problem.type());
        error.put("title", problem.title());
        error.put("status", problem.status());
        error.put("detail", problem.getMessage());
        return error;
    }

    /** Marks a running job FAILED with a reason users may read (its replica stopped too often, or it threw). */
    void fail(UUID jobId, String reason) {
        markFailed(jobId, new ProblemException(500, "report-generation-failed", "Report generation failed", reason));
    }

    /** Stores the problem as the job's error, if the job is still RUNNING, and audits it. */
    private void markFailed(UUID jobId, ProblemException problem) {
        Map<String, Object> error = errorOf(problem);
        QuarkusTransaction.requiringNew().run(() -> {
            ReportJobEntity job = jobs.findById(jobId, LockModeType.PESSIMISTIC_WRITE);
            if (job == null || job.state != ReportJobEntity.State.RUNNING) {
                return;
            }
            job.state = ReportJobEntity.State.FAILED;
            job.stage = "FAILED";
            job.error = write(error);
            job.finishedAt = now();
            audit.record(ReportJobService.RESOURCE, jobId, "FAIL", job.createdBy, null, error);
        });
    }

    static String fileName(ReportParameters p, ReportData data) {
        return "opennrtd-" + p.type().name().toLowerCase().replace('_', '-') + "-" + p.country() + "-"
                + p.language() + "-" + data.snapshotAt().toLocalDate() + "." + p.format().extension();
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
