package org.opennrtd.recommendations.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
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
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.replicas.ReplicaId;
import org.opennrtd.common.security.Caller;
import org.opennrtd.common.security.Roles;
import org.opennrtd.recommendations.entity.ImportJobEntity;
import org.opennrtd.recommendations.importing.ImportFileReader;
import org.opennrtd.recommendations.importing.ImportFormat;
import org.opennrtd.recommendations.importing.ImportLimits;
import org.opennrtd.recommendations.importing.ImportPayload;
import org.opennrtd.recommendations.importing.InvalidFileException;
import org.opennrtd.recommendations.importing.JobApplier;
import org.opennrtd.recommendations.importing.LineSpool;
import org.opennrtd.recommendations.importing.ParsedFile;
import org.opennrtd.recommendations.importing.RecordNormalizer;
import org.opennrtd.recommendations.importing.RowProblem;
import org.opennrtd.recommendations.importing.TranslationApplier;

/**
 * Imports as a caller submits them: the file is read and checked while the caller waits (so a bad file is a 4xx and
 * stores nothing), and its rows are stored with the job, which {@link ImportJobs} applies in one transaction; on the
 * replica that received the file, that transaction loads rows while the file is still being read (see
 * {@link #submit(Upload, Optional, String)}). Also the jobs as callers read them.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    static final String RESOURCE = "import-job";

    @Inject
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    ImportProblems problems;

    @Inject
    ImportJobs jobs;

    @Inject
    ReplicaId replica;

    @ConfigProperty(name = "opennrtd.import.max-bytes", defaultValue = "536870912")
    long maxBytes;

    @ConfigProperty(name = "opennrtd.import.max-rows", defaultValue = "500000")
    int maxRows;

    @ConfigProperty(name = "opennrtd.import.max-cell-chars", defaultValue = "50000")
    int maxCellChars;

    @ConfigProperty(name = "opennrtd.import.max-decompressed-bytes", defaultValue = "1073741824")
    long maxDecompressedBytes;

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
            throw ImportProblems.refusal(e.status(), e.getMessage(), e.problems());
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
        LoadAhead ahead = QuarkusTransaction.isActive() ? null : jobs.loadAhead(jobId, options, actor);
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
                throw ImportProblems.refusal(e.status(), e.getMessage(), e.problems());
            }
            normalizer.finish();
            long t1 = System.nanoTime();
            List<RowProblem> problems = new ArrayList<>(parsed.problems());
            problems.addAll(normalising);
            if (problems.stream().anyMatch(RowProblem::fatal)) {
                List<RowProblem> fatal = problems.stream().filter(RowProblem::fatal).toList();
                RowProblem first = fatal.get(0);
                throw ImportProblems.refusal(422, "The file has " + fatal.size() + " problem(s); nothing was imported. First, "
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
            job.problems = this.problems.write(problems.stream().map(ImportProblems::map).toList());
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
                jobs.start(jobId);
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

    /** The row problems job {@code job} stores. */
    public List<Map<String, Object>> problems(ImportJobEntity job) {
        return problems.of(job);
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
