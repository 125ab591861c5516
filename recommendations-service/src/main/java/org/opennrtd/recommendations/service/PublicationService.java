package org.opennrtd.recommendations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.common.security.Roles;
import org.opennrtd.recommendations.entity.ActionEntity;
import org.opennrtd.recommendations.entity.RecommendationEntity;
import org.opennrtd.recommendations.repository.PublicationRepository;

/**
 * What the public view shows: a country's opt-in (off until set, with or without action budgets), the
 * recommendations a coordinator withholds from it and the actions marked public. Administrators and the country's
 * coordinators change them (If-Match, audited); OHCHR reads them too.
 */
@ApplicationScoped
public class PublicationService {

    /** Audit resource type of a country's setting; its id is {@link #countryResourceId}. */
    public static final String COUNTRY_RESOURCE = "country-publication";

    @Inject
    PublicationRepository repository;

    @Inject
    RecommendationService recommendations;

    @Inject
    ActionService actions;

    @Inject
    WorkflowAccess access;

    @Inject
    AuditTrail audit;

    public record FlagView(PublicationRepository.Flag flag, String country) {
    }

    /** The audit trail keys resources by UUID: a country's setting by the name-based UUID of its name. */
    public static UUID countryResourceId(String iso3) {
        return UUID.nameUUIDFromBytes((COUNTRY_RESOURCE + ":" + iso3).getBytes(StandardCharsets.UTF_8));
    }

    @Transactional
    public PublicationRepository.Country country(String iso3) {
        requireReader(iso3);
        return repository.country(iso3);
    }

    @Transactional
    public PublicationRepository.Country updateCountry(String iso3, boolean published, boolean budgetsPublished,
            String ifMatch) {
        access.requireCoordinator(iso3);
        PublicationRepository.Country current = repository.country(iso3);
        EntityTags.requireMatch(ifMatch, current.version());
        if (current.published() == published && current.budgetsPublished() == budgetsPublished) {
            return current;
        }
        if (!repository.storeCountry(iso3, published, budgetsPublished, WorkflowTime.now(), current.version())) {
            throw changedMeanwhile();
        }
        audit.record(COUNTRY_RESOURCE, countryResourceId(iso3), "UPDATE", countrySnapshot(current.published(),
                current.budgetsPublished()), countrySnapshot(published, budgetsPublished));
        return repository.country(iso3);
    }

    @Transactional
    public FlagView recommendation(UUID id) {
        RecommendationEntity r = recommendations.get(id);
        requireReader(r.country);
        return new FlagView(repository.recommendation(id), r.country);
    }

    @Transactional
    public FlagView withhold(UUID id, boolean withheld, String ifMatch) {
        RecommendationEntity r = recommendations.get(id);
        access.requireCoordinator(r.country);
        PublicationRepository.Flag current = repository.recommendation(id);
        EntityTags.requireMatch(ifMatch, current.version());
        if (current.value() != withheld) {
            if (!repository.storeRecommendation(id, withheld, WorkflowTime.now(), current.version())) {
                throw changedMeanwhile();
            }
            audit.record(RecommendationService.RESOURCE, id, "PUBLICATION", Map.of("withheld", current.value()),
                    Map.of("withheld", withheld));
        }
        return new FlagView(repository.recommendation(id), r.country);
    }

    @Transactional
    public FlagView action(UUID id) {
        ActionEntity a = actions.get(id);
        requireReader(a.country);
        return new FlagView(repository.action(id), a.country);
    }

    @Transactional
    public FlagView markAction(UUID id, boolean published, String ifMatch) {
        ActionEntity a = actions.get(id);
        access.requireCoordinator(a.country);
        PublicationRepository.Flag current = repository.action(id);
        EntityTags.requireMatch(ifMatch, current.version());
        if (current.value() != published) {
            if (!repository.storeAction(id, published, WorkflowTime.now(), current.version())) {
                throw changedMeanwhile();
            }
            audit.record(ActionService.RESOURCE, id, "PUBLICATION", Map.of("published", current.value()),
                    Map.of("published", published));
        }
        return new FlagView(repository.action(id), a.country);
    }

    private void requireReader(String country) {
        if (!access.coordinates(country) && !access.caller().hasRole(Roles.OHCHR)) {
            throw ProblemException.forbidden("Only an administrator, OHCHR or a coordinator of " + country
                    + " may read or change what " + country + " publishes.");
        }
    }

    private static Map<String, Object> countrySnapshot(boolean published, boolean budgetsPublished) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("published", published);
        m.put("budgetsPublished", budgetsPublished);
        return m;
    }

    private static ProblemException changedMeanwhile() {
        return ProblemException.preconditionFailed("The setting was changed by someone else just now; read it again"
                + " and retry.");
    }
}
