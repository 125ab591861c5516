package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.recommendations.api.MilestonesApi;
import org.opennrtd.recommendations.api.model.AuditEventPage;
import org.opennrtd.recommendations.api.model.DueState;
import org.opennrtd.recommendations.api.model.Milestone;
import org.opennrtd.recommendations.api.model.MilestoneInput;
import org.opennrtd.recommendations.api.model.MilestonePage;
import org.opennrtd.recommendations.api.model.MilestoneStatus;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.entity.MilestoneEntity;
import org.opennrtd.recommendations.mapping.ActionMapper;
import org.opennrtd.recommendations.mapping.AuditMapper;
import org.opennrtd.recommendations.service.ActionService;

/** HTTP only: the contract's MilestonesApi, mapped onto {@link ActionService}. */
public class MilestoneResource implements MilestonesApi {

    @Inject
    ActionService service;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<Milestone> createMilestone(UUID id, MilestoneInput input) {
        Milestone dto = ActionMapper.toDto(service.createMilestone(id, ActionMapper.toDraft(input)));
        return RestResponse.ResponseBuilder.<Milestone>created(uriInfo.getBaseUriBuilder().path("api/v1/milestones/{id}").build(dto.getId()))
                .entity(dto).header("ETag", EntityTags.of(dto.getVersion())).build();
    }

    @Override
    public RestResponse<MilestonePage> listMilestones(String country, UUID actionId, MilestoneStatus status, DueState due,
            Integer offset, Integer limit) {
        ActionService.MilestonePage page = service.searchMilestones(country, actionId,
                status == null ? null : MilestoneEntity.Status.valueOf(status.name()), ActionMapper.toDomain(due), offset, limit);
        return RestResponse.ok(new MilestonePage()
                .items(new ArrayList<>(page.items().stream().map(ActionMapper::toDto).toList()))
                .page(new PageMeta().offset(offset).limit(limit).total(page.total())));
    }

    @Override
    public RestResponse<Milestone> getMilestone(UUID id) {
        return tagged(ActionMapper.toDto(service.getMilestone(id)));
    }

    @Override
    public RestResponse<Milestone> updateMilestone(UUID id, MilestoneInput input, String ifMatch) {
        return tagged(ActionMapper.toDto(service.updateMilestone(id, ActionMapper.toDraft(input), ifMatch)));
    }

    @Override
    public RestResponse<AuditEventPage> getMilestoneHistory(UUID id, Integer offset, Integer limit) {
        return RestResponse.ok(AuditMapper.toDto(service.milestoneHistory(id, offset, limit), offset, limit));
    }

    private static RestResponse<Milestone> tagged(Milestone dto) {
        return RestResponse.ResponseBuilder.ok(dto).header("ETag", EntityTags.of(dto.getVersion())).build();
    }
}
