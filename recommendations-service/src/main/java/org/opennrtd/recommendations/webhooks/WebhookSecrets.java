package org.opennrtd.recommendations.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.opennrtd.common.problem.ProblemException;

/**
 * Subscription secrets: generated here, stored only encrypted (AES-256-GCM with the configured key and the
 * subscription id as associated data, so a ciphertext copied to another subscription does not decrypt), and used
 * to sign each delivery body with HMAC-SHA256.
 */
@ApplicationScoped
public class WebhookSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    WebhookConfig config;

    public record Sealed(byte[] ciphertext, byte[] nonce) {
    }

    /** A new secret: 32 random bytes as 64 hexadecimal characters. */
    public String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public Sealed seal(UUID subscriptionId, String secret) {
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(bytes(subscriptionId));
            return new Sealed(cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8)), nonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a webhook secret", e);
        }
    }

    public String open(UUID subscriptionId, byte[] ciphertext, byte[] nonce) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(bytes(subscriptionId));
            return new String(cipher.doFinal(ciphertext), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt the secret of webhook subscription " + subscriptionId
                    + " (was opennrtd.webhooks.secret-key changed?)", e);
        }
    }

    /** {@code sha256=<hex>}: the HMAC-SHA256 of the body with the secret's UTF-8 bytes as key. */
    public static String signature(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** Whether secrets can be stored: a valid key is configured. */
    public void requireKey() {
        key();
    }

    private SecretKeySpec key() {
        String encoded = config.secretKey().orElseThrow(() -> ProblemException.serviceUnavailable(
                "Webhooks are not configured on this server (opennrtd.webhooks.secret-key is not set).", 3600));
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("opennrtd.webhooks.secret-key is not Base64", e);
        }
        if (key.length != 32) {
            throw new IllegalStateException("opennrtd.webhooks.secret-key must be 32 bytes (Base64), not " + key.length);
        }
        return new SecretKeySpec(key, "AES");
    }

    private static byte[] bytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }
}
