package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.recommendations.api.FollowUpApi;
import org.opennrtd.recommendations.api.model.AuditEventPage;
import org.opennrtd.recommendations.api.model.ImplementationStatus;
import org.opennrtd.recommendations.api.model.PriorityScore;
import org.opennrtd.recommendations.api.model.RecommendationFollowUp;
import org.opennrtd.recommendations.api.model.RecommendationFollowUpInput;
import org.opennrtd.recommendations.api.model.RecommendationFollowUpPage;
import org.opennrtd.recommendations.mapping.AuditMapper;
import org.opennrtd.recommendations.mapping.FollowUpMapper;
import org.opennrtd.recommendations.service.FollowUpService;

/** HTTP only: the contract's FollowUpApi, mapped onto {@link FollowUpService}. */
public class FollowUpResource implements FollowUpApi {

    @Inject
    FollowUpService service;

    @Override
    public RestResponse<RecommendationFollowUp> getRecommendationFollowUp(UUID id) {
        return tagged(FollowUpMapper.toDto(service.get(id)));
    }

    @Override
    public RestResponse<RecommendationFollowUpPage> listRecommendationFollowUps(String country,
            ImplementationStatus implementationStatus, Integer offset, Integer limit) {
        var page = service.list(country, FollowUpMapper.status(implementationStatus), offset, limit);
        return RestResponse.ok(FollowUpMapper.toDto(page, offset, limit));
    }

    @Override
    public RestResponse<RecommendationFollowUp> updateRecommendationFollowUp(UUID id, RecommendationFollowUpInput input,
            String ifMatch) {
        return tagged(FollowUpMapper.toDto(service.update(id, FollowUpMapper.toDraft(input), ifMatch)));
    }

    @Override
    public RestResponse<PriorityScore> getRecommendationPriorityScore(UUID id) {
        return RestResponse.ok(FollowUpMapper.toDto(service.score(id)));
    }

    @Override
    public RestResponse<AuditEventPage> getRecommendationHistory(UUID id, Integer offset, Integer limit) {
        return RestResponse.ok(AuditMapper.toDto(service.history(id, offset, limit), offset, limit));
    }

    private static RestResponse<RecommendationFollowUp> tagged(RecommendationFollowUp dto) {
        return RestResponse.ResponseBuilder.ok(dto).header("ETag", EntityTags.of(dto.getVersion())).build();
    }
}
