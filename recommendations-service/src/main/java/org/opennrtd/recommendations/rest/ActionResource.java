package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.recommendations.api.ActionsApi;
import org.opennrtd.recommendations.api.model.Action;
import org.opennrtd.recommendations.api.model.ActionInput;
import org.opennrtd.recommendations.api.model.ActionPage;
import org.opennrtd.recommendations.api.model.AuditEventPage;
import org.opennrtd.recommendations.api.model.DueState;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.entity.ActionEntity;
import org.opennrtd.recommendations.mapping.ActionMapper;
import org.opennrtd.recommendations.mapping.AuditMapper;
import org.opennrtd.recommendations.service.ActionService;

/** HTTP only: the contract's ActionsApi, mapped onto {@link ActionService}. */
public class ActionResource implements ActionsApi {

    @Inject
    ActionService service;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<ActionPage> listActions(String country, UUID recommendationId, UUID clusterId, UUID institutionId,
            Boolean legislativeActionRequired, DueState updateDue, Integer offset, Integer limit, String sort) {
        ActionService.ActionPage page = service.search(country, recommendationId, clusterId, institutionId,
                legislativeActionRequired, ActionMapper.toDomain(updateDue), sort, offset, limit);
        return RestResponse.ok(new ActionPage()
                .items(new ArrayList<>(page.items().stream()
                        .map(a -> ActionMapper.toDto(a, page.nextUpdateDue().get(a.id))).toList()))
                .page(new PageMeta().offset(offset).limit(limit).total(page.total())));
    }

    @Override
    public RestResponse<Action> createAction(ActionInput input) {
        ActionEntity created = service.create(ActionMapper.toDraft(input));
        Action dto = dto(created);
        return RestResponse.ResponseBuilder.<Action>created(uriInfo.getBaseUriBuilder().path("api/v1/actions/{id}").build(created.id))
                .entity(dto).header("ETag", EntityTags.of(dto.getVersion())).build();
    }

    @Override
    public RestResponse<Action> getAction(UUID id) {
        return tagged(dto(service.get(id)));
    }

    @Override
    public RestResponse<Action> updateAction(UUID id, ActionInput input, String ifMatch) {
        return tagged(dto(service.update(id, ActionMapper.toDraft(input), ifMatch)));
    }

    @Override
    public RestResponse<AuditEventPage> getActionHistory(UUID id, Integer offset, Integer limit) {
        return RestResponse.ok(AuditMapper.toDto(service.history(id, offset, limit), offset, limit));
    }

    private Action dto(ActionEntity entity) {
        return ActionMapper.toDto(entity, service.nextUpdateDue(List.of(entity.id)).get(entity.id));
    }

    private static RestResponse<Action> tagged(Action dto) {
        return RestResponse.ResponseBuilder.ok(dto).header("ETag", EntityTags.of(dto.getVersion())).build();
    }
}
