package org.opennrtd.reporting.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.http.Languages;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.reporting.entity.ReportJobEntity;
import org.opennrtd.reporting.report.ReportParameters;
import org.opennrtd.reporting.report.ReportType;
import org.opennrtd.reporting.repository.ReportJobRepository;

/** Report requests: checked, authorised, audited and queued for {@link ReportWorker}. */
@ApplicationScoped
public class ReportJobService {

    public static final String RESOURCE = "report-job";

    /** Fired inside the queuing transaction; the worker starts on it once the transaction has committed. */
    public record JobQueued(UUID id) {
    }

    @Inject
    ReportJobRepository jobs;

    @Inject
    Caller caller;

    @Inject
    AuditTrail audit;

    @Inject
    ObjectMapper json;

    @Inject
    Event<JobQueued> queued;

    /**
     * @param requested the parameters as asked, language possibly null
     * @param acceptLanguage used when the request names no language
     */
    @Transactional
    public ReportJobEntity submit(ReportParameters requested, String acceptLanguage) {
        caller.requireWriteAccessTo(requested.country());
        validate(requested);
        String language = requested.language() != null ? requested.language()
                : Languages.pick(acceptLanguage, ReportParameters.LANGUAGES);
        ReportParameters p = new ReportParameters(requested.type(), requested.format(), requested.country(),
                requested.uprCycle(), blankToNull(requested.body()), requested.periodFrom(), requested.periodTo(),
                language);
        ReportJobEntity job = new ReportJobEntity();
        job.id = UUID.randomUUID();
        job.state = ReportJobEntity.State.QUEUED;
        job.progress = 0;
        job.stage = "QUEUED";
        job.reportType = p.type().name();
        job.format = p.format().name();
        job.country = p.country();
        job.language = language;
        job.parameters = write(p);
        job.createdBy = caller.name();
        job.createdAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        jobs.persist(job);
        audit.record(RESOURCE, job.id, "CREATE", null, Map.of("parameters", p));
        queued.fire(new JobQueued(job.id));
        return job;
    }

    @Transactional
    public ReportJobEntity get(UUID id) {
        ReportJobEntity job = jobs.findById(id);
        if (job == null || !caller.maySeeCountry(job.country)) {
            throw ProblemException.notFound("report job", id);
        }
        return job;
    }

    public record JobPage(List<ReportJobEntity> items, long total) {
    }

    @Transactional
    public JobPage list(int offset, int limit, String country, ReportJobEntity.State state) {
        Optional<String> scope = caller.countryScope(country);
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new java.util.HashMap<>();
        scope.ifPresent(c -> {
            where.append(" and country = :country");
            params.put("country", c);
        });
        if (state != null) {
            where.append(" and state = :state");
            params.put("state", state);
        }
        var query = jobs.find(where + " order by createdAt desc, id", params);
        long total = query.count();
        List<ReportJobEntity> items = query.range(offset, offset + limit - 1).list();
        return new JobPage(items, total);
    }

    public ReportParameters parameters(ReportJobEntity job) {
        try {
            return json.readValue(job.parameters, ReportParameters.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored parameters of report job " + job.id + " cannot be read", e);
        }
    }

    private static void validate(ReportParameters p) {
        if (p.periodFrom() != null && p.periodTo() != null && p.periodFrom().isAfter(p.periodTo())) {
            throw ProblemException.badRequest("periodFrom is after periodTo.",
                    List.of(new FieldViolation("body.periodFrom", "must not be after periodTo")));
        }
        if (p.uprCycle() != null && p.type() != ReportType.UPR_MID_TERM) {
            throw ProblemException.badRequest("uprCycle applies to UPR_MID_TERM reports only.",
                    List.of(new FieldViolation("body.uprCycle", "only for type UPR_MID_TERM")));
        }
        if (p.body() != null && !p.body().isBlank() && p.type() != ReportType.TREATY_BODY_FOLLOW_UP) {
            throw ProblemException.badRequest("body applies to TREATY_BODY_FOLLOW_UP reports only.",
                    List.of(new FieldViolation("body.body", "only for type TREATY_BODY_FOLLOW_UP")));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
