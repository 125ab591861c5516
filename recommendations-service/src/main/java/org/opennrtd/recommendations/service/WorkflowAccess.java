package org.opennrtd.recommendations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Caller;
import org.opennrtd.common.security.Roles;
import org.opennrtd.recommendations.entity.ActionEntity;
import org.opennrtd.recommendations.repository.InstitutionRepository;

/**
 * Who may do what in the follow-up of recommendations. Records of a country the caller may not see are answered
 * with 404, as if they did not exist; records the caller may see but not change, with 403.
 */
@ApplicationScoped
public class WorkflowAccess {

    @Inject
    Caller caller;

    @Inject
    InstitutionRepository institutions;

    /** 404 unless the caller may see the country's data. */
    public void requireVisible(String country, String what, UUID id) {
        if (!caller.maySeeCountry(country)) {
            throw ProblemException.notFound(what, id);
        }
    }

    /** Administrators, and coordinators of the country. */
    public boolean coordinates(String country) {
        return caller.hasRole(Roles.ADMIN)
                || caller.hasRole(Roles.COORDINATOR) && caller.country().map(c -> c.equalsIgnoreCase(country)).orElse(false);
    }

    public void requireCoordinator(String country) {
        if (!coordinates(country)) {
            throw ProblemException.forbidden("Only a coordinator of " + country + " may do this.");
        }
    }

    /** The institution of the caller's {@code institution} claim in that country, when the caller is a focal point. */
    public Optional<UUID> ownInstitution(String country) {
        if (!caller.hasRole(Roles.FOCAL_POINT) || !caller.country().map(c -> c.equalsIgnoreCase(country)).orElse(false)) {
            return Optional.empty();
        }
        return caller.institution().flatMap(code -> institutions.findByCode(country, code)).map(i -> i.id);
    }

    /** A focal point of the action's lead institution (or, with {@code orSupporting}, of a supporting one). */
    public boolean isFocalPointOf(ActionEntity action, boolean orSupporting) {
        return ownInstitution(action.country)
                .map(own -> own.equals(action.leadInstitutionId) || orSupporting && action.supportingInstitutionIds.contains(own))
                .orElse(false);
    }

    /** Coordinators of the action's country, or focal points of its institutions. */
    public void requireActionWriter(ActionEntity action, boolean orSupporting) {
        if (!coordinates(action.country) && !isFocalPointOf(action, orSupporting)) {
            throw ProblemException.forbidden("Only a coordinator of " + action.country + " or a focal point of the action's "
                    + (orSupporting ? "lead or supporting institutions" : "lead institution") + " may change it.");
        }
    }

    /** Whether the caller sees an action's progress updates in every state, not only validated ones. */
    public boolean seesUnpublishedOf(ActionEntity action) {
        return caller.hasRole(Roles.OHCHR) || coordinates(action.country) || isFocalPointOf(action, true);
    }

    /** Whether the caller sees focal points' e-mail addresses and user names. */
    public boolean seesContacts(String country) {
        return coordinates(country) || caller.hasRole(Roles.FOCAL_POINT) && caller.maySeeCountry(country);
    }

    public Caller caller() {
        return caller;
    }
}
