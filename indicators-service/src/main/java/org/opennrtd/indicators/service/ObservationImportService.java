package org.opennrtd.indicators.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.jobs.JobRunner;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.common.security.Roles;
import org.opennrtd.indicators.entity.NationalIndicatorEntity;
import org.opennrtd.indicators.entity.ObservationImportJobEntity;
import org.opennrtd.indicators.entity.ObservationImportJobEntity.State;
import org.opennrtd.indicators.importing.ImportCatalogue;
import org.opennrtd.indicators.importing.ImportLimits;
import org.opennrtd.indicators.importing.InvalidFileException;
import org.opennrtd.indicators.importing.ObservationFileReader;
import org.opennrtd.indicators.importing.ObservationLoader;
import org.opennrtd.indicators.importing.RowProblem;

/**
 * Bulk import of observations. The file is read and every row checked while the caller waits, outside any
 * transaction (a bad file is a 4xx and stores nothing, not even a job); the checked rows wait in the job as
 * COPY text, and a worker loads them in one transaction. Jobs live in the database and are claimed and run through
 * {@link JobRunner} ({@link ObservationImportJobs}): one replica loads a job at a time, and if it dies another
 * replica's poller loads the job again (the dead replica's load was rolled back with its session).
 */
@ApplicationScoped
public class ObservationImportService {

    private static final Logger LOG = Logger.getLogger(ObservationImportService.class);
    public static final String RESOURCE = "observation-import";

    @Inject
    EntityManager em;

    @Inject
    ObservationLoader loader;

    @Inject
    DimensionService dimensions;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @Inject
    ManagedExecutor executor;

    @Inject
    JobRunner runner;

    @Inject
    ObservationImportJobs jobs;

    @ConfigProperty(name = "opennrtd.observation-import.max-bytes", defaultValue = "209715200")
    long maxBytes;

    @ConfigProperty(name = "opennrtd.observation-import.max-rows", defaultValue = "2000000")
    int maxRows;

    @ConfigProperty(name = "opennrtd.observation-import.max-cell-chars", defaultValue = "2000")
    int maxCellChars;

    @ConfigProperty(name = "opennrtd.observation-import.load-timeout-seconds", defaultValue = "1800")
    int loadTimeoutSeconds;

    public record Upload(Path file, long size, String fileName, String contentType, String country) {
    }

    public ObservationImportJobEntity submit(Upload upload) {
        String country = upload.country();
        if (country == null) {
            country = caller.country().orElseThrow(() -> ProblemException.invalidField("country",
                    "is required: your account has no country"));
        }
        if (!caller.hasRole(Roles.ADMIN) && !caller.country().map(country::equals).orElse(false)) {
            throw ProblemException.forbidden("Your account may import observations of "
                    + caller.country().orElse("no country") + " only, not of " + country + ".");
        }
        if (upload.size() > maxBytes) {
            throw new ProblemException(413, "upload-too-large", "Content too large", "The file has " + upload.size()
                    + " bytes; an observation import takes at most " + maxBytes + ".");
        }
        long t0 = System.nanoTime();
        ImportCatalogue catalogue = catalogue(country);
        byte[] content;
        try {
            content = Files.readAllBytes(upload.file());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObservationFileReader.Result result;
        try {
            result = new ObservationFileReader(new ImportLimits(maxRows, maxCellChars)).read(content,
                    upload.contentType(), catalogue);
        } catch (InvalidFileException e) {
            throw toProblem(e.status(), e.getMessage(), e.problems());
        }
        if (!result.problems().isEmpty()) {
            RowProblem first = result.problems().get(0);
            throw toProblem(422, "The file has " + (result.problems().size() >= 1000 ? "1000 or more"
                    : String.valueOf(result.problems().size())) + " problem(s); nothing was imported. First, row "
                    + first.row() + (first.column() == null ? "" : ", " + first.column()) + ": " + first.message(),
                    result.problems());
        }
        long t1 = System.nanoTime();
        for (String code : result.indicators()) {
            requireWrite(catalogue.indicators().get(code), country);
        }
        ObservationImportJobEntity job = new ObservationImportJobEntity();
        job.id = UUID.randomUUID();
        job.state = State.QUEUED;
        job.format = result.format().name();
        job.fileName = upload.fileName();
        job.country = country;
        job.sha256 = sha256(content);
        job.rowsTotal = result.rows();
        job.problems = "[]";
        job.payload = result.payload();
        job.createdBy = caller.name();
        job.createdAt = OffsetDateTime.now(ZoneOffset.UTC);
        QuarkusTransaction.joiningExisting().run(() -> {
            em.persist(job);
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("format", job.format);
            after.put("rows", job.rowsTotal);
            after.put("sha256", job.sha256);
            after.put("fileName", String.valueOf(job.fileName));
            after.put("indicators", List.copyOf(result.indicators()));
            audit.record(RESOURCE, job.id, "SUBMIT", null, after);
        });
        LOG.infof("Observation import %s: %d rows of %s read and checked in %.2f s, job stored in %.2f s", job.id,
                job.rowsTotal, country, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        return job;
    }

    /** Focal points import only for indicators whose data provider is their institution. */
    private void requireWrite(ImportCatalogue.Indicator indicator, String country) {
        if (caller.hasRole(Roles.ADMIN) || caller.hasRole(Roles.COORDINATOR)) {
            return;
        }
        if (!caller.institution().map(indicator.providerInstitution()::equals).orElse(false)) {
            throw ProblemException.forbidden("Indicator " + indicator.code() + " of " + country + " is provided by "
                    + indicator.providerInstitution() + "; your account may import only for its own institution's"
                    + " indicators. Nothing was imported.");
        }
    }

    @Transactional
    ImportCatalogue catalogue(String country) {
        Map<String, ImportCatalogue.Indicator> indicators = new HashMap<>();
        for (NationalIndicatorEntity i : em.createQuery("select n from NationalIndicatorEntity n where n.country = :c",
                NationalIndicatorEntity.class).setParameter("c", country).getResultList()) {
            indicators.put(i.code, new ImportCatalogue.Indicator(i.id, i.code, new HashSet<>(i.dimensions),
                    i.providerInstitution, i.unit, i.periodicity));
        }
        return new ImportCatalogue(country, indicators, dimensions.catalogue());
    }

    /** Loads the job after the submitting request has committed (else a replica's poller will). */
    public void start(UUID jobId) {
        executor.runAsync(() -> runner.runIfFree(jobs, jobId));
    }

    /** Loads a job this replica has claimed, in one transaction; a file that turns out invalid fails the job. */
    void run(UUID jobId) {
        try {
            QuarkusTransaction.requiringNew().timeout(loadTimeoutSeconds).run(() -> load(jobId));
        } catch (InvalidFileException e) {
            fail(jobId, e.getMessage());
        }
    }

    /** Marks a running job FAILED, in a transaction of its own. */
    void fail(UUID jobId, String reason) {
        QuarkusTransaction.requiringNew().run(() -> {
            ObservationImportJobEntity job = em.find(ObservationImportJobEntity.class, jobId);
            if (job == null || job.state != State.RUNNING) {
                return;
            }
            job.state = State.FAILED;
            job.error = reason;
            job.finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
            job.payload = null;
            audit.record(RESOURCE, job.id, "FAIL", job.createdBy, null, Map.of("error", reason));
        });
    }

    void load(UUID jobId) {
        ObservationImportJobEntity job = em.find(ObservationImportJobEntity.class, jobId);
        if (job.state != State.RUNNING) {
            return;
        }
        ObservationLoader.Counts counts = loader.load(job.payload, job.country, job.createdBy, job.id);
        job.created = counts.created();
        job.updated = counts.updated();
        job.rowsLoaded = job.rowsTotal;
        job.state = State.SUCCEEDED;
        job.finishedAt = OffsetDateTime.now(ZoneOffset.UTC);
        job.payload = null;
        audit.record(RESOURCE, job.id, "LOAD", job.createdBy, null,
                Map.of("created", job.created, "updated", job.updated, "rows", job.rowsTotal));
    }

    @Transactional
    public ObservationImportJobEntity get(UUID id) {
        ObservationImportJobEntity job = em.find(ObservationImportJobEntity.class, id);
        if (job == null || !caller.maySeeCountry(job.country)) {
            throw ProblemException.notFound("observation import job", id);
        }
        return job;
    }

    public record JobPage(List<ObservationImportJobEntity> items, long total) {
    }

    @Transactional
    public JobPage list(int offset, int limit) {
        boolean all = caller.seesAllCountries();
        String where = all ? "" : " where j.country = :country";
        var count = em.createQuery("select count(j) from ObservationImportJobEntity j" + where, Long.class);
        var select = em.createQuery("select j from ObservationImportJobEntity j" + where
                + " order by j.createdAt desc, j.id", ObservationImportJobEntity.class);
        if (!all) {
            String country = caller.country().orElse("---");
            count.setParameter("country", country);
            select.setParameter("country", country);
        }
        return new JobPage(select.setFirstResult(offset).setMaxResults(limit).getResultList(), count.getSingleResult());
    }

    public List<Map<String, Object>> problems(ObservationImportJobEntity job) {
        try {
            return json.readValue(job.problems, new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProblemException toProblem(int status, String detail, List<RowProblem> problems) {
        List<FieldViolation> violations = problems.stream()
                .map(p -> new FieldViolation("row " + p.row() + (p.column() == null ? "" : ", " + p.column()), p.message()))
                .toList();
        return status == 415
                ? new ProblemException(415, "unsupported-import-format", "Unsupported Media Type", detail, violations)
                : new ProblemException(status, "invalid-import-file", "Unprocessable content", detail, violations);
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
