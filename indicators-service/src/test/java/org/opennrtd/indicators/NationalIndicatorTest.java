package org.opennrtd.indicators;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opennrtd.indicators.Fixtures.INDICATORS;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/** National indicators: definition, links, who writes them, ETags and their audited history. Countries PRT, GRC. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class NationalIndicatorTest {

    @Inject
    EntityManager em;

    @Test
    @TestSecurity(user = "coordinator-prt", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "PRT"))
    void coordinatorDefinesAnIndicatorWithItsLinks() {
        String id = given().contentType(ContentType.JSON).body(Fixtures.withProgressFrame(
                        Fixtures.indicator("PRT", "PRT-EDU-1", List.of("SEX", "AGE")), 80, "2015-12-31", 95, "2030-12-31"))
                .when().post(INDICATORS).then().statusCode(201)
                .header("Location", containsString(INDICATORS + "/")).header("ETag", equalTo("\"0\""))
                .body("countryCode", equalTo("PRT")).body("dimensions", contains("SEX", "AGE"))
                .body("sdgIndicators", contains("4.1.2")).body("rights", contains("EDUCATION"))
                .body("dataProvider.institution", equalTo("NSO")).body("baseline.value", equalTo(80.0f))
                .body("target.date", equalTo("2030-12-31")).extract().path("id");

        given().when().get(INDICATORS + "/" + id).then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("recommendationIds", contains("5c1c1c1c-0000-4000-8000-000000000001"))
                .body("humanRightsIndicators", contains("EDU_P_SECONDARY_ENROLMENT"));
        given().queryParam("sdgTarget", "4.1").when().get(INDICATORS).then().statusCode(200)
                .body("items.code", hasItem("PRT-EDU-1"));
        given().queryParam("right", "EDUCATION").queryParam("q", "secondary").when().get(INDICATORS).then()
                .statusCode(200).body("items.code", hasItem("PRT-EDU-1"));
        given().queryParam("recommendationId", "5c1c1c1c-0000-4000-8000-000000000001").when().get(INDICATORS)
                .then().statusCode(200).body("items.code", hasItem("PRT-EDU-1"));
    }

    @Test
    @TestSecurity(user = "coordinator-prt", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "PRT"))
    void updatesNeedTheCurrentTagAndLeaveAHistory() {
        Map<String, Object> body = Fixtures.indicator("PRT", "PRT-EDU-2", List.of("SEX"));
        String id = Fixtures.create(body);
        body.put("unit", "RATIO");
        body.put("dimensions", List.of("SEX", "URBANISATION"));

        given().contentType(ContentType.JSON).body(body).when().put(INDICATORS + "/" + id).then().statusCode(428)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("If-Match", "\"3\"").body(body).when().put(INDICATORS + "/" + id)
                .then().statusCode(412).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(body).when().put(INDICATORS + "/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\"")).body("unit", equalTo("RATIO"))
                .body("dimensions", contains("SEX", "URBANISATION"));
        // The tag just used is stale now: a second writer holding it loses instead of overwriting.
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(body).when().put(INDICATORS + "/" + id)
                .then().statusCode(412);

        given().when().get(INDICATORS + "/" + id + "/history").then().statusCode(200)
                .body("page.total", equalTo(2)).body("items.action", contains("CREATE", "UPDATE"))
                .body("items[0].before", nullValue()).body("items[1].before.unit", equalTo("PERCENT"))
                .body("items[1].after.unit", equalTo("RATIO")).body("items[1].actor", equalTo("coordinator-prt"));
    }

    @Test
    @TestSecurity(user = "coordinator-prt", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "PRT"))
    void linksToCodesThatDoNotExistAreRefusedAndStoreNothing() {
        Map<String, Object> body = Fixtures.indicator("PRT", "PRT-BAD-1", List.of("SEX", "SHOE_SIZE"));
        body.put("sdgIndicators", List.of("4.1.9"));
        body.put("rights", List.of("FLYING"));
        given().contentType(ContentType.JSON).body(body).when().post(INDICATORS).then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("body.dimensions"))
                .body("violations.field", hasItem("body.sdgIndicators"))
                .body("violations.field", hasItem("body.rights"));

        Map<String, Object> flat = Fixtures.withProgressFrame(Fixtures.indicator("PRT", "PRT-BAD-2", List.of()),
                50, "2020-01-01", 50, "2030-01-01");
        given().contentType(ContentType.JSON).body(flat).when().post(INDICATORS).then().statusCode(422)
                .body("violations.field", hasItem("body.target.value"));
        Map<String, Object> badCode = Fixtures.indicator("PRT", "no spaces allowed", List.of());
        given().contentType(ContentType.JSON).body(badCode).when().post(INDICATORS).then().statusCode(400);
        assertEquals(0L, ((Number) em.createNativeQuery("select count(*) from national_indicator where code like 'PRT-BAD%'"
                + " or code = 'no spaces allowed'").getSingleResult()).longValue());
    }

    @Test
    @TestSecurity(user = "coordinator-prt", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "PRT"))
    void aCodeIsUniqueWithinItsCountry() {
        Fixtures.create(Fixtures.indicator("PRT", "PRT-EDU-3", List.of()));
        given().contentType(ContentType.JSON).body(Fixtures.indicator("PRT", "PRT-EDU-3", List.of())).when()
                .post(INDICATORS).then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "coordinator-prt", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "PRT"))
    void aCoordinatorCannotDefineIndicatorsOfAnotherCountry() {
        given().contentType(ContentType.JSON).body(Fixtures.indicator("GRC", "GRC-EDU-1", List.of())).when()
                .post(INDICATORS).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "ngo-prt", roles = "civil-society")
    @OidcSecurity(claims = @Claim(key = "country", value = "PRT"))
    void civilSocietyReadsButDoesNotWrite() {
        given().contentType(ContentType.JSON).body(Fixtures.indicator("PRT", "PRT-NGO-1", List.of())).when()
                .post(INDICATORS).then().statusCode(403).contentType("application/problem+json");
        given().when().get(INDICATORS).then().statusCode(200);
        given().queryParam("country", "GRC").when().get(INDICATORS).then().statusCode(403);
    }

    @Test
    void withoutATokenNothingIsServed() {
        given().when().get(INDICATORS).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Fixtures.indicator("PRT", "PRT-ANON", List.of())).when()
                .post(INDICATORS).then().statusCode(401);
    }
}
