package org.opennrtd.recommendations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.TestTokens;

/** Signed bearer tokens: signature, roles and the country claim as the service reads them in production. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class BearerTokenTest {

    @Test
    void countryClaimOfASignedTokenScopesWritesAndReads() {
        String coordinator = TestTokens.token("coordinator-prt", "coordinator", "PRT", "ministry-of-justice");
        given().auth().oauth2(coordinator).contentType(ContentType.JSON)
                .body(Map.of("text", "Establish a national preventive mechanism", "mechanism", "UPR", "body", "UPR", "country", "PRT"))
                .when().post("/api/v1/recommendations").then().statusCode(201);
        given().auth().oauth2(coordinator).contentType(ContentType.JSON)
                .body(Map.of("text", "x", "mechanism", "UPR", "body", "UPR", "country", "ESP"))
                .when().post("/api/v1/recommendations").then().statusCode(403);
        given().auth().oauth2(coordinator).when().get("/api/v1/recommendations").then().statusCode(200)
                .body("items.country", everyItem(equalTo("PRT")));
    }

    @Test
    void aTokenWithoutTheRightRoleIsForbidden() {
        String ngo = TestTokens.token("ngo-prt", "civil-society", "PRT", null);
        given().auth().oauth2(ngo).contentType(ContentType.JSON)
                .body(Map.of("text", "x", "mechanism", "UPR", "body", "UPR", "country", "PRT"))
                .when().post("/api/v1/recommendations").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aForgedTokenIsUnauthorized() {
        String token = TestTokens.token("coordinator-prt", "coordinator", "PRT", null);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(forged).when().get("/api/v1/recommendations").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer not-a-token").when().get("/api/v1/recommendations").then().statusCode(401)
                .contentType("application/problem+json");
    }
}
