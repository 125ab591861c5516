package org.opennrtd.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.restassured.response.Response;
import java.util.Map;

/**
 * The per-address limit of the public view, as every service applies it (common's PublicRateLimit), checked under
 * a profile with a burst of {@link #BURST} and one request a minute.
 */
public final class PublicRateLimitAssertions {

    public static final int BURST = 3;

    private PublicRateLimitAssertions() {
    }

    /** A small limit; the client address is the connection's peer (proxy forwarding off, the default). */
    public static class SmallLimitProfile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("opennrtd.public.rate-limit.burst", Integer.toString(BURST),
                    "opennrtd.public.rate-limit.requests-per-minute", "1",
                    "opennrtd.public.rate-limit.max-clients", "100");
        }
    }

    /** The same limit behind a proxy: Quarkus proxy forwarding on, so X-Forwarded-For names the client. */
    public static class ForwardedProfile extends SmallLimitProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> m = new java.util.HashMap<>(super.getConfigOverrides());
            m.put("quarkus.http.proxy.proxy-address-forwarding", "true");
            m.put("quarkus.http.proxy.allow-x-forwarded", "true");
            return m;
        }
    }

    /**
     * {@code publicUrl} answers (whatever its status) {@link #BURST} times, then 429 with a problem document and
     * {@code Retry-After}, whatever X-Forwarded-For claims; {@code tokenUrl} with {@code token} is not limited.
     */
    public static void limitsThePublicViewPerPeer(String publicUrl, String tokenUrl, String token) {
        for (int i = 0; i < BURST; i++) {
            int status = given().header("X-Forwarded-For", "203.0.113." + i).get(publicUrl).statusCode();
            assertTrue(status != 429, "request " + (i + 1) + " of the burst was limited");
        }
        Response limited = given().header("X-Forwarded-For", "198.51.100.7").get(publicUrl);
        limited.then().statusCode(429).contentType("application/problem+json").body("status", equalTo(429))
                .header("X-Content-Type-Options", "nosniff");
        int retryAfter = Integer.parseInt(limited.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        for (int i = 0; i < BURST + 2; i++) {
            given().auth().oauth2(token).get(tokenUrl).then().statusCode(200);
        }
    }

    /** Behind a trusted proxy each forwarded client has its own bucket. */
    public static void limitsEachForwardedClient(String publicUrl) {
        for (int i = 0; i < BURST; i++) {
            int status = given().header("X-Forwarded-For", "203.0.113.50").get(publicUrl).statusCode();
            assertTrue(status != 429, "request " + (i + 1) + " of the burst was limited");
        }
        given().header("X-Forwarded-For", "203.0.113.50").get(publicUrl).then().statusCode(429);
        int other = given().header("X-Forwarded-For", "203.0.113.51").get(publicUrl).statusCode();
        assertTrue(other != 429, "another forwarded client shares the first one's bucket");
    }
}
