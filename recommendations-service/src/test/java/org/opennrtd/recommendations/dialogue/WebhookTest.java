package org.opennrtd.recommendations.dialogue;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opennrtd.recommendations.dialogue.Dialogue.as;
import static org.opennrtd.recommendations.dialogue.Dialogue.comment;
import static org.opennrtd.recommendations.dialogue.Dialogue.recommendation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.events.DomainEvent;
import org.opennrtd.recommendations.events.DomainEventType;
import org.opennrtd.recommendations.webhooks.WebhookDispatcher;
import org.opennrtd.testing.PostgresTestResource;

/**
 * Webhooks of Sweden delivered to a WireMock receiver. Tests send on demand ({@code dispatch-every=off} in the test
 * profile, retries due at once, three attempts in all).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class WebhookTest {

    static final String SWE = "SWE";
    static final String SUBSCRIPTIONS = "/api/v1/webhook-subscriptions";

    static WireMockServer receiver;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    Event<DomainEvent> events;

    @Inject
    EntityManager em;

    final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void startReceiver() {
        receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop();
    }

    static String url(String path) {
        return "http://127.0.0.1:" + receiver.port() + path;
    }

    static Map<String, Object> subscription(String path, String country, String... types) {
        Map<String, Object> m = new HashMap<>();
        m.put("url", url(path));
        m.put("country", country);
        m.put("eventTypes", List.of(types));
        return m;
    }

    /** Subscribes as Sweden's coordinator; returns id and secret. */
    static String[] subscribe(String path, String... types) {
        var created = as("coordinator", SWE).body(subscription(path, SWE, types)).when().post(SUBSCRIPTIONS)
                .then().statusCode(201).extract();
        return new String[] {created.path("id"), created.path("secret")};
    }

    static List<LoggedRequest> received(String path) {
        return receiver.findAll(postRequestedFor(urlEqualTo(path)));
    }

    void dispatch() {
        dispatcher.dispatchDue();
    }

    @Test
    void theSecretIsShownOnceAndStoredOnlyEncrypted() {
        var created = as("coordinator", SWE).body(subscription("/hooks/secret", SWE, "COMMENT_CREATED")).when()
                .post(SUBSCRIPTIONS).then().statusCode(201)
                .header("ETag", equalTo("\"0\""))
                .body("secret", matchesPattern("^[0-9a-f]{64}$"))
                .body("active", equalTo(true))
                .body("createdBy", equalTo("coordinator-swe"))
                .extract();
        String id = created.path("id");
        String secret = created.path("secret");
        as("coordinator", SWE).when().get(SUBSCRIPTIONS + "/" + id).then().statusCode(200).body("secret", nullValue());
        as("admin", null).when().get(SUBSCRIPTIONS + "?country=SWE").then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.secret", nullValue());
        Number found = (Number) em.createNativeQuery("select count(*) from webhook_subscription where id = ?1"
                        + " and position(convert_to(?2, 'UTF8') in secret_ciphertext) = 0")
                .setParameter(1, UUID.fromString(id)).setParameter(2, secret).getSingleResult();
        assertEquals(1, found.intValue(), "the stored secret is not the plain text");
        String history = as("coordinator", SWE).when().get(SUBSCRIPTIONS + "/" + id + "/history").then().statusCode(200)
                .body("items.action", contains("CREATE")).extract().asString();
        assertFalse(history.contains(secret), "the audit trail never holds the secret");
    }

    @Test
    void anAddressMustBeHttpsOrAnAllowedLocalHost() {
        Map<String, Object> plain = subscription("/x", SWE, "COMMENT_CREATED");
        plain.put("url", "http://example.org/hooks");
        as("coordinator", SWE).body(plain).when().post(SUBSCRIPTIONS).then().statusCode(422)
                .body("violations[0].field", equalTo("url"));
        plain.put("url", "ftp://example.org/hooks");
        as("coordinator", SWE).body(plain).when().post(SUBSCRIPTIONS).then().statusCode(422);
        plain.put("url", "https://user:password@example.org/hooks");
        as("coordinator", SWE).body(plain).when().post(SUBSCRIPTIONS).then().statusCode(422);
        plain.put("url", "https://example.org/hooks");
        plain.put("eventTypes", List.of("NOT_AN_EVENT"));
        as("coordinator", SWE).body(plain).when().post(SUBSCRIPTIONS).then().statusCode(400);
        plain.put("eventTypes", List.of());
        as("coordinator", SWE).body(plain).when().post(SUBSCRIPTIONS).then().statusCode(400);
        plain.put("eventTypes", List.of("COMMENT_CREATED"));
        as("coordinator", SWE).body(plain).when().post(SUBSCRIPTIONS).then().statusCode(201)
                .body("url", equalTo("https://example.org/hooks"));
    }

    @Test
    void aCommentIsDeliveredSignedAfterItsTransactionCommitted() throws Exception {
        receiver.stubFor(post(urlEqualTo("/hooks/ok")).willReturn(aResponse().withStatus(204)));
        String[] sub = subscribe("/hooks/ok", "COMMENT_CREATED", "COMMENT_HIDDEN");
        String rec = recommendation(SWE, "Ensure that the Sami Parliament is consulted");
        String commentId = as("civil-society", SWE).body(comment("Consultation is not consent.", null))
                .when().post("/api/v1/recommendations/" + rec + "/comments").then().statusCode(201).extract().path("id");
        assertEquals(0, received("/hooks/ok").size(), "nothing is sent before the dispatcher runs");
        as("coordinator", SWE).when().get(SUBSCRIPTIONS + "/" + sub[0] + "/deliveries").then().statusCode(200)
                .body("page.total", equalTo(1)).body("items[0].state", equalTo("PENDING"));

        dispatch();

        List<LoggedRequest> requests = received("/hooks/ok");
        assertEquals(1, requests.size());
        LoggedRequest request = requests.get(0);
        byte[] body = request.getBody();
        assertEquals("sha256=" + hmac(sub[1], body), request.getHeader("X-OpenNRTD-Signature"));
        assertEquals("COMMENT_CREATED", request.getHeader("X-OpenNRTD-Event"));
        assertTrue(request.getHeader("X-OpenNRTD-Timestamp").matches("\\d{10,}"));
        assertTrue(request.getHeader("Content-Type").startsWith("application/json"));
        JsonNode payload = json.readTree(body);
        assertEquals("COMMENT_CREATED", payload.get("type").asText());
        assertEquals(SWE, payload.get("countryCode").asText());
        assertEquals("comment", payload.get("resourceType").asText());
        assertEquals(commentId, payload.get("resourceId").asText());
        assertEquals(rec, payload.get("data").get("targetId").asText());
        assertTrue(payload.hasNonNull("occurredAt") && payload.hasNonNull("id"));

        as("coordinator", SWE).when().get(SUBSCRIPTIONS + "/" + sub[0] + "/deliveries").then().statusCode(200)
                .body("items[0].id", equalTo(request.getHeader("X-OpenNRTD-Delivery")))
                .body("items[0].eventId", equalTo(payload.get("id").asText()))
                .body("items[0].state", equalTo("DELIVERED"))
                .body("items[0].attempts", equalTo(1))
                .body("items[0].lastResponseStatus", equalTo(204));
        dispatch();
        assertEquals(1, received("/hooks/ok").size(), "a delivered event is not sent again");
        // A forged body does not verify.
        assertFalse(("sha256=" + hmac(sub[1], "{\"forged\":true}".getBytes(StandardCharsets.UTF_8)))
                .equals(request.getHeader("X-OpenNRTD-Signature")));
    }

    @Test
    void aReceiverAnswering500IsRetriedUntilItAccepts() {
        receiver.stubFor(post(urlEqualTo("/hooks/flaky")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500)).willSetStateTo("second"));
        receiver.stubFor(post(urlEqualTo("/hooks/flaky")).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("third"));
        receiver.stubFor(post(urlEqualTo("/hooks/flaky")).inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(200)));
        String[] sub = subscribe("/hooks/flaky", "ASSESSMENT_RECORDED");
        String rec = recommendation(SWE, "Strengthen the Equality Ombudsman");
        as("nhri", SWE, "swedish-nhri").body(Map.of("status", "IN_PROGRESS", "narrative", "Bill tabled",
                "assessedOn", "2025-05-05")).when().post("/api/v1/recommendations/" + rec + "/assessments")
                .then().statusCode(201);
        String deliveries = SUBSCRIPTIONS + "/" + sub[0] + "/deliveries";

        dispatch();
        as("coordinator", SWE).when().get(deliveries).then()
                .body("items[0].state", equalTo("PENDING")).body("items[0].attempts", equalTo(1))
                .body("items[0].lastResponseStatus", equalTo(500)).body("items[0].lastError", equalTo("HTTP 500"));
        dispatch();
        dispatch();
        as("coordinator", SWE).when().get(deliveries).then()
                .body("items[0].state", equalTo("DELIVERED")).body("items[0].attempts", equalTo(3))
                .body("items[0].lastResponseStatus", equalTo(200));
        List<LoggedRequest> requests = received("/hooks/flaky");
        assertEquals(3, requests.size());
        assertEquals(1, requests.stream().map(r -> r.getHeader("X-OpenNRTD-Delivery")).distinct().count());
        assertEquals(1, requests.stream().map(LoggedRequest::getBodyAsString).distinct().count());
    }

    @Test
    void aDeliveryFailsAfterTheConfiguredAttempts() {
        receiver.stubFor(post(urlEqualTo("/hooks/down")).willReturn(aResponse().withStatus(503)));
        String[] sub = subscribe("/hooks/down", "COMMENT_CREATED");
        String rec = recommendation(SWE, "Improve conditions in pre-trial detention");
        as("nhri", SWE).body(comment("Isolation remains common.", null))
                .when().post("/api/v1/recommendations/" + rec + "/comments").then().statusCode(201);
        for (int i = 0; i < 5; i++) {
            dispatch();
        }
        assertEquals(3, received("/hooks/down").size());
        as("coordinator", SWE).when().get(SUBSCRIPTIONS + "/" + sub[0] + "/deliveries?state=FAILED").then()
                .body("page.total", equalTo(1)).body("items[0].attempts", equalTo(3))
                .body("items[0].nextAttemptAt", nullValue());
    }

    @Test
    void anotherCountrysEventsAndInactiveSubscriptionsGetNoDelivery() {
        receiver.stubFor(post(urlEqualTo("/hooks/sweden-only")).willReturn(aResponse().withStatus(200)));
        String[] sub = subscribe("/hooks/sweden-only", "COMMENT_CREATED");
        String finnish = recommendation("FIN", "Recognise Sami land rights in Finland");
        as("civil-society", "FIN").body(comment("A Finnish comment", null))
                .when().post("/api/v1/recommendations/" + finnish + "/comments").then().statusCode(201);
        dispatch();
        assertEquals(0, received("/hooks/sweden-only").size());

        // Deactivated (under If-Match), it gets nothing from Sweden either.
        Map<String, Object> off = subscription("/hooks/sweden-only", SWE, "COMMENT_CREATED");
        off.put("active", false);
        String url = SUBSCRIPTIONS + "/" + sub[0];
        as("coordinator", SWE).body(off).when().put(url).then().statusCode(428);
        as("coordinator", SWE).header("If-Match", "\"9\"").body(off).when().put(url).then().statusCode(412);
        Map<String, Object> moved = new HashMap<>(off);
        moved.put("country", "FIN");
        as("admin", null).header("If-Match", "\"0\"").body(moved).when().put(url).then().statusCode(422);
        as("coordinator", SWE).header("If-Match", "\"0\"").body(off).when().put(url).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("active", equalTo(false));
        String swedish = recommendation(SWE, "Ratify ILO Convention 169");
        as("civil-society", SWE).body(comment("A Swedish comment", null))
                .when().post("/api/v1/recommendations/" + swedish + "/comments").then().statusCode(201);
        dispatch();
        assertEquals(0, received("/hooks/sweden-only").size());
        as("coordinator", SWE).when().get(url + "/deliveries").then().body("page.total", equalTo(0));
        as("coordinator", SWE).when().get(url + "/history").then().body("items.action", contains("CREATE", "UPDATE"))
                .body("items[1].after.active", equalTo(false));
    }

    @Test
    void aChangeThatRollsBackLeavesNoDelivery() {
        receiver.stubFor(post(urlEqualTo("/hooks/rollback")).willReturn(aResponse().withStatus(200)));
        String[] sub = subscribe("/hooks/rollback", "RECOMMENDATION_STATUS_CHANGED");
        UUID resource = UUID.randomUUID();
        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            events.fire(DomainEvent.of(DomainEventType.RECOMMENDATION_STATUS_CHANGED, SWE, "recommendation", resource,
                    Map.of("status", "IMPLEMENTED")));
            throw new IllegalStateException("the change fails after its event");
        }));
        dispatch();
        assertEquals(0, received("/hooks/rollback").size());
        as("coordinator", SWE).when().get(SUBSCRIPTIONS + "/" + sub[0] + "/deliveries").then()
                .body("page.total", equalTo(0));

        QuarkusTransaction.requiringNew().run(() -> events.fire(DomainEvent.of(
                DomainEventType.RECOMMENDATION_STATUS_CHANGED, SWE, "recommendation", resource, Map.of("status", "IMPLEMENTED"))));
        dispatch();
        assertEquals(1, received("/hooks/rollback").size());
    }

    @Test
    void concurrentDispatchersSendEachDeliveryOnce() throws Exception {
        receiver.stubFor(post(urlEqualTo("/hooks/many")).willReturn(aResponse().withStatus(200)));
        subscribe("/hooks/many", "MILESTONE_OVERDUE");
        int count = 30;
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < count; i++) {
                events.fire(DomainEvent.of(DomainEventType.MILESTONE_OVERDUE, SWE, "milestone", UUID.randomUUID(),
                        Map.of("n", i)));
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> runs = List.of(dispatcher::dispatchDue, dispatcher::dispatchDue,
                    dispatcher::dispatchDue, dispatcher::dispatchDue);
            for (Future<Integer> f : pool.invokeAll(runs)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        dispatch();
        List<LoggedRequest> requests = received("/hooks/many");
        Set<String> ids = new HashSet<>();
        requests.forEach(r -> ids.add(r.getHeader("X-OpenNRTD-Delivery")));
        assertEquals(count, requests.size());
        assertEquals(count, ids.size());
    }

    @Test
    void subscriptionsAreForAdministratorsAndCoordinatorsOfTheirCountry() {
        String[] sub = subscribe("/hooks/scoped", "COMMENT_CREATED");
        for (String role : new String[] {"civil-society", "nhri", "focal-point", "ohchr"}) {
            as(role, SWE).body(subscription("/hooks/x", SWE, "COMMENT_CREATED")).when().post(SUBSCRIPTIONS)
                    .then().statusCode(403);
            as(role, SWE).when().get(SUBSCRIPTIONS + "/" + sub[0]).then().statusCode(403);
        }
        as("coordinator", "FIN").body(subscription("/hooks/x", SWE, "COMMENT_CREATED")).when().post(SUBSCRIPTIONS)
                .then().statusCode(403);
        as("coordinator", "FIN").when().get(SUBSCRIPTIONS + "/" + sub[0]).then().statusCode(404);
        as("coordinator", "FIN").when().get(SUBSCRIPTIONS + "/" + sub[0] + "/deliveries").then().statusCode(404);
        as("coordinator", "FIN").header("If-Match", "\"0\"").body(subscription("/hooks/x", SWE, "COMMENT_CREATED"))
                .when().put(SUBSCRIPTIONS + "/" + sub[0]).then().statusCode(404);
        as("coordinator", "FIN").when().get(SUBSCRIPTIONS + "?country=SWE").then().statusCode(403);
        as("coordinator", "FIN").when().get(SUBSCRIPTIONS).then().statusCode(200)
                .body("items.country", org.hamcrest.Matchers.everyItem(equalTo("FIN")));
        as("admin", null).when().get(SUBSCRIPTIONS + "/" + sub[0]).then().statusCode(200);
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder hex = new StringBuilder();
        for (byte b : mac.doFinal(body)) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
