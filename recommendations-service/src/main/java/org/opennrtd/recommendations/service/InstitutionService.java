package org.opennrtd.recommendations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.recommendations.entity.InstitutionEntity;
import org.opennrtd.recommendations.repository.InstitutionRepository;

/** The registry of a country's institutions and their focal points. */
@ApplicationScoped
public class InstitutionService {

    static final String RESOURCE = "institution";

    @Inject
    InstitutionRepository repository;

    @Inject
    WorkflowAccess access;

    @Inject
    AuditTrail audit;

    public record Draft(String country, String code, String name, InstitutionEntity.Kind kind, String description,
            List<InstitutionEntity.FocalPoint> focalPoints) {
    }

    @Transactional
    public InstitutionRepository.Page search(String country, InstitutionEntity.Kind kind, String q, String sort, int offset,
            int limit) {
        return repository.search(access.caller().countryScope(country), kind == null ? null : kind.name(), q, sort, offset,
                limit);
    }

    @Transactional
    public InstitutionEntity get(UUID id) {
        InstitutionEntity entity = repository.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound(RESOURCE, id));
        access.requireVisible(entity.country, RESOURCE, id);
        return entity;
    }

    public boolean seesContacts(InstitutionEntity entity) {
        return access.seesContacts(entity.country);
    }

    @Transactional
    public InstitutionEntity create(Draft draft) {
        check(draft);
        access.caller().requireWriteAccessTo(draft.country());
        access.requireCoordinator(draft.country());
        if (repository.existsWithCode(draft.country(), draft.code(), new UUID(0, 0))) {
            throw ProblemException.conflict("An institution of " + draft.country() + " already has code " + draft.code() + ".");
        }
        InstitutionEntity entity = new InstitutionEntity();
        entity.id = UUID.randomUUID();
        entity.country = draft.country();
        apply(entity, draft);
        OffsetDateTime now = WorkflowTime.now();
        entity.createdAt = now;
        entity.updatedAt = now;
        repository.persist(entity);
        repository.flush();
        audit.record(RESOURCE, entity.id, "CREATE", null, snapshot(entity));
        return entity;
    }

    @Transactional
    public InstitutionEntity update(UUID id, Draft draft, String ifMatch) {
        InstitutionEntity entity = get(id);
        access.requireCoordinator(entity.country);
        EntityTags.requireMatch(ifMatch, entity.version);
        check(draft);
        if (!entity.country.equals(draft.country())) {
            throw ProblemException.unprocessable("An institution stays in its country (" + entity.country + ").",
                    List.of(new FieldViolation("country", "must be " + entity.country)));
        }
        if (repository.existsWithCode(entity.country, draft.code(), entity.id)) {
            throw ProblemException.conflict("An institution of " + entity.country + " already has code " + draft.code() + ".");
        }
        Map<String, Object> before = snapshot(entity);
        apply(entity, draft);
        if (before.equals(snapshot(entity))) {
            return entity;
        }
        entity.updatedAt = WorkflowTime.now();
        repository.flush();
        audit.record(RESOURCE, entity.id, "UPDATE", before, snapshot(entity));
        return entity;
    }

    @Transactional
    public AuditHistory history(UUID id, int offset, int limit) {
        get(id);
        return audit.history(RESOURCE, id, offset, limit);
    }

    private static void check(Draft d) {
        if (d.focalPoints() != null && d.focalPoints().contains(null)) {
            throw ProblemException.invalidField("focalPoints", "must not contain null");
        }
    }

    private static void apply(InstitutionEntity e, Draft d) {
        e.code = d.code().strip();
        e.name = d.name().strip();
        e.kind = d.kind();
        e.description = blankToNull(d.description());
        List<InstitutionEntity.FocalPoint> points = new ArrayList<>();
        for (InstitutionEntity.FocalPoint p : d.focalPoints() == null ? List.<InstitutionEntity.FocalPoint>of() : d.focalPoints()) {
            points.add(new InstitutionEntity.FocalPoint(p.name.strip(), blankToNull(p.email), blankToNull(p.username)));
        }
        e.focalPoints.clear();
        e.focalPoints.addAll(points);
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static Map<String, Object> snapshot(InstitutionEntity e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("country", e.country);
        m.put("code", e.code);
        m.put("name", e.name);
        m.put("kind", e.kind.name());
        m.put("description", e.description);
        m.put("focalPoints", e.focalPoints.stream().map(p -> {
            Map<String, Object> fp = new LinkedHashMap<>();
            fp.put("name", p.name);
            fp.put("email", p.email);
            fp.put("username", p.username);
            return fp;
        }).toList());
        return m;
    }
}
