package org.opennrtd.recommendations.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.replicas.ScheduledSlots;
import org.opennrtd.common.security.Caller;
import org.opennrtd.common.security.Roles;
import org.opennrtd.recommendations.entity.ImportJobEntity;
import org.opennrtd.recommendations.entity.ScheduledPullStateEntity;
import org.opennrtd.recommendations.importing.ImportFormat;
import org.opennrtd.recommendations.importing.UrlFetcher;

/**
 * Imports of files the service fetches itself: on request from an allowed address, and on a schedule from one
 * configured UHRI-compatible address (off by default). The scheduled pull runs on one replica at a time: it holds
 * a PostgreSQL advisory lock while it fetches and queues. It asks conditionally, so an unchanged export costs one
 * request and no import job, and records a pull that failed as a FAILED import job (there is no caller to answer).
 */
@ApplicationScoped
public class UrlImportService {

    private static final Logger LOG = Logger.getLogger(UrlImportService.class);
    static final long SCHEDULED_PULL_LOCK = 0x4f4e5244_55484952L;
    public static final String SCHEDULER = "scheduler";
    private static final int PULL_TIMEOUT_SECONDS = 3600;

    @Inject
    ImportService imports;

    @Inject
    ImportJobs jobs;

    @Inject
    Caller caller;

    @Inject
    EntityManager em;

    @Inject
    ScheduledSlots slots;

    @ConfigProperty(name = "opennrtd.import.url.allowed-prefixes", defaultValue = " ")
    List<String> allowedPrefixes;

    @ConfigProperty(name = "opennrtd.import.url.timeout", defaultValue = "PT60S")
    Duration timeout;

    @ConfigProperty(name = "opennrtd.import.scheduled-pull.cron", defaultValue = "off")
    String cron;

    @ConfigProperty(name = "opennrtd.import.scheduled-pull.url")
    Optional<URI> scheduledUrl;

    @ConfigProperty(name = "opennrtd.import.scheduled-pull.country")
    Optional<String> scheduledCountry;

    /** Whether the scheduled pull's file is a complete UHRI export, which withdraws the annotations it lacks. */
    @ConfigProperty(name = "opennrtd.import.scheduled-pull.complete", defaultValue = "true")
    boolean scheduledComplete;

    /** Fetches and queues a file a caller asked for; the caller's country rules apply as for an upload. */
    public ImportJobEntity pull(URI url, String country, Integer uprCycle, Integer uprSession, boolean complete,
            String language) {
        if (country != null && !caller.hasRole(Roles.ADMIN) && !caller.maySeeCountry(country)) {
            throw ProblemException.forbidden("Your account may import for " + caller.country().orElse("no country")
                    + " only, not " + country + ".");
        }
        UrlFetcher.Fetched fetched = fetcher(allowedPrefixes).fetch(url);
        try {
            return imports.submit(new ImportService.Upload(fetched.file(), fetched.size(), fetched.fileName(),
                    fetched.contentType(), country, uprCycle, uprSession, complete, language));
        } finally {
            UrlFetcher.delete(fetched.file());
        }
    }

    /** The scheduled pull; {@code opennrtd.import.scheduled-pull.cron} is {@code off} unless configured. */
    @Scheduled(identity = "uhri-pull", cron = "${opennrtd.import.scheduled-pull.cron:off}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledPull(ScheduledExecution execution) {
        // Every replica's scheduler fires at this time; the first to record it runs the pull.
        if (!slots.claim("uhri-pull", execution.getScheduledFireTime())) {
            LOG.debugf("The scheduled UHRI pull of %s is another replica's.", execution.getScheduledFireTime());
            return;
        }
        pullConfigured();
    }

    /** What one run of the configured pull did, and the import job it queued or recorded as FAILED, if any. */
    public record PullResult(Outcome outcome, UUID jobId) {
        public enum Outcome {
            /** No address is configured. */
            NOT_CONFIGURED,
            /** Another replica is pulling. */
            ELSEWHERE,
            /** A file was fetched and its import job queued and started. */
            QUEUED,
            /** The server answered 304: the file is the one queued last time; no import job. */
            NOT_MODIFIED,
            /** The file could not be fetched or read: a FAILED import job says why; nothing was imported. */
            FAILED
        }
    }

    /**
     * Runs the configured pull once, unless another replica is running it. The request is conditional: it sends the
     * validators of the last file fetched and queued from the address, and a 304 ends the pull with no import job.
     * A failed pull (the address unreachable, an HTTP error, a file too large or refused by the reader) is recorded
     * as a FAILED import job requested by {@link #SCHEDULER} and keeps the validators, so the next pull fetches the
     * file again. The advisory lock lives as long as the pull's transaction, which spans fetching and reading a file
     * that can be the whole index (about 360 MB): hence a timeout of an hour rather than the default minute. A job
     * queued is started once that transaction has committed.
     */
    public PullResult pullConfigured() {
        if (scheduledUrl.isEmpty()) {
            return new PullResult(PullResult.Outcome.NOT_CONFIGURED, null);
        }
        URI url = scheduledUrl.get();
        PullResult result;
        try {
            result = QuarkusTransaction.requiringNew().timeout(PULL_TIMEOUT_SECONDS).call(() -> pullLocked(url));
        } catch (RuntimeException e) {
            // The database failed, or the transaction did: nothing of the pull was committed. Recorded on its own.
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(e, "The scheduled UHRI pull from %s failed (error id %s)", url, errorId);
            UUID job = QuarkusTransaction.requiringNew().call(() -> recordFailure(url,
                    em.find(ScheduledPullStateEntity.class, url.toString()), null,
                    "The scheduled pull failed; quote error id " + errorId + " when reporting it.").id);
            return new PullResult(PullResult.Outcome.FAILED, job);
        }
        if (result.outcome() == PullResult.Outcome.QUEUED) {
            jobs.start(result.jobId());
        }
        return result;
    }

    /** Inside the pull's transaction: takes the lock, fetches if changed, queues or records the failure. */
    private PullResult pullLocked(URI url) {
        Object locked = em.createNativeQuery("select pg_try_advisory_xact_lock(?1)").setParameter(1, SCHEDULED_PULL_LOCK)
                .getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            LOG.info("The scheduled UHRI pull is running on another replica; skipped here.");
            return new PullResult(PullResult.Outcome.ELSEWHERE, null);
        }
        ScheduledPullStateEntity state = em.find(ScheduledPullStateEntity.class, url.toString());
        UrlFetcher.Fetched fetched = null;
        try {
            // The configured address is trusted: it is the administrator's own setting.
            Optional<UrlFetcher.Fetched> changed = fetcher(List.of(url.toString())).fetchIfChanged(url, toSend(state));
            if (changed.isEmpty()) {
                state = record(state, url, ScheduledPullStateEntity.Status.NOT_MODIFIED, null);
                LOG.infof("Scheduled UHRI pull: %s is unchanged since %s (HTTP 304); no import job.", url,
                        state.fetchedAt);
                return new PullResult(PullResult.Outcome.NOT_MODIFIED, null);
            }
            fetched = changed.get();
            ImportJobEntity job = imports.submit(upload(url, fetched), scheduledCountry, SCHEDULER);
            state = record(state, url, ScheduledPullStateEntity.Status.QUEUED, job.id);
            state.etag = fetched.validators().etag();
            state.lastModified = fetched.validators().lastModified();
            state.fetchedJobId = job.id;
            state.fetchedAt = state.lastCheckedAt;
            LOG.infof("Scheduled UHRI pull from %s queued import job %s (%d rows).", url, job.id, job.rowsTotal);
            return new PullResult(PullResult.Outcome.QUEUED, job.id);
        } catch (RuntimeException e) {
            if (QuarkusTransaction.isRollbackOnly()) {
                throw e;
            }
            String reason;
            if (e instanceof ProblemException) {
                reason = e.getMessage();
            } else {
                String errorId = UUID.randomUUID().toString();
                LOG.errorf(e, "The scheduled UHRI pull from %s failed (error id %s)", url, errorId);
                reason = "The scheduled pull failed; quote error id " + errorId + " when reporting it.";
            }
            ImportJobEntity job = recordFailure(url, state, fetched, reason);
            LOG.warnf("Scheduled UHRI pull from %s failed, recorded as import job %s: %s", url, job.id, reason);
            return new PullResult(PullResult.Outcome.FAILED, job.id);
        } finally {
            if (fetched != null) {
                UrlFetcher.delete(fetched.file());
            }
        }
    }

    /**
     * The validators to send: those of the last file fetched and queued, unless its import job failed (then the file
     * is fetched again, so that it is applied once the cause is put right).
     */
    private UrlFetcher.Validators toSend(ScheduledPullStateEntity state) {
        if (state == null || state.fetchedJobId == null) {
            return UrlFetcher.Validators.NONE;
        }
        List<ImportJobEntity.State> job = em.createQuery("select j.state from ImportJobEntity j where j.id = :id",
                ImportJobEntity.State.class).setParameter("id", state.fetchedJobId).getResultList();
        if (job.isEmpty() || job.get(0) == ImportJobEntity.State.FAILED) {
            return UrlFetcher.Validators.NONE;
        }
        return new UrlFetcher.Validators(state.etag, state.lastModified);
    }

    /** A FAILED import job for a pull that fetched nothing ({@code fetched} null) or a file that was refused. */
    private ImportJobEntity recordFailure(URI url, ScheduledPullStateEntity state, UrlFetcher.Fetched fetched,
            String reason) {
        ImportService.Upload upload = fetched == null
                ? new ImportService.Upload(null, 0, UrlFetcher.fileName(url), null, scheduledCountry.orElse(null), null,
                        null)
                : upload(url, fetched);
        ImportJobEntity job = imports.recordFailed(upload, scheduledCountry, SCHEDULER, reason, expectedFormat(state));
        record(state, url, ScheduledPullStateEntity.Status.FAILED, job.id);
        return job;
    }

    /** The format a failed pull's job shows when its file was not recognised: that of the last file pulled, else JSON. */
    private ImportFormat expectedFormat(ScheduledPullStateEntity state) {
        if (state != null && state.fetchedJobId != null) {
            List<String> format = em.createQuery("select j.format from ImportJobEntity j where j.id = :id", String.class)
                    .setParameter("id", state.fetchedJobId).getResultList();
            if (!format.isEmpty()) {
                return ImportFormat.valueOf(format.get(0));
            }
        }
        return ImportFormat.UHRI_JSON;
    }

    /** Records how the latest pull of {@code url} went (creating its row on the first pull); the validators stay. */
    private ScheduledPullStateEntity record(ScheduledPullStateEntity state, URI url, ScheduledPullStateEntity.Status status,
            UUID jobId) {
        boolean first = state == null;
        if (first) {
            state = new ScheduledPullStateEntity();
            state.url = url.toString();
        }
        state.lastCheckedAt = OffsetDateTime.now(ZoneOffset.UTC);
        state.lastStatus = status;
        if (jobId != null) {
            state.lastJobId = jobId;
        }
        if (first) {
            // Persisted once its not-null columns are set: the insert takes the values it has at this point.
            em.persist(state);
        }
        return state;
    }

    private ImportService.Upload upload(URI url, UrlFetcher.Fetched fetched) {
        return new ImportService.Upload(fetched.file(), fetched.size(), fetched.fileName(), fetched.contentType(),
                scheduledCountry.orElse(null), null, null, scheduledComplete);
    }

    /** The configured pull and what its address's row remembers; {@code state} is null before the first pull. */
    public record ScheduledPull(boolean enabled, String cron, Optional<URI> url, Optional<String> country,
            ScheduledPullStateEntity state) {
    }

    /** The configured pull as an administrator reads it. */
    @Transactional
    public ScheduledPull scheduledPull() {
        ScheduledPullStateEntity state = scheduledUrl.map(u -> em.find(ScheduledPullStateEntity.class, u.toString()))
                .orElse(null);
        return new ScheduledPull(scheduledUrl.isPresent() && !"off".equalsIgnoreCase(cron.strip()), cron, scheduledUrl,
                scheduledCountry, state);
    }

    private UrlFetcher fetcher(List<String> prefixes) {
        return new UrlFetcher(prefixes, imports.maxBytes(), timeout);
    }
}
