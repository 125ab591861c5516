package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.http.PublicAnswers;
import org.opennrtd.recommendations.api.PublicApi;
import org.opennrtd.recommendations.api.model.ImplementationStatus;
import org.opennrtd.recommendations.api.model.Mechanism;
import org.opennrtd.recommendations.api.model.PublicAction;
import org.opennrtd.recommendations.api.model.PublicActionPage;
import org.opennrtd.recommendations.api.model.PublicProgressUpdatePage;
import org.opennrtd.recommendations.api.model.PublicRecommendation;
import org.opennrtd.recommendations.api.model.PublicRecommendationPage;
import org.opennrtd.recommendations.mapping.PublicViewMapper;
import org.opennrtd.recommendations.repository.PublicViewRepository;
import org.opennrtd.recommendations.service.PublicViewService;

/**
 * HTTP only: the contract's PublicApi, the anonymous public view (its interface is {@code @PermitAll}), mapped
 * onto {@link PublicViewService}; answers are cacheable with an ETag over the body ({@link PublicAnswers}).
 */
public class PublicResource implements PublicApi {

    @Inject
    PublicViewService service;

    @Inject
    PublicAnswers answers;

    @Override
    public RestResponse<PublicRecommendationPage> listPublicRecommendations(String iso3, Integer offset, Integer limit,
            String q, Mechanism mechanism, ImplementationStatus implementationStatus, String theme, String ifNoneMatch) {
        var filter = new PublicViewRepository.RecommendationFilter(q, mechanism == null ? null : mechanism.name(),
                implementationStatus == null ? null : implementationStatus.name(), theme);
        return answers.ok(PublicViewMapper.toRecommendationPage(service.recommendations(iso3, filter, offset, limit),
                offset, limit), ifNoneMatch);
    }

    @Override
    public RestResponse<PublicRecommendation> getPublicRecommendation(String iso3, UUID id, String ifNoneMatch) {
        return answers.ok(PublicViewMapper.toDto(service.recommendation(iso3, id)), ifNoneMatch);
    }

    @Override
    public RestResponse<PublicActionPage> listPublicActions(String iso3, Integer offset, Integer limit,
            UUID recommendationId, String ifNoneMatch) {
        PublicViewService.Actions actions = service.actions(iso3, recommendationId, offset, limit);
        return answers.ok(PublicViewMapper.toActionPage(actions.page(), actions.budgetsPublished(), offset, limit),
                ifNoneMatch);
    }

    @Override
    public RestResponse<PublicAction> getPublicAction(String iso3, UUID id, String ifNoneMatch) {
        PublicViewService.Action action = service.action(iso3, id);
        return answers.ok(PublicViewMapper.toDto(action.action(), action.budgetsPublished()), ifNoneMatch);
    }

    @Override
    public RestResponse<PublicProgressUpdatePage> listPublicProgressUpdates(String iso3, UUID id, Integer offset,
            Integer limit, String ifNoneMatch) {
        return answers.ok(PublicViewMapper.toProgressPage(service.progress(iso3, id, offset, limit), offset, limit),
                ifNoneMatch);
    }
}
