package org.opennrtd.recommendations.mapping;

import java.net.URI;
import org.opennrtd.recommendations.api.model.EventType;
import org.opennrtd.recommendations.api.model.WebhookDelivery;
import org.opennrtd.recommendations.api.model.WebhookDeliveryState;
import org.opennrtd.recommendations.api.model.WebhookSubscription;
import org.opennrtd.recommendations.api.model.WebhookSubscriptionInput;
import org.opennrtd.recommendations.entity.WebhookDeliveryEntity;
import org.opennrtd.recommendations.entity.WebhookSubscriptionEntity;
import org.opennrtd.recommendations.events.DomainEventType;
import org.opennrtd.recommendations.service.WebhookSubscriptionService;

/** Webhook subscriptions and deliveries, entity ⇄ DTO. The secret never leaves except on creation. */
public final class WebhookMapper {

    private WebhookMapper() {
    }

    public static WebhookSubscriptionService.Draft toDraft(WebhookSubscriptionInput input) {
        return new WebhookSubscriptionService.Draft(input.getUrl(),
                input.getEventTypes().stream().map(t -> DomainEventType.valueOf(t.name())).toList(),
                input.getCountry(), input.getActive(), input.getDescription());
    }

    public static WebhookSubscription toDto(WebhookSubscriptionEntity s) {
        return new WebhookSubscription()
                .id(s.id)
                .url(URI.create(s.url))
                .eventTypes(s.eventTypes.stream().map(EventType::valueOf).toList())
                .country(s.country)
                .active(s.active)
                .description(s.description)
                .createdBy(s.createdBy)
                .createdAt(s.createdAt)
                .updatedAt(s.updatedAt)
                .version(s.version);
    }

    public static WebhookDelivery toDto(WebhookDeliveryEntity d) {
        return new WebhookDelivery()
                .id(d.id)
                .subscriptionId(d.subscriptionId)
                .eventId(d.eventId)
                .eventType(EventType.valueOf(d.eventType))
                .state(WebhookDeliveryState.valueOf(d.state.name()))
                .attempts(d.attempts)
                .lastAttemptAt(d.lastAttemptAt)
                .nextAttemptAt(d.state == WebhookDeliveryEntity.State.PENDING ? d.nextAttemptAt : null)
                .lastResponseStatus(d.lastResponseStatus)
                .lastError(d.lastError)
                .deliveredAt(d.deliveredAt)
                .createdAt(d.createdAt);
    }
}
