package org.opennrtd.recommendations.followup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.opennrtd.recommendations.events.DomainEvent;
import org.opennrtd.recommendations.events.DomainEventType;

/** Every domain event fired while the tests run, observed in the firing transaction as webhooks observe them. */
@ApplicationScoped
public class RecordedEvents {

    private final List<DomainEvent> events = new ArrayList<>();

    synchronized void record(@Observes DomainEvent event) {
        events.add(event);
    }

    public synchronized List<DomainEvent> of(UUID resourceId) {
        return events.stream().filter(e -> e.resourceId().equals(resourceId)).toList();
    }

    public synchronized long count(UUID resourceId, DomainEventType type) {
        return events.stream().filter(e -> e.resourceId().equals(resourceId) && e.type() == type).count();
    }
}
