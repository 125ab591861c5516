package org.opennrtd.recommendations.webhooks;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;
import org.opennrtd.recommendations.repository.WebhookDeliveryRepository;
import org.opennrtd.recommendations.repository.WebhookDeliveryRepository.Claimed;

/**
 * Sends queued webhook deliveries. Each run claims the due ones in a short transaction ({@code for update skip
 * locked} plus a lease, so that several replicas never send one delivery twice at once), POSTs them outside any
 * transaction, then settles each: DELIVERED on a 2xx answer, else retried with exponential backoff until the
 * configured attempts are spent (FAILED). A receiver may still see a delivery twice (if the service stops between
 * sending and settling), which is why the payload's {@code id} identifies the event.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);
    private static final int MAX_ERROR_CHARS = 500;

    @Inject
    WebhookDeliveryRepository deliveries;

    @Inject
    WebhookSecrets secrets;

    @Inject
    WebhookConfig config;

    private HttpClient http;

    @PostConstruct
    void init() {
        http = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Scheduled(identity = "webhook-dispatcher", every = "${opennrtd.webhooks.dispatch-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        dispatchDue();
    }

    /** One run: claims up to a batch of due deliveries and sends them. Returns how many were attempted. */
    public int dispatchDue() {
        long lease = config.timeout().multipliedBy(config.batchSize()).plusSeconds(60).toSeconds();
        List<Claimed> claimed = QuarkusTransaction.requiringNew().call(
                () -> deliveries.claimDue(config.batchSize(), lease));
        for (Claimed delivery : claimed) {
            send(delivery);
        }
        return claimed.size();
    }

    private void send(Claimed d) {
        Integer status = null;
        String error = null;
        try {
            byte[] body = d.payload().getBytes(StandardCharsets.UTF_8);
            String secret = secrets.open(d.subscriptionId(), d.secretCiphertext(), d.secretNonce());
            HttpRequest request = HttpRequest.newBuilder(URI.create(d.url()))
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "OpenNRTD-Webhooks/1")
                    .header("X-OpenNRTD-Event", d.eventType())
                    .header("X-OpenNRTD-Delivery", d.id().toString())
                    .header("X-OpenNRTD-Timestamp", Long.toString(Instant.now().getEpochSecond()))
                    .header("X-OpenNRTD-Signature", WebhookSecrets.signature(secret, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status >= 200 && status < 300) {
                int delivered = status;
                QuarkusTransaction.requiringNew().run(() -> deliveries.markDelivered(d.id(), delivered));
                return;
            }
            error = "HTTP " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        } catch (Exception e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        Duration retry = d.attempt() >= config.maxAttempts() ? null
                : backoff(d.attempt(), config.initialDelay(), config.maxDelay());
        String reason = error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error;
        Integer answered = status;
        LOG.debugf("Webhook delivery %s attempt %d failed: %s", d.id(), d.attempt(), reason);
        QuarkusTransaction.requiringNew().run(() -> deliveries.markFailed(d.id(), answered, reason,
                retry == null ? null : retry.toMillis() / 1000.0));
    }

    /** The wait after the given failed attempt (1-based): initial, 2 x initial, 4 x initial ..., at most max. */
    static Duration backoff(int attempt, Duration initial, Duration max) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
