package org.opennrtd.recommendations.repository;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.opennrtd.recommendations.entity.WebhookDeliveryEntity;

/**
 * The webhook outbox. Rows are queued in the transaction of the change, claimed by senders with
 * {@code for update skip locked} and a lease (so that replicas never send one delivery at the same time and a
 * crashed sender's claim expires), and settled after the receiver answered.
 */
@ApplicationScoped
public class WebhookDeliveryRepository implements PanacheRepositoryBase<WebhookDeliveryEntity, UUID> {

    public record Slice(List<WebhookDeliveryEntity> items, long total) {
    }

    /** A claimed delivery with what sending it needs. */
    public record Claimed(UUID id, UUID subscriptionId, String eventType, String payload, int attempt, String url,
            byte[] secretCiphertext, byte[] secretNonce) {
    }

    public Slice ofSubscription(UUID subscriptionId, WebhookDeliveryEntity.State state, int offset, int limit) {
        Sort sort = Sort.descending("createdAt", "id");
        PanacheQuery<WebhookDeliveryEntity> query = state == null
                ? find("subscriptionId", sort, subscriptionId)
                : find("subscriptionId = ?1 and state = ?2", sort, subscriptionId, state);
        long total = query.count();
        List<WebhookDeliveryEntity> items = total == 0 ? List.of() : query.range(offset, offset + limit - 1).list();
        return new Slice(items, total);
    }

    public void queue(UUID subscriptionId, UUID eventId, String eventType, String payload) {
        getEntityManager().createNativeQuery("insert into webhook_delivery (id, subscription_id, event_id, event_type,"
                        + " payload, state, attempts, next_attempt_at, created_at)"
                        + " values (:id, :subscription, :event, :type, :payload, 'PENDING', 0, now(), now())")
                .setParameter("id", UUID.randomUUID())
                .setParameter("subscription", subscriptionId)
                .setParameter("event", eventId)
                .setParameter("type", eventType)
                .setParameter("payload", payload)
                .executeUpdate();
    }

    /**
     * Claims up to {@code limit} due deliveries for {@code leaseSeconds}: counts the attempt and returns them.
     * Rows another sender has locked are skipped, rows another sender has leased are not due.
     */
    public List<Claimed> claimDue(int limit, long leaseSeconds) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("update webhook_delivery d"
                        + " set attempts = d.attempts + 1, last_attempt_at = now(),"
                        + " claimed_until = now() + make_interval(secs => :lease)"
                        + " from webhook_subscription s"
                        + " where s.id = d.subscription_id and d.id in (select id from webhook_delivery"
                        + "   where state = 'PENDING' and next_attempt_at <= now()"
                        + "   and (claimed_until is null or claimed_until < now())"
                        + "   order by next_attempt_at limit :limit for update skip locked)"
                        + " returning d.id, d.subscription_id, d.event_type, d.payload, d.attempts, s.url,"
                        + " s.secret_ciphertext, s.secret_nonce")
                .setParameter("lease", (double) leaseSeconds)
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream().map(r -> new Claimed((UUID) r[0], (UUID) r[1], (String) r[2], (String) r[3],
                ((Number) r[4]).intValue(), (String) r[5], (byte[]) r[6], (byte[]) r[7])).toList();
    }

    public void markDelivered(UUID id, int status) {
        getEntityManager().createNativeQuery("update webhook_delivery set state = 'DELIVERED', delivered_at = now(),"
                        + " last_response_status = :status, last_error = null, claimed_until = null where id = :id")
                .setParameter("status", status)
                .setParameter("id", id)
                .executeUpdate();
    }

    /** A failed attempt: retried after {@code retryInSeconds}, or FAILED when no attempt is left (null). */
    public void markFailed(UUID id, Integer status, String error, Double retryInSeconds) {
        getEntityManager().createNativeQuery("update webhook_delivery set last_response_status = cast(:status as integer),"
                        + " last_error = cast(:error as text), claimed_until = null,"
                        + " state = case when cast(:final as boolean) then 'FAILED' else 'PENDING' end,"
                        + " next_attempt_at = case when cast(:final as boolean) then next_attempt_at"
                        + "   else now() + make_interval(secs => :delay) end where id = :id")
                .setParameter("status", status)
                .setParameter("error", error)
                .setParameter("final", retryInSeconds == null)
                .setParameter("delay", retryInSeconds == null ? 0.0 : retryInSeconds)
                .setParameter("id", id)
                .executeUpdate();
    }
}
