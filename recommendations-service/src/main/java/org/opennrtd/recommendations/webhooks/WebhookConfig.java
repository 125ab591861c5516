package org.opennrtd.recommendations.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Webhook delivery settings ({@code opennrtd.webhooks.*}). */
@ConfigMapping(prefix = "opennrtd.webhooks")
public interface WebhookConfig {

    /**
     * Base64 of the 32-byte AES key that encrypts subscription secrets at rest. Without it no subscription can be
     * created (503), since its secret could not be stored.
     */
    Optional<String> secretKey();

    /** Hosts that may receive deliveries over plain http (for local testing); every other address must be https. */
    Optional<List<String>> allowedHttpHosts();

    /** The first retry comes after this delay; each further one after twice the previous, up to maxDelay. */
    @WithDefault("PT30S")
    Duration initialDelay();

    @WithDefault("PT6H")
    Duration maxDelay();

    /** Attempts in all, the first one included; a delivery that failed them all is FAILED. */
    @WithDefault("8")
    int maxAttempts();

    /** How long a receiver has to answer. */
    @WithDefault("PT10S")
    Duration timeout();

    /** How often the dispatcher runs on this replica (a Quarkus scheduler period such as {@code 5s}, or {@code off}). */
    @WithDefault("5s")
    String dispatchEvery();

    /** Deliveries one dispatcher run claims. */
    @WithDefault("50")
    int batchSize();
}
