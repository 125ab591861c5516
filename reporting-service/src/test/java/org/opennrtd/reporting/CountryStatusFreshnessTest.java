package org.opennrtd.reporting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opennrtd.reporting.CountryStatusTest.FRAMEWORK;
import static org.opennrtd.reporting.CountryStatusTest.GOALS;
import static org.opennrtd.reporting.CountryStatusTest.STATISTICS;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/**
 * The country status served from its stored snapshot while that is within the freshness window (ten minutes here):
 * no upstream call, honest {@code Cache-Control} and {@code Age}; recomputed after the window (the snapshot is made
 * older in SQL, never by waiting), on the client's {@code Cache-Control: no-cache}, and stale when a service is down.
 * FIN and EST are this class's countries.
 */
@QuarkusTest
@TestProfile(CountryStatusFreshnessTest.TenMinuteWindow.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(UpstreamServicesTestResource.class)
class CountryStatusFreshnessTest {

    /** The freshness window of this class, in seconds. */
    static final long WINDOW = 600;
    static final String STATUS = "/api/v1/countries/FIN/status";
    static final Pattern MAX_AGE = Pattern.compile("private, max-age=(\\d+)");

    public static class TenMinuteWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("opennrtd.country-status.max-age", "PT10M");
        }
    }

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @Inject
    EntityManager em;

    WireMockServer upstream;

    @BeforeEach
    void healthyUpstreamsAndNoSnapshot() {
        upstream = healthyUpstreamsAndNoSnapshot(circuitBreakers, em);
    }

    /** The stubbed services answering FIN's status, with no snapshot of FIN or EST stored. */
    static WireMockServer healthyUpstreamsAndNoSnapshot(CircuitBreakerMaintenance circuitBreakers, EntityManager em) {
        WireMockServer upstream = UpstreamServicesTestResource.server();
        upstream.resetAll();
        circuitBreakers.resetAll();
        TrackingFixtures.stubNothingTracked(upstream);
        upstream.stubFor(post(urlPathEqualTo(UpstreamServicesTestResource.TOKEN_PATH))
                .willReturn(okJson("{\"access_token\":\"" + CountryStatusTest.SERVICE_TOKEN + "\","
                        + "\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        stubStatistics(upstream, 5, 0);
        upstream.stubFor(get(urlPathEqualTo(FRAMEWORK)).willReturn(okJson("""
                {"goals":17,"targets":169,"indicators":248,"languages":["en","fr"],"source":"UN Statistics"}""")));
        upstream.stubFor(get(urlPathEqualTo(GOALS)).willReturn(okJson(CountryStatusTest.goals("en",
                "Gender equality", "Peace, justice and strong institutions"))));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from country_status_snapshot where country in ('FIN', 'EST')").executeUpdate());
        return upstream;
    }

    /** The recommendation counts of FIN; a higher priority replaces the earlier stub. */
    void stubStatistics(int total, int priority) {
        stubStatistics(upstream, total, priority);
    }

    static void stubStatistics(WireMockServer upstream, int total, int priority) {
        var stub = get(urlPathEqualTo(STATISTICS)).withQueryParam("country", equalTo("FIN"));
        if (priority > 0) {
            stub = stub.atPriority(priority);
        }
        upstream.stubFor(stub.willReturn(okJson("""
                {"country":"FIN","total":%d,"byPosition":[{"key":"SUPPORTED","count":%d}],"byMechanism":[],
                 "byBody":[],"bySdgGoal":[{"key":"5","count":1}],"lastUpdatedAt":"2026-11-02T09:00:00Z"}"""
                .formatted(total, total))));
    }

    /** Makes the stored snapshots of the country older, as the passing of time would. */
    void ageSnapshot(String country, long seconds) {
        ageSnapshot(em, country, seconds);
    }

    static void ageSnapshot(EntityManager em, String country, long seconds) {
        int rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "update country_status_snapshot set fetched_at = fetched_at - ?1 * interval '1 second' "
                                + "where country = ?2")
                .setParameter(1, seconds).setParameter(2, country).executeUpdate());
        assertTrue(rows > 0, "a snapshot of " + country + " to age");
    }

    int statisticsCalls() {
        return upstream.findAll(getRequestedFor(urlPathEqualTo(STATISTICS))).size();
    }

    static long maxAge(ExtractableResponse<Response> response) {
        Matcher m = MAX_AGE.matcher(response.header("Cache-Control"));
        assertTrue(m.matches(), "Cache-Control with a max-age: " + response.header("Cache-Control"));
        return Long.parseLong(m.group(1));
    }

    /**
     * The status says how long it may be kept: the service-wide no-store default (ResponseHeaderPolicy) neither
     * replaces nor joins its Cache-Control, on the 200 and on the 304; nosniff is there on both.
     */
    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void theStatusKeepsItsOwnCacheControl() {
        Response ok = given().when().get(STATUS);
        ok.then().statusCode(200).header("Cache-Control", Matchers.startsWith("private, max-age="));
        org.opennrtd.testing.HttpHardeningAssertions.assertOwnCacheControlKept(ok);
        Response notModified = given().header("If-None-Match", ok.header("ETag")).when().get(STATUS);
        notModified.then().statusCode(304);
        org.opennrtd.testing.HttpHardeningAssertions.assertOwnCacheControlKept(notModified);
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void aSecondGetWithinTheWindowAsksNoServiceAndAnswersTheSame() {
        var first = given().when().get(STATUS).then().statusCode(200)
                .header("Cache-Control", "private, max-age=" + WINDOW)
                .header("Age", "0")
                .body("recommendations.total", Matchers.equalTo(5))
                .body("dataAgeSeconds", Matchers.equalTo(0))
                .extract();
        assertTrue(statisticsCalls() > 0);
        upstream.resetRequests();

        var second = given().when().get(STATUS).then().statusCode(200)
                .header("ETag", first.header("ETag"))
                .header("Content-Language", "en")
                .body("stale", Matchers.equalTo(false))
                .body("sources.status", Matchers.contains("OK", "OK"))
                .extract();
        upstream.verify(0, anyRequestedFor(anyUrl()));

        long age = Long.parseLong(second.header("Age"));
        assertTrue(age >= 0, "Age " + age);
        long maxAge = maxAge(second);
        assertTrue(maxAge <= WINDOW && maxAge + age <= WINDOW, "max-age " + maxAge + " with Age " + age);
        // The same body; only the age of its data moved on, and says what the Age header says.
        Map<String, Object> firstBody = new HashMap<>(first.jsonPath().getMap("$"));
        Map<String, Object> secondBody = new HashMap<>(second.jsonPath().getMap("$"));
        assertEquals(age, ((Number) secondBody.remove("dataAgeSeconds")).longValue());
        firstBody.remove("dataAgeSeconds");
        assertEquals(firstBody, secondBody);
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void anUpstreamChangeShowsOnlyOnceTheWindowHasPassed() {
        String etag = given().when().get(STATUS).then().statusCode(200)
                .body("recommendations.total", Matchers.equalTo(5)).extract().header("ETag");
        stubStatistics(8, 1);
        upstream.resetRequests();

        given().when().get(STATUS).then().statusCode(200)
                .header("ETag", etag)
                .body("recommendations.total", Matchers.equalTo(5));
        upstream.verify(0, anyRequestedFor(anyUrl()));

        ageSnapshot("FIN", WINDOW + 1);
        var after = given().when().get(STATUS).then().statusCode(200)
                .header("Cache-Control", "private, max-age=" + WINDOW)
                .header("Age", "0")
                .body("recommendations.total", Matchers.equalTo(8))
                .body("dataAgeSeconds", Matchers.equalTo(0))
                .extract();
        assertNotEquals(etag, after.header("ETag"));
        assertEquals(1, statisticsCalls());

        // the new numbers are the new snapshot
        upstream.resetRequests();
        given().when().get(STATUS).then().statusCode(200).body("recommendations.total", Matchers.equalTo(8));
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void noCacheOnTheRequestComputesTheStatusWithinTheWindowAndReplacesTheSnapshot() {
        given().when().get(STATUS).then().statusCode(200).body("recommendations.total", Matchers.equalTo(5));
        stubStatistics(8, 1);
        upstream.resetRequests();

        given().header("Cache-Control", "no-cache").when().get(STATUS).then().statusCode(200)
                .header("Cache-Control", "private, max-age=" + WINDOW)
                .header("Age", "0")
                .body("recommendations.total", Matchers.equalTo(8));
        assertEquals(1, statisticsCalls());

        upstream.resetRequests();
        given().when().get(STATUS).then().statusCode(200).body("recommendations.total", Matchers.equalTo(8));
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void aMaxAgeOnTheRequestAcceptsOnlyAYoungerSnapshot() {
        given().when().get(STATUS).then().statusCode(200).body("recommendations.total", Matchers.equalTo(5));
        ageSnapshot("FIN", 120);
        stubStatistics(8, 1);
        upstream.resetRequests();

        var stored = given().header("Cache-Control", "max-age=300").when().get(STATUS).then().statusCode(200)
                .header("Age", Matchers.notNullValue())
                .body("recommendations.total", Matchers.equalTo(5))
                .body("dataAgeSeconds", greaterThanOrEqualTo(120))
                .extract();
        upstream.verify(0, anyRequestedFor(anyUrl()));
        long age = Long.parseLong(stored.header("Age"));
        assertTrue(age >= 120, "Age " + age);
        assertTrue(maxAge(stored) <= WINDOW - 120, "what is left of the window: " + stored.header("Cache-Control"));

        given().header("Cache-Control", "no-transform, max-age=60").when().get(STATUS).then().statusCode(200)
                .header("Age", "0")
                .body("recommendations.total", Matchers.equalTo(8));
        assertEquals(1, statisticsCalls());
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void aConditionalGetWithinTheWindowIsNotModifiedWithoutAskingAnyService() {
        String etag = given().when().get(STATUS).then().statusCode(200).extract().header("ETag");
        upstream.resetRequests();

        var notModified = given().header("If-None-Match", etag).when().get(STATUS).then().statusCode(304)
                .header("ETag", etag)
                .body(Matchers.emptyString())
                .extract();
        assertTrue(maxAge(notModified) <= WINDOW);
        given().header("If-Modified-Since", "Mon, 02 Nov 2026 09:00:00 GMT").when().get(STATUS)
                .then().statusCode(304).header("ETag", etag);
        upstream.verify(0, anyRequestedFor(anyUrl()));

        // CSV has its own tag, from the same snapshot
        String csvTag = given().accept("text/csv").when().get(STATUS).then().statusCode(200)
                .header("ETag", Matchers.endsWith("-csv\"")).extract().header("ETag");
        given().accept("text/csv").header("If-None-Match", csvTag).when().get(STATUS).then().statusCode(304);
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void afterTheWindowWithAServiceDownTheSnapshotIsServedStaleForRevalidation() {
        String etag = given().when().get(STATUS).then().statusCode(200).extract().header("ETag");
        ageSnapshot("FIN", 3600);
        upstream.stubFor(get(urlPathEqualTo(STATISTICS)).atPriority(1).willReturn(aResponse().withStatus(503)));

        given().when().get(STATUS).then().statusCode(200)
                .header("Cache-Control", "private, no-cache")
                .header("Warning", containsString("110"))
                .header("X-Data-Age", Matchers.notNullValue())
                .header("ETag", etag)
                .body("stale", Matchers.equalTo(true))
                .body("dataAgeSeconds", greaterThanOrEqualTo(3600))
                .body("recommendations.total", Matchers.equalTo(5))
                .body("sources.status", Matchers.contains("STALE", "STALE"));
        assertTrue(statisticsCalls() > 0, "the service was asked before the snapshot was served stale");

        given().header("If-None-Match", etag).when().get(STATUS).then().statusCode(304)
                .header("Cache-Control", "private, no-cache");
    }

    @Test
    @TestSecurity(user = "coordinator-fin", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "FIN"))
    void aCoordinatorOfAnotherCountryNeverGetsItsSnapshot() {
        given().when().get(STATUS).then().statusCode(200);
        // A snapshot of EST within the window, as another user's request would have stored it.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                insert into country_status_snapshot (country, language, body, fetched_at)
                select 'EST', language, jsonb_set(body, '{country}', '"EST"'), fetched_at
                from country_status_snapshot where country = 'FIN'""").executeUpdate());
        upstream.resetRequests();

        for (String cacheControl : new String[] {null, "max-age=600"}) {
            var request = given();
            if (cacheControl != null) {
                request = request.header("Cache-Control", cacheControl);
            }
            request.when().get("/api/v1/countries/EST/status").then().statusCode(403)
                    .contentType("application/problem+json")
                    .header("ETag", Matchers.nullValue())
                    .body("detail", containsString("EST"))
                    .body("recommendations", Matchers.nullValue());
        }
        given().header("If-None-Match", "*").when().get("/api/v1/countries/EST/status").then().statusCode(403);
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }
    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void pastHalfTheWindowAPullIsAnsweredFromTheSnapshotAndRefreshesItOnceInTheBackground() throws Exception {
        given().when().get(STATUS).then().statusCode(200).body("recommendations.total", Matchers.equalTo(5));
        stubStatistics(8, 1);
        ageSnapshot("FIN", WINDOW / 2 + 10);
        upstream.resetRequests();

        // Still within the window: the snapshot answers at once, with its age, and a refresh starts.
        given().when().get(STATUS).then().statusCode(200)
                .header("Age", Matchers.not("0"))
                .body("recommendations.total", Matchers.equalTo(5));
        int total = 5;
        for (int i = 0; i < 100 && total != 8; i++) {
            Thread.sleep(100);
            total = given().when().get(STATUS).then().statusCode(200).extract().path("recommendations.total");
        }
        assertEquals(8, total, "the refreshed snapshot is served");
        assertEquals(1, statisticsCalls(), "one refresh for all the pulls past half the window");
        given().when().get(STATUS).then().statusCode(200)
                .header("Cache-Control", Matchers.startsWith("private, max-age="))
                .body("recommendations.total", Matchers.equalTo(8));
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void requestsArrivingWhileTheStatusIsComputedShareThatOneComputation() throws Exception {
        given().when().get(STATUS).then().statusCode(200).body("recommendations.total", Matchers.equalTo(5));
        upstream.stubFor(get(urlPathEqualTo(STATISTICS)).withQueryParam("country", equalTo("FIN")).atPriority(1)
                .willReturn(okJson("""
                        {"country":"FIN","total":8,"byPosition":[{"key":"SUPPORTED","count":8}],"byMechanism":[],
                         "byBody":[],"bySdgGoal":[{"key":"5","count":1}],"lastUpdatedAt":"2026-11-02T09:00:00Z"}""")
                        .withFixedDelay(700)));
        ageSnapshot("FIN", WINDOW + 1);
        upstream.resetRequests();

        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(clients.submit(() -> given().when().get(STATUS).then().statusCode(200)
                        .extract().<Integer>path("recommendations.total")));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(8, answer.get(30, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(1, statisticsCalls(), "eight requests past the window, one round of upstream calls");
    }
}
