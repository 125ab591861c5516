package org.opennrtd.indicators.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.indicators.repository.DimensionRepository;
import org.opennrtd.indicators.repository.DimensionRepository.Dimension;

/** The disaggregation catalogue: read by everyone, extended by administrators and coordinators. */
@ApplicationScoped
public class DimensionService {

    @Inject
    DimensionRepository repository;

    @Inject
    AuditTrail audit;

    public record CodeDraft(String code, String name) {
    }

    @Transactional
    public DimensionRepository.Page list(int offset, int limit) {
        return repository.list(offset, limit);
    }

    @Transactional
    public Dimension get(String code) {
        return repository.find(code).orElseThrow(() -> ProblemException.notFound("dimension", code));
    }

    /** A dimension's recorded changes (creation, codes added), read by whoever reads the catalogue. */
    @Transactional
    public AuditHistory history(String code, int offset, int limit) {
        get(code);
        return audit.history("dimension", HumanRightsFrameworkService.auditId("dimension", code), offset, limit);
    }

    @Transactional
    public Map<String, Set<String>> catalogue() {
        return repository.catalogue();
    }

    @Transactional
    public Dimension create(String code, String name, List<CodeDraft> codes) {
        if (repository.find(code).isPresent()) {
            throw ProblemException.conflict("The catalogue already has a dimension " + code + ".");
        }
        Set<String> seen = new HashSet<>();
        for (CodeDraft c : codes) {
            if (c.code().equals("_T")) {
                throw ProblemException.invalidField("body.codes", "_T (total) belongs to every dimension; do not list it");
            }
            if (!seen.add(c.code())) {
                throw ProblemException.invalidField("body.codes", "code " + c.code() + " is listed twice");
            }
        }
        repository.insertDimension(code, name.strip());
        codes.forEach(c -> repository.insertCode(code, c.code(), c.name().strip()));
        Dimension created = get(code);
        audit.record("dimension", HumanRightsFrameworkService.auditId("dimension", code), "CREATE", null, created);
        return created;
    }

    @Transactional
    public Dimension addCode(String dimension, String code, String name) {
        Dimension before = get(dimension);
        if (code.equals("_T")) {
            throw ProblemException.invalidField("body.code", "_T (total) belongs to every dimension already");
        }
        if (repository.codeExists(dimension, code)) {
            throw ProblemException.conflict("Dimension " + dimension + " already has a code " + code + ".");
        }
        repository.insertCode(dimension, code, name.strip());
        Dimension after = get(dimension);
        audit.record("dimension", HumanRightsFrameworkService.auditId("dimension", dimension), "ADD_CODE", before, after);
        return after;
    }
}
