package org.opennrtd.indicators.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.indicators.repository.HumanRightsRepository;
import org.opennrtd.indicators.repository.HumanRightsRepository.Indicator;
import org.opennrtd.indicators.repository.HumanRightsRepository.Page;
import org.opennrtd.indicators.repository.HumanRightsRepository.Right;

/**
 * The human-rights framework: read by everyone, extended (never changed or shrunk) by administrators and
 * coordinators. Every addition is audited; framework entries are keyed by code, so their audit id is derived
 * from it. Each entry's history is read by whoever reads the framework.
 */
@ApplicationScoped
public class HumanRightsFrameworkService {

    @Inject
    HumanRightsRepository repository;

    @Inject
    SdgFrameworkService sdg;

    @Inject
    AuditTrail audit;

    /** The audit id of a framework entry keyed by code. */
    public static UUID auditId(String kind, String code) {
        return UUID.nameUUIDFromBytes((kind + ":" + code).getBytes(StandardCharsets.UTF_8));
    }

    @Transactional
    public Page<Right> rights(int offset, int limit) {
        return repository.rights(offset, limit);
    }

    @Transactional
    public Right right(String code) {
        return repository.right(code).orElseThrow(() -> ProblemException.notFound("right", code));
    }

    @Transactional
    public Right createRight(String code, String name, String description) {
        if (repository.exists("hr_right", code)) {
            throw ProblemException.conflict("The framework already has a right " + code + ".");
        }
        repository.insertRight(code, name.strip(), description == null || description.isBlank() ? null : description.strip());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("code", code);
        after.put("name", name.strip());
        after.put("description", description);
        audit.record("hr-right", auditId("hr-right", code), "CREATE", null, after);
        return right(code);
    }

    /** Adds an attribute: recorded as the attribute's creation and as a change (ADD_ATTRIBUTE) of its right. */
    @Transactional
    public Right createAttribute(String right, String code, String name) {
        Right before = right(right);
        if (repository.exists("hr_attribute", code)) {
            throw ProblemException.conflict("The framework already has an attribute " + code + ".");
        }
        repository.insertAttribute(right, code, name.strip());
        audit.record("hr-attribute", auditId("hr-attribute", code), "CREATE", null,
                Map.of("code", code, "right", right, "name", name.strip()));
        Right after = right(right);
        audit.record("hr-right", auditId("hr-right", right), "ADD_ATTRIBUTE", before, after);
        return after;
    }

    @Transactional
    public AuditHistory rightHistory(String code, int offset, int limit) {
        right(code);
        return audit.history("hr-right", auditId("hr-right", code), offset, limit);
    }

    /** An attribute's history; an attribute that is not one of {@code right}'s answers 404. */
    @Transactional
    public AuditHistory attributeHistory(String right, String code, int offset, int limit) {
        right(right);
        repository.attribute(code).filter(a -> a.right().equals(right))
                .orElseThrow(() -> ProblemException.notFound("attribute of right " + right, code));
        return audit.history("hr-attribute", auditId("hr-attribute", code), offset, limit);
    }

    @Transactional
    public AuditHistory indicatorHistory(String code, int offset, int limit) {
        repository.indicator(code).orElseThrow(() -> ProblemException.notFound("human-rights indicator", code));
        return audit.history("hr-indicator", auditId("hr-indicator", code), offset, limit);
    }

    @Transactional
    public Page<Indicator> indicators(String right, String attribute, String type, int offset, int limit) {
        return repository.indicators(right, attribute, type, offset, limit);
    }

    @Transactional
    public Indicator createIndicator(String code, String right, String attribute, String type, String title,
            List<String> sdgIndicators) {
        if (repository.exists("hr_indicator", code)) {
            throw ProblemException.conflict("The framework already has a human-rights indicator " + code + ".");
        }
        HumanRightsRepository.Attribute a = repository.attribute(attribute).orElse(null);
        if (a == null || !a.right().equals(right)) {
            throw ProblemException.unprocessable("The attribute must be one of the right's attributes.",
                    List.of(new FieldViolation("body.attribute", "right " + right + " has no attribute " + attribute)));
        }
        List<String> sdgCodes = sdgIndicators == null ? List.of() : sdgIndicators.stream().distinct().toList();
        List<String> unknown = sdg.missingIndicators(sdgCodes);
        if (!unknown.isEmpty()) {
            throw ProblemException.unprocessable("Not global SDG indicators: " + unknown + ".",
                    List.of(new FieldViolation("body.sdgIndicators", "unknown codes " + unknown)));
        }
        repository.insertIndicator(code, attribute, type, title.strip(), sdgCodes);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("code", code);
        after.put("attribute", attribute);
        after.put("type", type);
        after.put("title", title.strip());
        after.put("sdgIndicators", sdgCodes);
        audit.record("hr-indicator", auditId("hr-indicator", code), "CREATE", null, after);
        return repository.indicator(code).orElseThrow();
    }
}
