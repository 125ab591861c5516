package org.opennrtd.recommendations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.problem.FieldViolation;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.common.security.Roles;
import org.opennrtd.recommendations.entity.ReprisalReportEntity;
import org.opennrtd.recommendations.repository.RecommendationRepository;
import org.opennrtd.recommendations.repository.ReprisalReportRepository;

/**
 * Reports of intimidation or reprisal against people who engage with the UN. Civil society and the NHRI report for
 * their own country, OHCHR for any. The NHRI of the country and OHCHR read them, civil society only its own; nobody
 * else learns that one exists (404). Reports fire no event and appear in no other resource, list or export.
 */
@ApplicationScoped
public class ReprisalReportService {

    static final String RESOURCE = "reprisal-report";

    @Inject
    ReprisalReportRepository repository;

    @Inject
    RecommendationRepository recommendations;

    @Inject
    CommentService comments;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    public record Draft(String country, UUID recommendationId, UUID commentId, String personConcerned,
            String description, LocalDate occurredOn) {
    }

    /**
     * Reprisal reports are for people, never for another service: a client's own account (Keycloak names it
     * {@code service-account-<client>}; the reporting service's has OHCHR's role to read every country) may neither
     * write nor read them, so no report, export or status can ever carry one.
     */
    private void refuseServiceAccounts() {
        if (caller.name() != null && caller.name().startsWith(SERVICE_ACCOUNT_PREFIX)) {
            throw ProblemException.forbidden("Reprisal reports are read and written by people, not by services.");
        }
    }

    static final String SERVICE_ACCOUNT_PREFIX = "service-account-";

    @Transactional
    public ReprisalReportEntity create(Draft draft) {
        refuseServiceAccounts();
        String country = draft.country().toUpperCase(Locale.ROOT);
        if (!caller.hasRole(Roles.OHCHR)) {
            caller.requireWriteAccessTo(country);
        }
        if (draft.description().isBlank()) {
            throw ProblemException.invalidField("description", "must not be blank");
        }
        if (draft.recommendationId() != null && recommendations.findByIdOptional(draft.recommendationId())
                .filter(r -> r.country.equals(country) && caller.maySeeCountry(r.country)).isEmpty()) {
            throw unlinkable("recommendationId", "recommendation", draft.recommendationId(), country);
        }
        if (draft.commentId() != null && comments.visible(draft.commentId())
                .filter(c -> c.country.equals(country)).isEmpty()) {
            throw unlinkable("commentId", "comment", draft.commentId(), country);
        }
        ReprisalReportEntity r = new ReprisalReportEntity();
        r.id = UUID.randomUUID();
        r.country = country;
        r.recommendationId = draft.recommendationId();
        r.commentId = draft.commentId();
        r.personConcerned = blankToNull(draft.personConcerned());
        r.description = draft.description().strip();
        r.occurredOn = draft.occurredOn();
        r.authorName = caller.name();
        r.authorRole = caller.hasRole(Roles.NHRI) ? Roles.NHRI
                : caller.hasRole(Roles.CIVIL_SOCIETY) ? Roles.CIVIL_SOCIETY : Roles.OHCHR;
        r.authorInstitution = caller.institution().orElse(null);
        r.createdAt = CommentService.now();
        repository.persist(r);
        repository.flush();
        audit.record(RESOURCE, r.id, "CREATE", null, snapshot(r));
        return r;
    }

    @Transactional
    public ReprisalReportRepository.Slice list(String country, int offset, int limit) {
        refuseServiceAccounts();
        Optional<String> scope = caller.countryScope(country);
        boolean readsCountry = caller.hasRole(Roles.OHCHR) || caller.hasRole(Roles.NHRI);
        return repository.list(scope.orElse(null), readsCountry ? null : caller.name(), offset, limit);
    }

    @Transactional
    public ReprisalReportEntity get(UUID id) {
        refuseServiceAccounts();
        return repository.findByIdOptional(id).filter(this::readable)
                .orElseThrow(() -> ProblemException.notFound(RESOURCE, id));
    }

    private boolean readable(ReprisalReportEntity r) {
        return caller.hasRole(Roles.OHCHR)
                || (caller.hasRole(Roles.NHRI) && caller.country().map(r.country::equalsIgnoreCase).orElse(false))
                || r.authorName.equals(caller.name());
    }

    private static ProblemException unlinkable(String field, String what, UUID id, String country) {
        return ProblemException.unprocessable(field + ": no " + what + " " + id + " of " + country + " that you may read.",
                List.of(new FieldViolation(field, "must be a " + what + " of " + country + " that you may read")));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Map<String, Object> snapshot(ReprisalReportEntity r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("country", r.country);
        m.put("recommendationId", r.recommendationId == null ? null : r.recommendationId.toString());
        m.put("commentId", r.commentId == null ? null : r.commentId.toString());
        m.put("personConcerned", r.personConcerned);
        m.put("description", r.description);
        m.put("occurredOn", r.occurredOn == null ? null : r.occurredOn.toString());
        m.put("authorRole", r.authorRole);
        return m;
    }
}
