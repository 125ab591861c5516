package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opennrtd.recommendations.entity.WebhookSubscriptionEntity;

@ApplicationScoped
public class WebhookSubscriptionRepository implements PanacheRepositoryBase<WebhookSubscriptionEntity, UUID> {

    public record Slice(List<WebhookSubscriptionEntity> items, long total) {
    }

    public Slice list(Optional<String> country, int offset, int limit) {
        Sort sort = Sort.descending("createdAt", "id");
        PanacheQuery<WebhookSubscriptionEntity> query = country.isPresent()
                ? find("country", sort, country.get())
                : findAll(sort);
        long total = query.count();
        List<WebhookSubscriptionEntity> items = total == 0 ? List.of() : query.range(offset, offset + limit - 1).list();
        return new Slice(items, total);
    }

    /** The ids of the active subscriptions of a country that take an event type. */
    public List<UUID> activeFor(String country, String eventType) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = getEntityManager().createNativeQuery("select id from webhook_subscription"
                        + " where active and country = :country and event_types @> array[cast(:type as text)]", UUID.class)
                .setParameter("country", country)
                .setParameter("type", eventType)
                .getResultList();
        return ids;
    }
}
