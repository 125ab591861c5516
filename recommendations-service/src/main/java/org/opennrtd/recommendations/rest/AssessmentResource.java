package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.recommendations.api.AssessmentsApi;
import org.opennrtd.recommendations.api.model.Assessment;
import org.opennrtd.recommendations.api.model.AssessmentInput;
import org.opennrtd.recommendations.api.model.AssessmentPage;
import org.opennrtd.recommendations.api.model.AuditEventPage;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.mapping.DialogueMapper;
import org.opennrtd.recommendations.repository.AssessmentRepository;
import org.opennrtd.recommendations.service.AssessmentService;

/** HTTP only: the contract's AssessmentsApi, mapped onto {@link AssessmentService}. */
public class AssessmentResource implements AssessmentsApi {

    @Inject
    AssessmentService service;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<AssessmentPage> listRecommendationAssessments(UUID id, Integer offset, Integer limit) {
        AssessmentRepository.Slice slice = service.ofRecommendation(id, offset, limit);
        return RestResponse.ok(new AssessmentPage()
                .items(slice.items().stream().map(DialogueMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(slice.total())));
    }

    @Override
    public RestResponse<Assessment> createRecommendationAssessment(UUID id, AssessmentInput input) {
        Assessment created = DialogueMapper.toDto(service.record(id, DialogueMapper.toDraft(input)));
        return tagged(RestResponse.ResponseBuilder.created(
                uriInfo.getBaseUriBuilder().path("api/v1/assessments/{id}").build(created.getId())), created);
    }

    @Override
    public RestResponse<Assessment> getAssessment(UUID id) {
        return tagged(RestResponse.ResponseBuilder.ok(), DialogueMapper.toDto(service.get(id)));
    }

    @Override
    public RestResponse<Assessment> updateAssessment(UUID id, AssessmentInput input, String ifMatch) {
        return tagged(RestResponse.ResponseBuilder.ok(),
                DialogueMapper.toDto(service.correct(id, DialogueMapper.toDraft(input), ifMatch)));
    }

    @Override
    public RestResponse<AuditEventPage> getAssessmentHistory(UUID id, Integer offset, Integer limit) {
        return RestResponse.ok(DialogueMapper.toDto(service.history(id, offset, limit), offset, limit));
    }

    private static RestResponse<Assessment> tagged(RestResponse.ResponseBuilder<Assessment> builder, Assessment dto) {
        return builder.entity(dto).header("ETag", EntityTags.of(dto.getVersion())).build();
    }
}
