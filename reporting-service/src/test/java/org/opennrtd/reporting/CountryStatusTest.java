package org.opennrtd.reporting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/**
 * The country status combines the two other services. Both, and the realm's token endpoint, are WireMock stubs
 * ({@link UpstreamServicesTestResource}); users come from {@code @TestSecurity}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(UpstreamServicesTestResource.class)
class CountryStatusTest {

    static final String SERVICE_TOKEN = "service-token-from-client-credentials";
    static final String STATISTICS = "/api/v1/recommendation-statistics";
    static final String FRAMEWORK = "/api/v1/sdg/framework";
    static final String GOALS = "/api/v1/sdg/goals";

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    WireMockServer upstream;

    @BeforeEach
    void stubHealthyUpstreams() {
        upstream = UpstreamServicesTestResource.server();
        upstream.resetAll();
        circuitBreakers.resetAll();
        TrackingFixtures.stubNothingTracked(upstream);
        upstream.stubFor(post(urlPathEqualTo(UpstreamServicesTestResource.TOKEN_PATH))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withBasicAuth("reporting-service", UpstreamServicesTestResource.CLIENT_SECRET)
                .willReturn(okJson("{\"access_token\":\"" + SERVICE_TOKEN + "\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":3600}")));
        // A property the client does not know (added by a later minor version) must not break the call.
        upstream.stubFor(withToken(get(urlPathEqualTo(STATISTICS)))
                .withQueryParam("country", equalTo("SVN"))
                .willReturn(okJson("""
                        {"country":"SVN","total":12,
                         "byPosition":[{"key":"SUPPORTED","count":9},{"key":"NOTED","count":3}],
                         "byMechanism":[{"key":"UPR","count":10},{"key":"TREATY_BODY","count":2}],
                         "byBody":[{"key":"UPR","count":10},{"key":"CEDAW","count":2}],
                         "bySdgGoal":[{"key":"16","count":7},{"key":"5","count":4}],
                         "lastUpdatedAt":"2026-11-20T10:15:30Z",
                         "addedInALaterMinorVersion":true}""")));
        upstream.stubFor(withToken(get(urlPathEqualTo(STATISTICS)))
                .withQueryParam("country", equalTo("HRV"))
                .willReturn(okJson("""
                        {"country":"HRV","total":0,"byPosition":[],"byMechanism":[],"byBody":[],"bySdgGoal":[]}""")));
        upstream.stubFor(withToken(get(urlPathEqualTo(STATISTICS)))
                .withQueryParam("country", equalTo("BIH"))
                .willReturn(okJson("""
                        {"country":"BIH","total":1,"byPosition":[{"key":"SUPPORTED","count":1}],"byMechanism":[],
                         "byBody":[],"bySdgGoal":[]}""")));
        upstream.stubFor(withToken(get(urlPathEqualTo(FRAMEWORK)))
                .willReturn(okJson("""
                        {"goals":17,"targets":169,"indicators":248,"languages":["en","fr"],"source":"UN Statistics"}""")));
        upstream.stubFor(withToken(get(urlPathEqualTo(GOALS)))
                .withQueryParam("limit", equalTo("100"))
                .willReturn(okJson(goals("en", "Gender equality", "Peace, justice and strong institutions"))));
        upstream.stubFor(withToken(get(urlPathEqualTo(GOALS)))
                .withQueryParam("limit", equalTo("100"))
                .withHeader("Accept-Language", containing("fr"))
                .atPriority(1)
                .willReturn(okJson(goals("fr", "Égalité entre les sexes", "Paix, justice et institutions efficaces"))
                        .withHeader("Content-Language", "fr")));
    }

    /**
     * Stubs answer only calls that carry the token the realm issued for the service's own client credentials (the
     * token stub checks them); anything else gets WireMock's 404, which the service turns into a 503.
     */
    static MappingBuilder withToken(MappingBuilder request) {
        return request.withHeader("Authorization", equalTo("Bearer " + SERVICE_TOKEN));
    }

    static String goals(String language, String goal5, String goal16) {
        return """
                {"items":[
                  {"code":5,"title":"%s","shortTitle":"5","targetCount":9,"indicatorCount":14,"language":"%s"},
                  {"code":16,"title":"%s","shortTitle":"16","targetCount":12,"indicatorCount":24,"language":"%s"}],
                 "page":{"offset":0,"limit":100,"total":2}}""".formatted(goal5, language, goal16, language);
    }

    @Test
    @TestSecurity(user = "coordinator-svn", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "SVN"))
    void combinesTheCountsOfBothServicesInTheAskedLanguage() {
        given().header("Accept-Language", "fr-FR, en;q=0.5")
                .when().get("/api/v1/countries/SVN/status")
                .then().statusCode(200)
                .contentType("application/json")
                .header("Content-Language", "fr")
                .body("country", Matchers.equalTo("SVN"))
                .body("generatedAt", notNullValue())
                .body("language", Matchers.equalTo("fr"))
                .body("recommendations.total", Matchers.equalTo(12))
                .body("recommendations.byPosition.key", contains("SUPPORTED", "NOTED"))
                .body("recommendations.byPosition.count", contains(9, 3))
                .body("recommendations.byMechanism.key", contains("UPR", "TREATY_BODY"))
                .body("recommendations.byMechanism.count", contains(10, 2))
                .body("recommendations.byBody.key", contains("UPR", "CEDAW"))
                .body("recommendations.bySdgGoal.goal", contains(5, 16))
                .body("recommendations.bySdgGoal.title",
                        contains("Égalité entre les sexes", "Paix, justice et institutions efficaces"))
                .body("recommendations.bySdgGoal.count", contains(4, 7))
                .body("recommendations.lastUpdatedAt", Matchers.equalTo("2026-11-20T10:15:30Z"))
                .body("sdgFramework.goals", Matchers.equalTo(17))
                .body("sdgFramework.targets", Matchers.equalTo(169))
                .body("sdgFramework.indicators", Matchers.equalTo(248))
                .body("sources.service", contains("recommendations-service", "indicators-service"))
                .body("sources.status", contains("OK", "OK"));

        String bearer = "Bearer " + SERVICE_TOKEN;
        upstream.verify(getRequestedFor(urlPathEqualTo(STATISTICS)).withQueryParam("country", equalTo("SVN"))
                .withHeader("Authorization", equalTo(bearer)));
        upstream.verify(getRequestedFor(urlPathEqualTo(FRAMEWORK)).withHeader("Authorization", equalTo(bearer)));
        upstream.verify(getRequestedFor(urlPathEqualTo(GOALS)).withHeader("Authorization", equalTo(bearer))
                .withHeader("Accept-Language", equalTo("fr-FR, en;q=0.5")));
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void englishTitlesWithoutAcceptLanguage() {
        given().when().get("/api/v1/countries/SVN/status")
                .then().statusCode(200)
                .header("Content-Language", "en")
                .body("recommendations.bySdgGoal.title", contains("Gender equality", "Peace, justice and strong institutions"));
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void ohchrReadsAnyCountryAndEmptyCountsStayEmptyLists() {
        given().when().get("/api/v1/countries/HRV/status")
                .then().statusCode(200)
                .body("country", Matchers.equalTo("HRV"))
                .body("recommendations.total", Matchers.equalTo(0))
                .body("recommendations.byPosition", Matchers.empty())
                .body("recommendations.bySdgGoal", Matchers.empty())
                .body("recommendations.lastUpdatedAt", Matchers.nullValue());
    }

    @Test
    @TestSecurity(user = "coordinator-svn", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "SVN"))
    void aCoordinatorOfOneCountryCannotReadAnother() {
        given().when().get("/api/v1/countries/HRV/status")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", Matchers.equalTo(403))
                .body("detail", containsString("HRV"));
        upstream.verify(0, getRequestedFor(urlPathEqualTo(STATISTICS)));
    }

    @Test
    @TestSecurity(user = "nobody", roles = "guest")
    void aUserWithoutAReportingRoleIsForbidden() {
        given().when().get("/api/v1/countries/SVN/status")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void withoutATokenTheAnswerIsUnauthorized() {
        given().when().get("/api/v1/countries/SVN/status")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", Matchers.equalTo(401));
        upstream.verify(0, getRequestedFor(urlPathEqualTo(STATISTICS)));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aMalformedCountryCodeIsABadRequest() {
        given().when().get("/api/v1/countries/svn1/status")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", Matchers.hasItem(containsString("iso3")));
        given().header("Accept-Language", "x".repeat(201)).when().get("/api/v1/countries/SVN/status")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anUpstreamServerErrorIsRetriedThenAnswered503() {
        upstream.stubFor(get(urlPathEqualTo(STATISTICS)).atPriority(1)
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"x\",\"title\":\"Internal error\",\"status\":500}")));
        given().when().get("/api/v1/countries/BIH/status")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "10")
                .body("status", Matchers.equalTo(503))
                .body("type", Matchers.endsWith("/dependency-unavailable"))
                .body("detail", containsString("recommendations-service"));
        // one call and two retries
        upstream.verify(3, getRequestedFor(urlPathEqualTo(STATISTICS)));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aFailingIndicatorsServiceIsAnswered503Too() {
        upstream.stubFor(get(urlPathEqualTo(FRAMEWORK)).atPriority(1).willReturn(aResponse().withStatus(503)));
        given().when().get("/api/v1/countries/BIH/status")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", containsString("indicators-service"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anUpstreamThatRejectsTheCallIsNotRetried() {
        upstream.stubFor(get(urlPathEqualTo(STATISTICS)).atPriority(1).willReturn(aResponse().withStatus(403)));
        given().when().get("/api/v1/countries/BIH/status")
                .then().statusCode(503).contentType("application/problem+json");
        upstream.verify(1, getRequestedFor(urlPathEqualTo(STATISTICS)));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aSlowUpstreamTimesOutInto503() {
        // The test profile's read timeout is 1 s; this answer would come after 3 s.
        upstream.stubFor(get(urlPathEqualTo(STATISTICS)).atPriority(1)
                .willReturn(okJson("{}").withFixedDelay(3000)));
        given().when().get("/api/v1/countries/BIH/status")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "10")
                .body("detail", containsString("recommendations-service"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void theCircuitOpensAfterRepeatedFailuresAndThenSparesTheUpstream() {
        upstream.stubFor(get(urlPathEqualTo(STATISTICS)).atPriority(1).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 2; i++) {
            given().when().get("/api/v1/countries/BIH/status").then().statusCode(503);
        }
        assertEquals(CircuitBreakerState.OPEN, circuitBreakers.currentState("recommendations-service"));
        int callsBefore = upstream.findAll(getRequestedFor(urlPathEqualTo(STATISTICS))).size();

        // Healthy again, but the breaker stays open for its delay: callers get 503 at once, the upstream no call.
        upstream.removeStub(upstream.getStubMappings().stream()
                .filter(m -> m.getPriority() != null && m.getPriority() == 1 && m.getRequest().getUrlPath() != null
                        && m.getRequest().getUrlPath().equals(STATISTICS))
                .findFirst().orElseThrow());
        given().when().get("/api/v1/countries/BIH/status")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "10")
                .body("detail", containsString("paused"));
        assertEquals(callsBefore, upstream.findAll(getRequestedFor(urlPathEqualTo(STATISTICS))).size());

        circuitBreakers.reset("recommendations-service");
        given().when().get("/api/v1/countries/SVN/status").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void csvGivesTheSameCountsAsRows() {
        String csv = given().accept("text/csv").when().get("/api/v1/countries/SVN/status")
                .then().statusCode(200)
                .contentType(containsString("text/csv"))
                .header("ETag", Matchers.endsWith("-csv\""))
                .extract().asString();
        assertEquals("""
                country,dimension,key,label,count\r
                SVN,TOTAL,,,12\r
                SVN,POSITION,SUPPORTED,,9\r
                SVN,POSITION,NOTED,,3\r
                SVN,MECHANISM,UPR,,10\r
                SVN,MECHANISM,TREATY_BODY,,2\r
                SVN,BODY,UPR,,10\r
                SVN,BODY,CEDAW,,2\r
                SVN,SDG_GOAL,5,Gender equality,4\r
                SVN,SDG_GOAL,16,"Peace, justice and strong institutions",7\r
                SVN,OVERDUE_MILESTONES,,,0\r
                SVN,OVERDUE_PROGRESS_UPDATES,,,0\r
                SVN,INDICATOR_COVERAGE,RECOMMENDATIONS_WITH_INDICATOR,,0\r
                SVN,INDICATOR_COVERAGE,RECOMMENDATIONS_WITH_RECENT_OBSERVATION,,0\r
                SVN,INDICATOR_COVERAGE,INDICATORS,,0\r
                SVN,INDICATOR_COVERAGE,INDICATORS_WITH_DATA,,0\r
                """, csv);
        given().accept("application/json").when().get("/api/v1/countries/SVN/status")
                .then().statusCode(200).contentType("application/json");
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void conditionalRequestsAnswer304WhileNothingChanged() {
        var first = given().when().get("/api/v1/countries/SVN/status")
                .then().statusCode(200)
                .header("Cache-Control", containsString("no-cache"))
                .header("Last-Modified", Matchers.equalTo("Fri, 20 Nov 2026 10:15:30 GMT"))
                .extract();
        String etag = first.header("ETag");
        // the same data later: the same tag, though generatedAt differs
        given().when().get("/api/v1/countries/SVN/status").then().statusCode(200).header("ETag", etag);
        given().header("If-None-Match", etag).when().get("/api/v1/countries/SVN/status")
                .then().statusCode(304).header("ETag", etag).body(Matchers.emptyString());
        given().header("If-None-Match", "\"other\", " + etag).when().get("/api/v1/countries/SVN/status")
                .then().statusCode(304);
        given().header("If-Modified-Since", "Fri, 20 Nov 2026 10:15:30 GMT").when().get("/api/v1/countries/SVN/status")
                .then().statusCode(304);
        given().header("If-Modified-Since", "Thu, 19 Nov 2026 10:15:30 GMT").when().get("/api/v1/countries/SVN/status")
                .then().statusCode(200);
        given().header("If-Modified-Since", "not a date").when().get("/api/v1/countries/SVN/status")
                .then().statusCode(200);

        // a change upstream changes the tag
        upstream.stubFor(withToken(get(urlPathEqualTo(STATISTICS))).atPriority(1)
                .withQueryParam("country", equalTo("SVN"))
                .willReturn(okJson("""
                        {"country":"SVN","total":13,"byPosition":[{"key":"SUPPORTED","count":10},{"key":"NOTED","count":3}],
                         "byMechanism":[],"byBody":[],"bySdgGoal":[],"lastUpdatedAt":"2026-11-25T08:00:00Z"}""")));
        given().header("If-None-Match", etag).when().get("/api/v1/countries/SVN/status")
                .then().statusCode(200).header("ETag", Matchers.not(etag))
                .body("recommendations.total", Matchers.equalTo(13));
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void withoutAFreshnessWindowEveryGetAsksTheServices() {
        // The test profile sets opennrtd.country-status.max-age to 0S (CountryStatusFreshnessTest sets a window).
        for (int i = 1; i <= 2; i++) {
            given().when().get("/api/v1/countries/HRV/status")
                    .then().statusCode(200)
                    .header("Cache-Control", "private, no-cache")
                    .header("Age", "0")
                    .body("dataAgeSeconds", Matchers.equalTo(0));
            upstream.verify(i, getRequestedFor(urlPathEqualTo(STATISTICS)).withQueryParam("country", equalTo("HRV")));
        }
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void whenAServiceIsDownTheLastGoodSnapshotIsServedWithItsAge() {
        given().when().get("/api/v1/countries/HRV/status").then().statusCode(200)
                .body("stale", Matchers.equalTo(false))
                .body("dataAgeSeconds", Matchers.equalTo(0))
                .header("X-Data-Age", Matchers.nullValue());
        upstream.stubFor(get(urlPathEqualTo(STATISTICS)).atPriority(1).willReturn(aResponse().withStatus(503)));

        given().when().get("/api/v1/countries/HRV/status")
                .then().statusCode(200)
                .contentType("application/json")
                .header("X-Data-Age", notNullValue())
                .header("Warning", containsString("110"))
                .header("Cache-Control", "private, no-cache")
                .body("country", Matchers.equalTo("HRV"))
                .body("stale", Matchers.equalTo(true))
                .body("dataAgeSeconds", Matchers.greaterThanOrEqualTo(0))
                .body("snapshotAt", notNullValue())
                .body("recommendations.total", Matchers.equalTo(0))
                .body("sources.status", contains("STALE", "STALE"));
        // the snapshot is per language: none in Spanish yet, so a clear 503
        given().header("Accept-Language", "es").when().get("/api/v1/countries/HRV/status")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "10");
    }
}
