package org.opennrtd.recommendations.events;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * Something that happened to a country's data, fired with CDI {@code Event<DomainEvent>.fire(..)} inside the
 * transaction that made the change. Synchronous observers run in that transaction, so what they write (for example
 * webhook deliveries waiting to be sent) commits or rolls back with the change itself.
 *
 * @param type         what happened
 * @param countryCode  ISO 3166-1 alpha-3 code of the country whose data changed
 * @param resourceType the changed resource's type, as in the audit trail (for example {@code recommendation})
 * @param resourceId   the changed resource's id
 * @param data         a small JSON-ready summary of the change (ids, old and new status …), never secrets
 * @param occurredAt   when it happened, UTC
 */
public record DomainEvent(DomainEventType type, String countryCode, String resourceType, UUID resourceId,
        Map<String, Object> data, OffsetDateTime occurredAt) {

    public static DomainEvent of(DomainEventType type, String countryCode, String resourceType, UUID resourceId,
            Map<String, Object> data) {
        return new DomainEvent(type, countryCode, resourceType, resourceId, Map.copyOf(data),
                OffsetDateTime.now(ZoneOffset.UTC));
    }
}
