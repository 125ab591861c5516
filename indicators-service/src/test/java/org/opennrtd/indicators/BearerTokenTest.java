package org.opennrtd.indicators;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.TestTokens;

/** Signed bearer tokens: signature and roles as the service reads them in production. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class BearerTokenTest {

    static final String GOALS = "/api/v1/sdg/goals";

    @Test
    void everyRealmRoleReadsTheFramework() {
        for (String role : new String[] {"admin", "coordinator", "focal-point", "nhri", "civil-society", "ohchr"}) {
            String token = TestTokens.token("user-" + role, role, "SVN", null);
            given().auth().oauth2(token).when().get(GOALS).then().statusCode(200).body("page.total", equalTo(17));
        }
    }

    @Test
    void aTokenWithoutARealmRoleIsForbidden() {
        String guest = TestTokens.token("guest", "guest", null, null);
        given().auth().oauth2(guest).when().get(GOALS).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aForgedTokenIsUnauthorized() {
        String token = TestTokens.token("ngo-svn", "civil-society", "SVN", null);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(forged).when().get(GOALS).then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer not-a-token").when().get(GOALS).then().statusCode(401)
                .contentType("application/problem+json");
    }
}
