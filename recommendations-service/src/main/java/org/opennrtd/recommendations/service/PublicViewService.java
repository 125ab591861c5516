package org.opennrtd.recommendations.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.UUID;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.recommendations.repository.PublicViewRepository;
import org.opennrtd.recommendations.repository.PublicationRepository;

/**
 * The anonymous public view of a country. It never looks at the caller: what it answers depends on the country's
 * publication settings alone, so a token widens nothing. A country that has not published, a recommendation that is
 * withheld or of another country, an action not marked public: all answer 404, as if they did not exist.
 */
@ApplicationScoped
public class PublicViewService {

    @Inject
    PublicationRepository publication;

    @Inject
    PublicViewRepository view;

    /** A page of public actions, and whether their budgets are shown. */
    public record Actions(PublicViewRepository.Page<PublicViewRepository.Action> page, boolean budgetsPublished) {
    }

    public record Action(PublicViewRepository.Action action, boolean budgetsPublished) {
    }

    @Transactional
    public PublicViewRepository.Page<PublicViewRepository.Recommendation> recommendations(String iso3,
            PublicViewRepository.RecommendationFilter filter, int offset, int limit) {
        published(iso3);
        return view.recommendations(iso3, filter, offset, limit);
    }

    @Transactional
    public PublicViewRepository.Recommendation recommendation(String iso3, UUID id) {
        published(iso3);
        return view.recommendation(iso3, id).orElseThrow(() -> ProblemException.notFound("public recommendation", id));
    }

    @Transactional
    public Actions actions(String iso3, UUID recommendationId, int offset, int limit) {
        PublicationRepository.Country country = published(iso3);
        return new Actions(view.actions(iso3, recommendationId, offset, limit), country.budgetsPublished());
    }

    @Transactional
    public Action action(String iso3, UUID id) {
        PublicationRepository.Country country = published(iso3);
        return new Action(view.action(iso3, id).orElseThrow(() -> ProblemException.notFound("public action", id)),
                country.budgetsPublished());
    }

    @Transactional
    public PublicViewRepository.Page<PublicViewRepository.ProgressUpdate> progress(String iso3, UUID actionId,
            int offset, int limit) {
        published(iso3);
        view.action(iso3, actionId).orElseThrow(() -> ProblemException.notFound("public action", actionId));
        return view.validatedProgress(actionId, offset, limit);
    }

    private PublicationRepository.Country published(String iso3) {
        PublicationRepository.Country country = publication.country(iso3);
        if (!country.published()) {
            throw new ProblemException(404, "not-found", "Not found", "No published country " + iso3 + ".");
        }
        return country;
    }
}
