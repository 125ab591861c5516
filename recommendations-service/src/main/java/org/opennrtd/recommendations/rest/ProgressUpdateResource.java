package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.recommendations.api.ProgressUpdatesApi;
import org.opennrtd.recommendations.api.model.AuditEventPage;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.api.model.ProgressUpdate;
import org.opennrtd.recommendations.api.model.ProgressUpdateInput;
import org.opennrtd.recommendations.api.model.ProgressUpdatePage;
import org.opennrtd.recommendations.api.model.ProgressUpdateReturnInput;
import org.opennrtd.recommendations.api.model.ProgressUpdateStatus;
import org.opennrtd.recommendations.entity.ProgressUpdateEntity;
import org.opennrtd.recommendations.mapping.ActionMapper;
import org.opennrtd.recommendations.mapping.AuditMapper;
import org.opennrtd.recommendations.service.ProgressUpdateService;

/** HTTP only: the contract's ProgressUpdatesApi, mapped onto {@link ProgressUpdateService}. */
public class ProgressUpdateResource implements ProgressUpdatesApi {

    @Inject
    ProgressUpdateService service;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<ProgressUpdate> createProgressUpdate(UUID id, ProgressUpdateInput input) {
        ProgressUpdate dto = ActionMapper.toDto(service.create(id, ActionMapper.toDraft(input)));
        return RestResponse.ResponseBuilder.<ProgressUpdate>created(uriInfo.getBaseUriBuilder().path("api/v1/progress-updates/{id}").build(dto.getId()))
                .entity(dto).header("ETag", EntityTags.of(dto.getVersion())).build();
    }

    @Override
    public RestResponse<ProgressUpdatePage> listProgressUpdates(String country, UUID actionId, ProgressUpdateStatus status,
            Integer offset, Integer limit) {
        ProgressUpdateService.Page page = service.search(country, actionId,
                status == null ? null : ProgressUpdateEntity.Status.valueOf(status.name()), offset, limit);
        return RestResponse.ok(new ProgressUpdatePage()
                .items(new ArrayList<>(page.items().stream().map(ActionMapper::toDto).toList()))
                .page(new PageMeta().offset(offset).limit(limit).total(page.total())));
    }

    @Override
    public RestResponse<ProgressUpdate> getProgressUpdate(UUID id) {
        return tagged(service.get(id));
    }

    @Override
    public RestResponse<ProgressUpdate> updateProgressUpdate(UUID id, ProgressUpdateInput input, String ifMatch) {
        return tagged(service.update(id, ActionMapper.toDraft(input), ifMatch));
    }

    @Override
    public RestResponse<ProgressUpdate> submitProgressUpdate(UUID id, String ifMatch) {
        return tagged(service.submit(id, ifMatch));
    }

    @Override
    public RestResponse<ProgressUpdate> validateProgressUpdate(UUID id, String ifMatch) {
        return tagged(service.validate(id, ifMatch));
    }

    @Override
    public RestResponse<ProgressUpdate> returnProgressUpdate(UUID id, ProgressUpdateReturnInput input, String ifMatch) {
        return tagged(service.returnWithReason(id, input.getReason(), ifMatch));
    }

    @Override
    public RestResponse<AuditEventPage> getProgressUpdateHistory(UUID id, Integer offset, Integer limit) {
        return RestResponse.ok(AuditMapper.toDto(service.history(id, offset, limit), offset, limit));
    }

    private static RestResponse<ProgressUpdate> tagged(ProgressUpdateService.View view) {
        ProgressUpdate dto = ActionMapper.toDto(view);
        return RestResponse.ResponseBuilder.ok(dto).header("ETag", EntityTags.of(dto.getVersion())).build();
    }
}
