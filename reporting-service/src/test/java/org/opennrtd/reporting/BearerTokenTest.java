package org.opennrtd.reporting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.TestTokens;

/** Signed bearer tokens: signature, roles and the country claim as the service reads them in production. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class BearerTokenTest {

    @Test
    void theCountryClaimOfASignedTokenLimitsWhichCountryMayBeRead() {
        String coordinator = TestTokens.token("coordinator-svn", "coordinator", "SVN", "government-office");
        given().auth().oauth2(coordinator).when().get("/api/v1/countries/HRV/status")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("SVN"));
    }

    @Test
    void aForgedTokenIsUnauthorized() {
        String token = TestTokens.token("coordinator-svn", "coordinator", "SVN", null);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(forged).when().get("/api/v1/countries/SVN/status").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer not-a-token").when().get("/api/v1/countries/SVN/status")
                .then().statusCode(401).contentType("application/problem+json");
    }
}
