package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.recommendations.api.PublicationApi;
import org.opennrtd.recommendations.api.model.ActionPublication;
import org.opennrtd.recommendations.api.model.ActionPublicationInput;
import org.opennrtd.recommendations.api.model.CountryPublication;
import org.opennrtd.recommendations.api.model.CountryPublicationInput;
import org.opennrtd.recommendations.api.model.RecommendationPublication;
import org.opennrtd.recommendations.api.model.RecommendationPublicationInput;
import org.opennrtd.recommendations.mapping.PublicViewMapper;
import org.opennrtd.recommendations.service.PublicationService;

/** HTTP only: the contract's PublicationApi (the public view's settings), mapped onto {@link PublicationService}. */
public class PublicationResource implements PublicationApi {

    @Inject
    PublicationService service;

    @Override
    public RestResponse<CountryPublication> getCountryPublication(String iso3) {
        CountryPublication dto = PublicViewMapper.toDto(service.country(iso3));
        return tagged(dto, dto.getVersion());
    }

    @Override
    public RestResponse<CountryPublication> updateCountryPublication(String iso3, CountryPublicationInput input,
            String ifMatch) {
        CountryPublication dto = PublicViewMapper.toDto(service.updateCountry(iso3, input.getPublished(),
                input.getBudgetsPublished(), ifMatch));
        return tagged(dto, dto.getVersion());
    }

    @Override
    public RestResponse<RecommendationPublication> getRecommendationPublication(UUID id) {
        RecommendationPublication dto = PublicViewMapper.toRecommendationDto(service.recommendation(id));
        return tagged(dto, dto.getVersion());
    }

    @Override
    public RestResponse<RecommendationPublication> updateRecommendationPublication(UUID id,
            RecommendationPublicationInput input, String ifMatch) {
        RecommendationPublication dto = PublicViewMapper.toRecommendationDto(
                service.withhold(id, input.getWithheld(), ifMatch));
        return tagged(dto, dto.getVersion());
    }

    @Override
    public RestResponse<ActionPublication> getActionPublication(UUID id) {
        ActionPublication dto = PublicViewMapper.toActionDto(service.action(id));
        return tagged(dto, dto.getVersion());
    }

    @Override
    public RestResponse<ActionPublication> updateActionPublication(UUID id, ActionPublicationInput input,
            String ifMatch) {
        ActionPublication dto = PublicViewMapper.toActionDto(service.markAction(id, input.getPublished(), ifMatch));
        return tagged(dto, dto.getVersion());
    }

    private static <T> RestResponse<T> tagged(T dto, long version) {
        return RestResponse.ResponseBuilder.ok(dto).header("ETag", EntityTags.of(version)).build();
    }
}
