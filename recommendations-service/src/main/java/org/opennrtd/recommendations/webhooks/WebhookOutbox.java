package org.opennrtd.recommendations.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opennrtd.recommendations.events.DomainEvent;
import org.opennrtd.recommendations.repository.WebhookDeliveryRepository;
import org.opennrtd.recommendations.repository.WebhookSubscriptionRepository;

/**
 * Queues a delivery for every active subscription of the event's country and type. It observes domain events
 * synchronously, inside the transaction of the change: a change that rolls back leaves no delivery behind, and
 * one that commits has its deliveries committed with it. Sending is the dispatcher's, after the commit.
 */
@ApplicationScoped
public class WebhookOutbox {

    @Inject
    WebhookSubscriptionRepository subscriptions;

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    ObjectMapper json;

    @Transactional
    void queue(@Observes DomainEvent event) {
        List<UUID> targets = subscriptions.activeFor(event.countryCode(), event.type().name());
        if (targets.isEmpty()) {
            return;
        }
        UUID eventId = UUID.randomUUID();
        String payload = payload(eventId, event);
        for (UUID subscription : targets) {
            deliveries.queue(subscription, eventId, event.type().name(), payload);
        }
    }

    String payload(UUID eventId, DomainEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId.toString());
        body.put("type", event.type().name());
        body.put("occurredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(event.occurredAt()));
        body.put("countryCode", event.countryCode());
        body.put("resourceType", event.resourceType());
        body.put("resourceId", event.resourceId().toString());
        body.put("data", new java.util.TreeMap<>(event.data()));
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A domain event's data cannot be written as JSON", e);
        }
    }
}
