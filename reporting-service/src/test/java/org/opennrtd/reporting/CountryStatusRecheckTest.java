package org.opennrtd.reporting;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/**
 * A status this replica holds and has found to be the stored snapshot less than the recheck interval ago is served
 * without reading the store (ten minutes here, so the test never races it; the default is a second): a stored
 * snapshot changed meanwhile, as another replica would change it, shows only once the interval has passed. The other
 * tests run with no interval, so that they see every change of the store at once.
 */
@QuarkusTest
@TestProfile(CountryStatusRecheckTest.TenMinuteRecheck.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(UpstreamServicesTestResource.class)
class CountryStatusRecheckTest {

    public static class TenMinuteRecheck implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("opennrtd.country-status.max-age", "PT10M",
                    "opennrtd.country-status.recheck-interval", "PT10M");
        }
    }

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @Inject
    EntityManager em;

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void withinTheRecheckIntervalTheHeldStatusIsServedWithoutReadingTheStore() {
        WireMockServer upstream = CountryStatusFreshnessTest.healthyUpstreamsAndNoSnapshot(circuitBreakers, em);
        String tag = given().when().get(CountryStatusFreshnessTest.STATUS).then().statusCode(200)
                .body("recommendations.total", Matchers.equalTo(5)).extract().header("ETag");
        assertTrue(upstream.findAll(getRequestedFor(urlPathEqualTo(CountryStatusTest.STATISTICS))).size() > 0);
        // Stored older than the window: a pull that read the store would compute the status again.
        CountryStatusFreshnessTest.ageSnapshot(em, "FIN", CountryStatusFreshnessTest.WINDOW + 60);
        CountryStatusFreshnessTest.stubStatistics(upstream, 9, 5);
        upstream.resetRequests();

        given().when().get(CountryStatusFreshnessTest.STATUS).then().statusCode(200)
                .header("ETag", tag)
                // Seconds since the held status was fetched: a few on a loaded machine, never the whole window.
                .header("Age", Matchers.matchesPattern("[0-9]|[1-5][0-9]"))
                .body("recommendations.total", Matchers.equalTo(5))
                .body("stale", Matchers.equalTo(false));
        upstream.verify(0, anyRequestedFor(anyUrl()));
    }
}
