package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.recommendations.api.model.ImplementationStatus;
import org.opennrtd.recommendations.api.model.PriorityLevel;
import org.opennrtd.recommendations.mapping.FollowUpMapper;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.common.security.Caller;
import org.opennrtd.recommendations.api.RecommendationsApi;
import org.opennrtd.recommendations.api.model.Mechanism;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.api.model.Position;
import org.opennrtd.recommendations.api.model.Recommendation;
import org.opennrtd.recommendations.api.model.RecommendationInput;
import org.opennrtd.recommendations.api.model.RecommendationPage;
import org.opennrtd.recommendations.api.model.RecommendationStatistics;
import org.opennrtd.recommendations.entity.RecommendationEntity;
import org.opennrtd.recommendations.mapping.RecommendationMapper;
import org.opennrtd.recommendations.repository.RecommendationQuery;
import org.opennrtd.recommendations.service.RecommendationService;

/** HTTP only: the contract's RecommendationsApi, mapped onto {@link RecommendationService}. */
public class RecommendationResource implements RecommendationsApi {

    @Inject
    RecommendationService service;

    @Inject
    Caller caller;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<RecommendationPage> listRecommendations(Integer offset, Integer limit, String sort, String q,
            String country, Mechanism mechanism, String body, Position position, String theme, String affectedPerson,
            String recommendingState, Integer sdgGoal, String sdgTarget, String documentSymbol, Integer uprCycle,
            Integer uprSession, String region, java.time.LocalDate publishedFrom, java.time.LocalDate publishedTo,
            ImplementationStatus implementationStatus, PriorityLevel priorityLevel, Boolean withdrawnFromUhri,
            String acceptLanguage) {
        RecommendationQuery query = new RecommendationQuery(caller.countryScope(country), q,
                mechanism == null ? null : RecommendationEntity.Mechanism.valueOf(mechanism.name()), body,
                position == null ? null : RecommendationEntity.Position.valueOf(position.name()),
                theme, affectedPerson, recommendingState, sdgGoal, sdgTarget, documentSymbol, uprCycle, uprSession,
                region, publishedFrom, publishedTo, FollowUpMapper.status(implementationStatus),
                FollowUpMapper.level(priorityLevel), withdrawnFromUhri, sort, offset, limit);
        RecommendationService.LocalizedPage page = service.search(query, acceptLanguage);
        RecommendationPage result = new RecommendationPage()
                .items(page.items().stream().map(RecommendationMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(page.total()));
        // Each item says its language (they may differ); caches must key on Accept-Language.
        return RestResponse.ResponseBuilder.ok(result).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE).build();
    }

    @Override
    public RestResponse<Recommendation> getRecommendation(UUID id, String acceptLanguage) {
        RecommendationService.Localized read = service.get(id, acceptLanguage);
        return tagged(RestResponse.ResponseBuilder.<Recommendation>ok()
                .header(HttpHeaders.CONTENT_LANGUAGE, read.language())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE), RecommendationMapper.toDto(read));
    }

    @Override
    public RestResponse<Recommendation> createRecommendation(RecommendationInput input) {
        RecommendationEntity created = service.create(RecommendationMapper.toDraft(input));
        return tagged(RestResponse.ResponseBuilder.created(
                uriInfo.getBaseUriBuilder().path("api/v1/recommendations/{id}").build(created.id)),
                RecommendationMapper.toDto(created));
    }

    @Override
    public RestResponse<Recommendation> updateRecommendation(UUID id, RecommendationInput input, String ifMatch) {
        RecommendationEntity updated = service.update(id, RecommendationMapper.toDraft(input), ifMatch);
        return tagged(RestResponse.ResponseBuilder.ok(), RecommendationMapper.toDto(updated));
    }

    @Override
    public RestResponse<RecommendationStatistics> getRecommendationStatistics(String country) {
        return RestResponse.ok(RecommendationMapper.toDto(service.statistics(country)));
    }

    private static RestResponse<Recommendation> tagged(RestResponse.ResponseBuilder<Recommendation> builder,
            Recommendation dto) {
        return builder.entity(dto).header("ETag", EntityTags.of(dto.getVersion())).build();
    }
}
