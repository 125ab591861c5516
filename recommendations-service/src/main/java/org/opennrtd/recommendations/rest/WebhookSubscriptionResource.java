package org.opennrtd.recommendations.rest;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.opennrtd.common.http.EntityTags;
import org.opennrtd.recommendations.api.WebhooksApi;
import org.opennrtd.recommendations.api.model.AuditEventPage;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.api.model.WebhookDeliveryPage;
import org.opennrtd.recommendations.api.model.WebhookDeliveryState;
import org.opennrtd.recommendations.api.model.WebhookSubscription;
import org.opennrtd.recommendations.api.model.WebhookSubscriptionInput;
import org.opennrtd.recommendations.api.model.WebhookSubscriptionPage;
import org.opennrtd.recommendations.entity.WebhookDeliveryEntity;
import org.opennrtd.recommendations.mapping.DialogueMapper;
import org.opennrtd.recommendations.mapping.WebhookMapper;
import org.opennrtd.recommendations.repository.WebhookDeliveryRepository;
import org.opennrtd.recommendations.repository.WebhookSubscriptionRepository;
import org.opennrtd.recommendations.service.WebhookSubscriptionService;

/** HTTP only: the contract's WebhooksApi, mapped onto {@link WebhookSubscriptionService}. */
public class WebhookSubscriptionResource implements WebhooksApi {

    @Inject
    WebhookSubscriptionService service;

    @Context
    UriInfo uriInfo;

    @Override
    public RestResponse<WebhookSubscriptionPage> listWebhookSubscriptions(String country, Integer offset, Integer limit) {
        WebhookSubscriptionRepository.Slice slice = service.list(country, offset, limit);
        return RestResponse.ok(new WebhookSubscriptionPage()
                .items(slice.items().stream().map(WebhookMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(slice.total())));
    }

    @Override
    public RestResponse<WebhookSubscription> createWebhookSubscription(WebhookSubscriptionInput input) {
        WebhookSubscriptionService.Created created = service.subscribe(WebhookMapper.toDraft(input));
        WebhookSubscription dto = WebhookMapper.toDto(created.subscription()).secret(created.secret());
        return tagged(RestResponse.ResponseBuilder.created(
                uriInfo.getBaseUriBuilder().path("api/v1/webhook-subscriptions/{id}").build(dto.getId())), dto);
    }

    @Override
    public RestResponse<WebhookSubscription> getWebhookSubscription(UUID id) {
        return tagged(RestResponse.ResponseBuilder.ok(), WebhookMapper.toDto(service.get(id)));
    }

    @Override
    public RestResponse<WebhookSubscription> updateWebhookSubscription(UUID id, WebhookSubscriptionInput input,
            String ifMatch) {
        return tagged(RestResponse.ResponseBuilder.ok(),
                WebhookMapper.toDto(service.update(id, WebhookMapper.toDraft(input), ifMatch)));
    }

    @Override
    public RestResponse<WebhookDeliveryPage> listWebhookDeliveries(UUID id, WebhookDeliveryState state, Integer offset,
            Integer limit) {
        WebhookDeliveryRepository.Slice slice = service.deliveries(id,
                state == null ? null : WebhookDeliveryEntity.State.valueOf(state.name()), offset, limit);
        return RestResponse.ok(new WebhookDeliveryPage()
                .items(slice.items().stream().map(WebhookMapper::toDto).toList())
                .page(new PageMeta().offset(offset).limit(limit).total(slice.total())));
    }

    @Override
    public RestResponse<AuditEventPage> getWebhookSubscriptionHistory(UUID id, Integer offset, Integer limit) {
        return RestResponse.ok(DialogueMapper.toDto(service.history(id, offset, limit), offset, limit));
    }

    private static RestResponse<WebhookSubscription> tagged(RestResponse.ResponseBuilder<WebhookSubscription> builder,
            WebhookSubscription dto) {
        return builder.entity(dto).header("ETag", EntityTags.of(dto.getVersion())).build();
    }
}
