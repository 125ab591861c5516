package org.opennrtd.recommendations.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.WeakHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.replicas.ReplicaId;
import org.opennrtd.common.security.Caller;
import org.opennrtd.common.security.Roles;
import org.opennrtd.recommendations.entity.ImportJobEntity;
import org.opennrtd.recommendations.importing.ImportApplier;
import org.opennrtd.recommendations.importing.ImportFileReader;
import org.opennrtd.recommendations.importing.ImportLimits;
import org.opennrtd.recommendations.importing.InvalidFileException;
import org.opennrtd.recommendations.importing.ParsedFile;
import org.opennrtd.recommendations.importing.RecordNormalizer;
import org.opennrtd.recommendations.importing.RowProblem;
import org.opennrtd.recommendations.importing.StagedRecommendation;

/**
 * Imports: the file is read and checked while the caller waits (so a bad file is a 4xx and stores nothing), its
 * rows are stored with a queued job, and a worker applies them in one transaction. Jobs live in the database, not
 * in a replica's memory: any replica picks up queued jobs at start.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    static final String RESOURCE = "import-job";

    @Inject
    EntityManager em;

    @Inject
    ImportApplier applier;

    @Inject
    jakarta.enterprise.event.Event<NearDuplicateService.CountryChanged> countryChanged;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @Inject
    ManagedExecutor executor;

    @Inject
    ReplicaId replica;

    /** The first key of import jobs' advisory locks (the second is the job id's hash). */
    private static final int JOB_LOCK_SPACE = 0x494d5054; // "IMPT"

    @ConfigProperty(name = "opennrtd.import.max-bytes", defaultValue = "268435456")
    long maxBytes;

    @ConfigProperty(name = "opennrtd.import.max-rows", defaultValue = "500000")
    int maxRows;

    @ConfigProperty(name = "opennrtd.import.max-cell-chars", defaultValue = "50000")
    int maxCellChars;

    /** How long applying one file may take before its transaction is rolled back (the whole index takes minutes). */
    @ConfigProperty(name = "opennrtd.import.apply-timeout-seconds", defaultValue = "3600")
    int applyTimeoutSeconds;

    public record Upload(Path file, long size, String fileName, String contentType, String country, Integer uprCycle,
            Integer uprSession) {
    }

    /**
     * Reads and checks the caller's upload, then queues its rows. Throws a 4xx problem for any bad file. Reading a
     * large file takes long, so only storing the job is transactional (a transaction around the reading would time
     * out).
     */
    public ImportJobEntity submit(Upload upload) {
        Optional<String> country = Optional.ofNullable(upload.country());
        if (!caller.hasRole(Roles.ADMIN)) {
            String own = caller.country().orElseThrow(() -> ProblemException.forbidden("Your account has no country."));
            if (country.isPresent() && !country.get().equals(own)) {
                throw ProblemException.forbidden("Your account may import for " + own + " only, not " + country.get() + ".");
            }
            country = Optional.of(own);
        }
        return submit(upload, country, caller.name());
    }

    /** The largest file an import takes, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Reads and checks a file on behalf of {@code actor}, restricted to {@code country} if given, then queues it. */
    public ImportJobEntity submit(Upload upload, Optional<String> country, String actor) {
        if (upload.size() > maxBytes) {
            throw new ProblemException(413, "upload-too-large", "Content too large", "The file has " + upload.size()
                    + " bytes; the import takes at most " + maxBytes + ".");
        }
        long t0 = System.nanoTime();
        ParsedFile parsed;
        try {
            parsed = new ImportFileReader(new ImportLimits(maxRows, maxCellChars)).read(upload.file(), upload.contentType());
        } catch (InvalidFileException e) {
            throw toProblem(e.status(), e.getMessage(), e.problems());
        }
        long t1 = System.nanoTime();
        List<RowProblem> problems = new ArrayList<>(parsed.problems());
        List<StagedRecommendation> staged = RecordNormalizer.normalise(parsed, country, upload.uprCycle(),
                upload.uprSession(), problems);
        long t2 = System.nanoTime();
        if (problems.stream().anyMatch(RowProblem::fatal)) {
            List<RowProblem> fatal = problems.stream().filter(RowProblem::fatal).toList();
            RowProblem first = fatal.get(0);
            throw toProblem(422, "The file has " + fatal.size() + " problem(s); nothing was imported. First, "
                    + (first.row() == 0 ? "" : "row " + first.row() + (first.column() == null ? "" : ", " + first.column())
                    + ": ") + first.message(), fatal);
        }
        ImportJobEntity job = new ImportJobEntity();
        job.id = UUID.randomUUID();
        job.state = ImportJobEntity.State.QUEUED;
        job.format = parsed.format().name();
        job.fileName = upload.fileName();
        job.country = country.orElse(null);
        job.sha256 = sha256(upload.file());
        job.uprCycle = upload.uprCycle();
        job.uprSession = upload.uprSession();
        job.rowsTotal = staged.size();
        job.rejected = parsed.rowsRead() - parsed.records().size();
        job.problems = write(problems.stream().map(ImportService::problemMap).toList());
        List<String> lines = ImportApplier.lines(staged);
        job.payload = ImportApplier.compress(lines);
        job.createdBy = actor;
        job.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        long t3 = System.nanoTime();
        QuarkusTransaction.joiningExisting().run(() -> {
            em.persist(job);
            audit.record(RESOURCE, job.id, "SUBMIT", actor, null, Map.of("format", job.format, "rows", job.rowsTotal,
                    "sha256", job.sha256, "fileName", String.valueOf(job.fileName)));
        });
        submittedRows.put(job, lines);
        LOG.debugf("Import job %s: read %d ms, normalised %d ms, payload %d ms (%d bytes) for %d rows", job.id,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, job.payload.length, staged.size());
        return job;
    }

    /**
     * The rows of jobs this replica just submitted, for its own worker: applying them needs neither reading the
     * payload back nor decoding it. The stored payload stays what every replica applies from; an entry goes when the
     * job is started, or with its entity.
     */
    private final Map<ImportJobEntity, List<String>> submittedRows = Collections.synchronizedMap(new WeakHashMap<>());

    /** Applies a queued job after its submitting transaction has committed. */
    public void start(UUID jobId) {
        executor.runAsync(() -> run(jobId, null));
    }

    /** Applies a job this replica submitted after its submitting transaction has committed, with the rows read. */
    public void start(ImportJobEntity job) {
        List<String> rows = submittedRows.remove(job);
        UUID jobId = job.id;
        executor.runAsync(() -> run(jobId, rows));
    }

    /**
     * Every replica looks for unfinished jobs now and then (and so at start): queued ones a replica stopped before
     * applying, and running ones whose replica died. A job some replica is applying is skipped (its lock is taken).
     */
    @Scheduled(identity = "import-jobs", every = "${opennrtd.import.poll-interval:10s}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void applyUnfinishedJobs() {
        unfinishedJobs().forEach(id -> run(id, null));
    }

    @Transactional
    List<UUID> unfinishedJobs() {
        return em.createQuery("select j.id from ImportJobEntity j where j.state in :s order by j.createdAt", UUID.class)
                .setParameter("s", List.of(ImportJobEntity.State.QUEUED, ImportJobEntity.State.RUNNING))
                .setMaxResults(20).getResultList();
    }

    /**
     * Applies the job unless another replica is applying it or it is finished; true if this call applied it.
     * {@code rows}: the job's rows if this replica has them at hand, else null (they are read from the job).
     */
    boolean run(UUID jobId, List<String> rows) {
        try {
            return QuarkusTransaction.requiringNew().timeout(applyTimeoutSeconds).call(() -> applyIfFree(jobId, rows));
        } catch (RuntimeException e) {
            if (!(e instanceof InvalidFileException)) {
                LOG.errorf(e, "Import job %s failed", jobId);
            }
            return false;
        }
    }

    /**
     * Inside the applying transaction: takes the job's advisory lock (held until this transaction ends, or until
     * this replica's connection does, if it dies), marks the job RUNNING for everyone to see, applies its rows and
     * marks it SUCCEEDED in the same transaction as the rows. A failure marks it FAILED while the lock is still held,
     * so that no other replica retries a file that cannot be applied.
     */
    boolean applyIfFree(UUID jobId, List<String> rows) {
        Object locked = em.createNativeQuery("select pg_try_advisory_xact_lock(?1, hashtext(cast(?2 as text)))")
                .setParameter(1, JOB_LOCK_SPACE).setParameter(2, jobId.toString()).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return false;
        }
        boolean claimed = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("update import_job set"
                        + " state = 'RUNNING', claimed_by = ?2, attempts = attempts + 1, started_at = now(),"
                        + " version = version + 1 where id = ?1 and state in ('QUEUED', 'RUNNING')")
                .setParameter(1, jobId).setParameter(2, replica.value()).executeUpdate() == 1);
        if (!claimed) {
            return false;
        }
        try {
            applyClaimed(jobId, rows);
            em.flush();
            return true;
        } catch (RuntimeException e) {
            String reason = e instanceof InvalidFileException ? e.getMessage() : "The import failed and was rolled back.";
            QuarkusTransaction.requiringNew().run(() -> fail(jobId, reason));
            throw e;
        }
    }

    void applyClaimed(UUID jobId, List<String> rows) {
        long t0 = System.nanoTime();
        ImportJobEntity job = em.find(ImportJobEntity.class, jobId);
        List<String> lines = rows;
        if (lines == null) {
            lines = ImportApplier.decode(job.payload);
            LOG.debugf("Import job %s: payload loaded and decoded in %d ms", jobId, (System.nanoTime() - t0) / 1_000_000);
        }
        ImportApplier.Counts counts = applier.apply(lines, job.createdBy, job.id);
        if (counts.created() + counts.updated() > 0) {
            // After this transaction commits, in the background: grouping the whole index takes minutes, which the
            // import's own transaction should not carry. Groups follow an import a moment later, as after an edit.
            counts.countries().forEach(c -> countryChanged.fire(new NearDuplicateService.CountryChanged(c)));
        }
        job.created = counts.created();
        job.updated = counts.updated();
        job.unchanged = counts.unchanged();
        job.rowsRead = job.rowsTotal;
        job.state = ImportJobEntity.State.SUCCEEDED;
        job.finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        job.payload = null;
    }

    void fail(UUID jobId, String reason) {
        ImportJobEntity job = em.find(ImportJobEntity.class, jobId);
        job.state = ImportJobEntity.State.FAILED;
        job.error = reason;
        job.finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        job.payload = null;
    }

    @Transactional
    public ImportJobEntity get(UUID id) {
        ImportJobEntity job = em.find(ImportJobEntity.class, id);
        if (job == null || (job.country != null && !caller.maySeeCountry(job.country))
                || (job.country == null && !caller.hasRole(Roles.ADMIN))) {
            throw ProblemException.notFound("import job", id);
        }
        return job;
    }

    public record JobPage(List<ImportJobEntity> items, long total) {
    }

    @Transactional
    public JobPage list(int offset, int limit) {
        String where = caller.hasRole(Roles.ADMIN) ? "" : " where j.country = :country";
        var count = em.createQuery("select count(j) from ImportJobEntity j" + where, Long.class);
        var select = em.createQuery("select j from ImportJobEntity j" + where + " order by j.createdAt desc, j.id",
                ImportJobEntity.class);
        if (!where.isEmpty()) {
            String country = caller.country().orElse("---");
            count.setParameter("country", country);
            select.setParameter("country", country);
        }
        return new JobPage(select.setFirstResult(offset).setMaxResults(limit).getResultList(), count.getSingleResult());
    }

    public List<Map<String, Object>> problems(ImportJobEntity job) {
        try {
            return json.readValue(job.problems, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> problemMap(RowProblem p) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("row", p.row());
        if (p.column() != null) {
            m.put("column", p.column());
        }
        m.put("message", p.message());
        m.put("fatal", p.fatal());
        return m;
    }

    private static ProblemException toProblem(int status, String detail, List<RowProblem> problems) {
        List<FieldViolation> violations = problems.stream().limit(1000)
                .map(p -> new FieldViolation("row " + p.row() + (p.column() == null ? "" : ", " + p.column()), p.message()))
                .toList();
        return status == 415
                ? new ProblemException(415, "unsupported-import-format", "Unsupported Media Type", detail, violations)
                : new ProblemException(status, "invalid-import-file", "Unprocessable content", detail, violations);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
