package org.opennrtd.recommendations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/** Bad requests get a clear RFC 9457 answer in the 4xx range and change nothing. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ProblemResponsesTest {

    static final String PATH = "/api/v1/recommendations";

    @Inject
    EntityManager em;

    @Test
    void anonymousCallsAreUnauthorized() {
        given().when().get(PATH).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
        given().contentType(ContentType.JSON).body("{}").when().post(PATH).then().statusCode(401)
                .contentType("application/problem+json");
        given().when().get("/api/v1/recommendation-statistics?country=SVN").then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "coordinator-svn", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "SVN"))
    void invalidBodiesNameEachFieldAndStoreNothing() {
        long before = count();
        given().contentType(ContentType.JSON)
                .body(Map.of("mechanism", "UPR", "body", "UPR", "country", "Slovenia", "sdgTargets", List.of("18.1")))
                .when().post(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("body.text"))
                .body("violations.field", hasItem("body.country"))
                .body("violations.field", hasItem("body.sdgTargets[0]"))
                .body("detail", not(containsString("Exception")));
        given().contentType(ContentType.JSON).body("{\"text\": \"x\", ").when().post(PATH)
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("body"));
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "x", "mechanism", "COURT", "body", "UPR", "country", "SVN"))
                .when().post(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("body.mechanism"))
                .body("violations[0].message", containsString("TREATY_BODY"));
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "x", "mechanism", "UPR", "body", "UPR", "country", "SVN", "uprCycle", "three"))
                .when().post(PATH).then().log().ifValidationFails().statusCode(400).body("violations[0].field", equalTo("body.uprCycle"));
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "x", "mechanism", "UPR", "body", "UPR", "country", "SVN", "colour", "red"))
                .when().post(PATH).then().statusCode(400).body("violations[0].field", equalTo("body.colour"));
        given().contentType(ContentType.TEXT).body("text").when().post(PATH).then().statusCode(415)
                .contentType("application/problem+json");
        assertEquals(before, count());
    }

    @Test
    @TestSecurity(user = "coordinator-svn", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "SVN"))
    void invalidParametersAreBadRequests() {
        given().when().get(PATH + "?limit=101").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("limit"));
        given().when().get(PATH + "?offset=-1").then().statusCode(400).body("violations[0].field", equalTo("offset"));
        given().when().get(PATH + "?sort=colour").then().statusCode(400).body("violations[0].field", equalTo("sort"))
                .body("violations[0].message", containsString("documentSymbol"));
        given().when().get(PATH + "?sort=text;drop table").then().statusCode(400);
        given().when().get(PATH + "?position=MAYBE").then().statusCode(400).contentType("application/problem+json");
        given().when().get(PATH + "/not-a-uuid").then().statusCode(400).contentType("application/problem+json");
        given().when().get(PATH + "/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType("application/problem+json").body("type", containsString("not-found"));
        given().when().get("/api/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().when().delete(PATH).then().statusCode(405).contentType("application/problem+json");
        given().when().get("/api/v1/recommendation-statistics").then().statusCode(400)
                .body("violations[0].field", equalTo("country"));
    }

    @Test
    @TestSecurity(user = "ohchr-analyst", roles = "ohchr")
    void ohchrReadsButCannotWrite() {
        given().when().get(PATH + "?country=SVN").then().statusCode(200).body("page.total", notNullValue());
        given().contentType(ContentType.JSON)
                .body(Map.of("text", "x", "mechanism", "UPR", "body", "UPR", "country", "SVN"))
                .when().post(PATH).then().statusCode(403).contentType("application/problem+json");
    }

    @Transactional
    long count() {
        return ((Number) em.createNativeQuery("select count(*) from recommendation").getSingleResult()).longValue();
    }
}
