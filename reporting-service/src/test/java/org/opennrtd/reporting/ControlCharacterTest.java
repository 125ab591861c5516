package org.opennrtd.reporting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opennrtd.testing.PostgresTestResource;

/**
 * The control-character rule (api-spec/README.md): U+0000–U+001F other than tab, line feed and carriage return are
 * refused in report job parameters, query and path parameters with a 400 naming the field, and no job is stored.
 * Country PRY.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(UpstreamServicesTestResource.class)
@TestSecurity(user = "admin-pry", roles = "admin")
class ControlCharacterTest {

    static final String COUNTRY = "PRY";
    static final String JOBS = "/api/v1/report-jobs";

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @Inject
    EntityManager em;

    @BeforeEach
    void stubUpstreams() {
        WireMockServer upstream = UpstreamServicesTestResource.server();
        upstream.resetAll();
        circuitBreakers.resetAll();
        ReportFixtures.stub(upstream, COUNTRY, ReportFixtures.known());
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0000", "001B"})
    void aControlCharacterInAReportParameterIsABadRequestNamingIt(String code) {
        long before = jobs();
        given().contentType("application/json")
                .body(ReportFixtures.request("TREATY_BODY_FOLLOW_UP", "JSON", COUNTRY, "\"body\":\"CEDAW\\u" + code + "\""))
                .when().post(JOBS).then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo("body.body"))
                .body("violations[0].message", containsString("U+" + code));
        assertEquals(before, jobs());
        given().when().get(JOBS).then().statusCode(200).body("page.total", equalTo((int) before));
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0000", "001B"})
    void aControlCharacterInAQueryOrPathParameterIsABadRequestNamingIt(String code) {
        String c = String.valueOf((char) Integer.parseInt(code, 16));
        given().queryParam("country", "PR" + c + "Y").when().get(JOBS).then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body("violations[0].field", equalTo("country"))
                .body("violations[0].message", containsString("U+" + code));
        given().queryParam("type", "UPR_MID_TERM" + c).when().get("/api/v1/reports").then().statusCode(400)
                .body("violations[0].field", equalTo("type"));
        given().pathParam("iso3", "PR" + c + "Y").when().get("/api/v1/countries/{iso3}/status").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("iso3"));
    }

    @Test
    void tabLineFeedAndCarriageReturnAreStillAccepted() {
        long before = jobs();
        given().contentType("application/json")
                .body(ReportFixtures.request("TREATY_BODY_FOLLOW_UP", "JSON", COUNTRY, "\"body\":\"CEDAW\\t\\r\\nCRC\""))
                .when().post(JOBS).then().statusCode(202).body("parameters.body", equalTo("CEDAW\t\r\nCRC"));
        assertEquals(before + 1, jobs());
    }

    @Transactional
    long jobs() {
        return ((Number) em.createNativeQuery("select count(*) from report_job").getSingleResult()).longValue();
    }
}
