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
import java.sql.PreparedStatement;
import org.hibernate.Session;
import org.opennrtd.recommendations.importing.LineSpool;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.opennrtd.recommendations.importing.ImportPayload;
import org.opennrtd.recommendations.importing.RowFeed;
import org.opennrtd.recommendations.importing.ImportFileReader;
import org.opennrtd.recommendations.importing.ImportFormat;
import org.opennrtd.recommendations.importing.ImportLimits;
import org.opennrtd.recommendations.importing.InvalidFileException;
import org.opennrtd.recommendations.importing.JobApplier;
import org.opennrtd.recommendations.importing.ParsedFile;
import org.opennrtd.recommendations.importing.RecordNormalizer;
import org.opennrtd.recommendations.importing.RowProblem;
import org.opennrtd.recommendations.importing.TranslationApplier;

/**
 * Imports: the file is read and checked while the caller waits (so a bad file is a 4xx and stores nothing), its
 * rows are stored with the job, and a worker applies them in one transaction; on the replica that received the
 * file, that transaction loads rows while the file is still being read (see {@link #submit(Upload, Optional, String)}).
 * Jobs live in the database, not in a replica's memory: any replica picks up queued jobs, and jobs whose replica
 * died, when it polls.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    static final String RESOURCE = "import-job";

    @Inject
    EntityManager em;

    @Inject
    JobApplier applier;

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

    /**
     * The advisory lock held while a file is applied: one file applies at a time, on any replica, so that which States
     * already have rows is known before its first row arrives, and two first imports of one State cannot both insert.
     */
    public static final int APPLY_LOCK = 0x494d5041; // "IMPA"

    @ConfigProperty(name = "opennrtd.import.max-bytes", defaultValue = "536870912")
    long maxBytes;

    @ConfigProperty(name = "opennrtd.import.max-rows", defaultValue = "500000")
    int maxRows;

    @ConfigProperty(name = "opennrtd.import.max-cell-chars", defaultValue = "50000")
    int maxCellChars;

    @ConfigProperty(name = "opennrtd.import.max-decompressed-bytes", defaultValue = "1073741824")
    long maxDecompressedBytes;

    /** How many times a job is claimed before it is given up (a replica that dies while applying leaves it RUNNING). */
    static final int MAX_ATTEMPTS = 3;

    /** How long applying one file may take before its transaction is rolled back (the whole index takes minutes). */
    @ConfigProperty(name = "opennrtd.import.apply-timeout-seconds", defaultValue = "3600")
    int applyTimeoutSeconds;

    /**
     * A file to import. {@code complete}: the file is a complete UHRI export, so that annotations it no longer holds
     * are withdrawn. {@code language}: the language of its texts (ISO 639-1); null or {@code en} for the original,
     * another for translations of stored records.
     */
    public record Upload(Path file, long size, String fileName, String contentType, String country, Integer uprCycle,
            Integer uprSession, boolean complete, String language) {

        /** A file of originals that is not a complete export. */
        public Upload(Path file, long size, String fileName, String contentType, String country, Integer uprCycle,
                Integer uprSession) {
            this(file, size, fileName, contentType, country, uprCycle, uprSession, false, null);
        }

        /** A file of originals. */
        public Upload(Path file, long size, String fileName, String contentType, String country, Integer uprCycle,
                Integer uprSession, boolean complete) {
            this(file, size, fileName, contentType, country, uprCycle, uprSession, complete, null);
        }
    }

    /** The language of the original texts: what an import without a language stores. */
    public static final String ORIGINAL_LANGUAGE = "en";

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

    /**
     * Reads and checks a file on behalf of {@code actor}, restricted to {@code country} if given, then stores the job.
     * Called outside a transaction (an upload, a pull a caller asked for), this replica applies the job itself and
     * begins while it is still reading the file: a worker takes the job's lock in a transaction of its own and loads
     * rows as they are read; that transaction commits only after the job is stored, and rolls back, leaving nothing
     * behind, if the file turns out to be bad. Called inside the caller's transaction (the scheduled pull), the job
     * is stored with it and started by the caller once committed.
     */
    public ImportJobEntity submit(Upload upload, Optional<String> country, String actor) {
        String translation = translationLanguage(upload.language());
        if (translation != null && upload.complete()) {
            throw ProblemException.invalidField("complete", "cannot be true for an import in '" + translation
                    + "': translations withdraw nothing");
        }
        if (upload.size() > maxBytes) {
            throw new ProblemException(413, "upload-too-large", "Content too large", "The file has " + upload.size()
                    + " bytes; the import takes at most " + maxBytes + ".");
        }
        long t0 = System.nanoTime();
        ImportFileReader reader = new ImportFileReader(new ImportLimits(maxRows, maxCellChars, maxDecompressedBytes));
        ImportFormat format;
        try {
            format = reader.detect(upload.file(), upload.contentType());
        } catch (InvalidFileException e) {
            throw toProblem(e.status(), e.getMessage(), e.problems());
        }
        if (upload.complete() && !format.fromUhri()) {
            throw new ProblemException(422, "invalid-import-file", "Unprocessable content", "Only a UHRI export can be"
                    + " complete; this file is " + format + ".", List.of(new FieldViolation("complete",
                    "is only for UHRI exports (UHRI_XLSX, UHRI_CSV, UHRI_JSON)")));
        }
        if (translation != null && !format.fromUhri()) {
            throw new ProblemException(422, "invalid-import-file", "Unprocessable content", "Only a UHRI export can be"
                    + " imported as translations; this file is " + format + ".", List.of(new FieldViolation("language",
                    "is only for UHRI exports (UHRI_XLSX, UHRI_CSV, UHRI_JSON)")));
        }
        JobApplier.Options options = new JobApplier.Options(format, upload.complete(), translation);
        UUID jobId = UUID.randomUUID();
        // Outside a transaction this replica applies the job itself (inside one, the caller starts it once committed).
        LoadAhead ahead = QuarkusTransaction.isActive() ? null : loadAhead(jobId, options, actor);
        boolean stored = false;
        LineSpool lines = new LineSpool();
        try {
            List<RowProblem> normalising = new ArrayList<>();
            RecordNormalizer normalizer = new RecordNormalizer(format, country, upload.uprCycle(), upload.uprSession(),
                    normalising);
            StringBuilder buffer = new StringBuilder(4096);
            int[] records = {0};
            ParsedFile parsed;
            try {
                parsed = reader.read(upload.file(), format, record -> {
                    records[0]++;
                    normalizer.accept(record, staged -> {
                        String line = ImportPayload.line(buffer, staged);
                        lines.add(line);
                        if (ahead != null) {
                            ahead.add(line);
                        }
                    });
                });
            } catch (InvalidFileException e) {
                throw toProblem(e.status(), e.getMessage(), e.problems());
            }
            normalizer.finish();
            long t1 = System.nanoTime();
            List<RowProblem> problems = new ArrayList<>(parsed.problems());
            problems.addAll(normalising);
            if (problems.stream().anyMatch(RowProblem::fatal)) {
                List<RowProblem> fatal = problems.stream().filter(RowProblem::fatal).toList();
                RowProblem first = fatal.get(0);
                throw toProblem(422, "The file has " + fatal.size() + " problem(s); nothing was imported. First, "
                        + (first.row() == 0 ? "" : "row " + first.row() + (first.column() == null ? "" : ", " + first.column())
                        + ": ") + first.message(), fatal);
            }
            if (ahead != null) {
                ahead.end();
            }
            ImportJobEntity job = new ImportJobEntity();
            job.id = jobId;
            job.state = ImportJobEntity.State.QUEUED;
            job.format = format.name();
            job.fileName = upload.fileName();
            job.country = country.orElse(null);
            job.sha256 = sha256(upload.file());
            job.uprCycle = upload.uprCycle();
            job.uprSession = upload.uprSession();
            job.complete = upload.complete();
            job.language = upload.language();
            job.rowsTotal = lines.lines();
            job.rejected = parsed.rowsRead() - records[0] + normalizer.rejected();
            job.outOfScope = normalizer.outOfScope();
            job.outOfScopeCountries = normalizer.outOfScopeCountries();
            job.problems = write(problems.stream().map(ImportService::problemMap).toList());
            job.createdBy = actor;
            job.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
            long t2 = System.nanoTime();
            boolean appliedHere = ahead != null && ahead.locked();
            if (appliedHere) {
                job.state = ImportJobEntity.State.RUNNING;
                job.claimedBy = replica.value();
                job.attempts = 1;
                job.startedAt = job.createdAt;
            }
            QuarkusTransaction.joiningExisting().run(() -> {
                em.persist(job);
                em.flush();
                storePayload(jobId, lines);
                audit.record(RESOURCE, job.id, "SUBMIT", actor, null, Map.of("format", job.format, "rows", job.rowsTotal,
                        "sha256", job.sha256, "fileName", String.valueOf(job.fileName)));
            });
            stored = true;
            if (appliedHere) {
                ahead.stored();
            } else if (ahead != null) {
                // Another file is being applied (or its lock could not be had): the job waits, queued, for its turn.
                ahead.withdraw();
                executor.runAsync(() -> run(jobId));
            }
            LOG.debugf("Import job %s: read and normalised %d ms, payload %d ms (%d bytes) for %d rows%s", job.id,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, payloadBytes(lines), lines.lines(),
                    appliedHere ? ", applying since the first row" : "");
            return job;
        } finally {
            if (ahead != null && !stored) {
                ahead.withdraw();
            }
            lines.close();
        }
    }

    /**
     * Stores a job's payload streamed from its spool, so that a file's rows (tens of megabytes compressed for the whole
     * index) never sit in the heap, let alone twice as an entity's value and its snapshot.
     */
    private void storePayload(UUID jobId, LineSpool payload) {
        em.unwrap(Session.class).doWork(connection -> {
            try (InputStream in = payload.compressed();
                    PreparedStatement ps = connection.prepareStatement("update import_job set payload = ? where id = ?")) {
                ps.setBinaryStream(1, in, payload.compressedSize());
                ps.setObject(2, jobId);
                ps.executeUpdate();
            } catch (IOException e) {
                throw new UncheckedIOException("The import job's rows cannot be stored", e);
            }
        });
    }

    private static long payloadBytes(LineSpool payload) {
        try {
            return payload.compressedSize();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Stores, in the caller's transaction, a FAILED job for a file that could not be fetched or imported on behalf of
     * {@code actor}: a scheduled pull has no caller to answer with a problem, so the job's {@code error} says why.
     * {@code upload.file()} is null when no file arrived. The format is the one recognised from the file, else
     * {@code expected}; none of the file's rows are stored.
     */
    public ImportJobEntity recordFailed(Upload upload, Optional<String> country, String actor, String reason,
            ImportFormat expected) {
        ImportFormat format = expected;
        if (upload.file() != null) {
            try {
                format = new ImportFileReader(new ImportLimits(maxRows, maxCellChars, maxDecompressedBytes))
                        .detect(upload.file(), upload.contentType());
            } catch (InvalidFileException e) {
                // not a format the import knows: the job shows the expected one, and why it failed
            }
        }
        ImportJobEntity job = new ImportJobEntity();
        job.id = UUID.randomUUID();
        job.state = ImportJobEntity.State.FAILED;
        job.format = format.name();
        job.fileName = upload.fileName();
        job.country = country.orElse(null);
        job.sha256 = upload.file() == null ? null : sha256(upload.file());
        job.uprCycle = upload.uprCycle();
        job.uprSession = upload.uprSession();
        job.problems = "[]";
        job.error = reason;
        job.createdBy = actor;
        job.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        job.finishedAt = job.createdAt;
        QuarkusTransaction.joiningExisting().run(() -> em.persist(job));
        return job;
    }

    /** How many rows a reader hands to the worker at a time. */
    private static final int AHEAD_BATCH = 256;

    /** How many batches may wait for the worker. */
    private static final int AHEAD_BATCHES = 64;

    /**
     * A job this replica applies while it is still reading the file: the rows go to the worker in batches as they are
     * read. The worker's transaction commits only once the job is {@link #stored}, and rolls back if the rows are
     * {@link #withdraw withdrawn}.
     */
    private final class LoadAhead implements RowFeed {
        private static final List<String> END = new ArrayList<>(0);
        private static final List<String> WITHDRAWN = new ArrayList<>(0);

        /**
         * Bounded, so that a reader faster than the worker waits instead of holding the whole file's rows in memory
         * (at most AHEAD_BATCHES batches of AHEAD_BATCH rows are queued).
         */
        private final BlockingQueue<List<String>> queue = new LinkedBlockingQueue<>(AHEAD_BATCHES);
        private List<String> batch = new ArrayList<>(AHEAD_BATCH);
        /** Set once the worker has stopped taking rows (it could not start, failed or finished). */
        private volatile boolean workerDone;
        /** Set on withdrawal, so that the worker stops at once instead of loading the rows still queued. */
        private volatile boolean withdrawn;
        /** Whether the worker holds the job's lock; false also if it could not start. */
        private final CompletableFuture<Boolean> locked = new CompletableFuture<>();
        /** True once the job is stored and committed; false if it never will be. */
        private final CompletableFuture<Boolean> stored = new CompletableFuture<>();

        void add(String line) {
            batch.add(line);
            if (batch.size() == AHEAD_BATCH) {
                hand(batch);
                batch = new ArrayList<>(AHEAD_BATCH);
            }
        }

        void end() {
            hand(batch);
            hand(END);
        }

        /** Queues a batch, waiting while the queue is full; dropped once the worker takes no more. */
        private void hand(List<String> rows) {
            try {
                while (!workerDone && !queue.offer(rows, 100, TimeUnit.MILLISECONDS)) {
                    // the worker is behind: wait for it
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while reading an import", e);
            }
        }

        boolean locked() {
            return locked.join();
        }

        void stored() {
            stored.complete(true);
        }

        void withdraw() {
            withdrawn = true;
            stored.complete(false);
            queue.clear();
            queue.offer(WITHDRAWN);
        }

        @Override
        public List<String> next() {
            if (withdrawn) {
                throw new Withdrawn();
            }
            List<String> next;
            try {
                next = queue.poll(applyTimeoutSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Withdrawn();
            }
            if (next == null || next == WITHDRAWN) {
                throw new Withdrawn();
            }
            return next == END ? null : next;
        }
    }

    /** The rows of a job being applied while it was submitted were withdrawn: the file was bad, or not stored. */
    private static final class Withdrawn extends RuntimeException {
        Withdrawn() {
            super("The import's rows were withdrawn.", null, false, false);
        }
    }

    private LoadAhead loadAhead(UUID jobId, JobApplier.Options options, String actor) {
        LoadAhead ahead = new LoadAhead();
        executor.runAsync(() -> {
            try {
                QuarkusTransaction.requiringNew().timeout(applyTimeoutSeconds).run(() -> {
                    boolean lock = tryLocks(jobId);
                    ahead.locked.complete(lock);
                    if (!lock) {
                        return;
                    }
                    JobApplier.Outcome counts;
                    try {
                        counts = applier.apply(ahead, options, actor);
                    } catch (RuntimeException | Error e) {
                        if (ahead.stored.join()) {
                            // The job exists: it fails, while this replica still holds its lock.
                            QuarkusTransaction.requiringNew().run(() -> fail(jobId, reason(e)));
                        }
                        throw e;
                    }
                    if (!ahead.stored.join()) {
                        throw new Withdrawn();
                    }
                    finish(em.find(ImportJobEntity.class, jobId), counts);
                    em.flush();
                });
            } catch (Withdrawn e) {
                LOG.debugf("Import job %s was not stored; the rows loaded for it were rolled back.", jobId);
            } catch (RuntimeException e) {
                if (!(e instanceof InvalidFileException)) {
                    LOG.errorf(e, "Import job %s failed", jobId);
                }
            } finally {
                ahead.workerDone = true;
                ahead.queue.clear();
                ahead.locked.complete(false);
                if (ahead.locked.join()) {
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

    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile boolean pollAgain;

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
            applyClaimed(jobId);
            em.flush();
            return true;
        } catch (RuntimeException | Error e) {
            QuarkusTransaction.requiringNew().run(() -> fail(jobId, reason(e)));
            throw e;
        }
    }

    void applyClaimed(UUID jobId) {
        ImportJobEntity job = em.find(ImportJobEntity.class, jobId);
        JobApplier.Options options = new JobApplier.Options(ImportFormat.valueOf(job.format), job.complete,
                translationLanguage(job.language));
        finish(job, applier.apply(ImportPayload.feed(job.payload), options, job.createdBy));
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
            List<Map<String, Object>> problems = new ArrayList<>(problems(job));
            counts.problems().forEach(p -> problems.add(problemMap(p)));
            translations.problems().forEach(p -> problems.add(problemMap(p)));
            job.problems = write(problems);
        }
        job.rowsRead = job.rowsTotal;
        job.state = ImportJobEntity.State.SUCCEEDED;
        job.finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        job.payload = null;
    }

    /**
     * The language of translations an import's {@code language} asks for; null for the original (absent or
     * {@link #ORIGINAL_LANGUAGE}). Anything else than the six UN languages is a 400 naming the field.
     */
    static String translationLanguage(String language) {
        if (language == null || language.equals(ORIGINAL_LANGUAGE)) {
            return null;
        }
        if (!TranslationApplier.LANGUAGES.contains(language)) {
            throw ProblemException.invalidField("language", "must be one of en, fr, es, ar, ru, zh (ISO 639-1), not '"
                    + (language.length() > 20 ? language.substring(0, 20) + "..." : language) + "'");
        }
        return language;
    }

    private static String reason(Throwable e) {
        if (e instanceof InvalidFileException) {
            return e.getMessage();
        }
        return e instanceof OutOfMemoryError ? "The import ran out of memory and was rolled back."
                : "The import failed and was rolled back.";
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
