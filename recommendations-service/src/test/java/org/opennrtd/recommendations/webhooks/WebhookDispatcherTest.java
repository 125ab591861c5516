package org.opennrtd.recommendations.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookDispatcherTest {

    @Test
    void retriesBackOffExponentiallyUpToTheMaximum() {
        Duration initial = Duration.ofSeconds(30);
        Duration max = Duration.ofHours(6);
        assertEquals(Duration.ofSeconds(30), WebhookDispatcher.backoff(1, initial, max));
        assertEquals(Duration.ofSeconds(60), WebhookDispatcher.backoff(2, initial, max));
        assertEquals(Duration.ofSeconds(120), WebhookDispatcher.backoff(3, initial, max));
        assertEquals(Duration.ofMinutes(64), WebhookDispatcher.backoff(8, initial, max));
        assertEquals(Duration.ofSeconds(30L << 9), WebhookDispatcher.backoff(10, initial, max));
        assertEquals(max, WebhookDispatcher.backoff(11, initial, max));
        assertEquals(max, WebhookDispatcher.backoff(1000, initial, max));
    }

    @Test
    void theSignatureIsTheHmacSha256OfTheBody() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookSecrets.signature("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
    }
}
