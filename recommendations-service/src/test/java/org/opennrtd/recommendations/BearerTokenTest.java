package org.opennrtd.recommendations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opennrtd.common.security.VerifiedTokens;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.TestTokens;

/** Signed bearer tokens: signature, roles and the country claim as the service reads them in production. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class BearerTokenTest {

    @Inject
    VerifiedTokens verified;

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

    /**
     * A verified token is kept for a moment, keyed by the whole token: a token that shares its header and claims but
     * not its signature, or that carries the same claims signed with another key, is verified in full and refused.
     */
    @Test
    void aForgedTokenSharingACachedTokensClaimsIsRefused() throws Exception {
        String genuine = TestTokens.token("coordinator-prt", "coordinator", "PRT", null);
        given().auth().oauth2(genuine).when().get("/api/v1/recommendations").then().statusCode(200);
        assertTrue(verified.holds(genuine), "the verified token is kept");
        given().auth().oauth2(genuine).when().get("/api/v1/recommendations").then().statusCode(200);
        String[] parts = genuine.split("\\.");
        byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
        signature[signature.length / 2] ^= 0x01;
        String oneBitOff = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        given().auth().oauth2(oneBitOff).when().get("/api/v1/recommendations").then().statusCode(401);
        assertFalse(verified.holds(oneBitOff));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String otherKey = Jwt.claims(JsonPath.from(new String(Base64.getUrlDecoder().decode(parts[1]),
                StandardCharsets.UTF_8)).getMap("")).jws().keyId("1").sign(generator.generateKeyPair().getPrivate());
        given().auth().oauth2(otherKey).when().get("/api/v1/recommendations").then().statusCode(401);
        given().auth().oauth2(genuine).when().get("/api/v1/recommendations").then().statusCode(200);
    }

    /** A kept token goes at the token's expiry: afterwards it is refused, as if it had never been seen. */
    @Test
    void aCachedTokenIsRefusedOnceExpired() throws Exception {
        long expiry = System.currentTimeMillis() / 1000 + 3;
        String token = Jwt.preferredUserName("coordinator-prt").groups(Set.of("coordinator")).claim("country", "PRT")
                .issuer("https://server.example.com").audience("https://service.example.com").expiresAt(expiry)
                .jws().keyId("1").sign("privateKey.jwk");
        given().auth().oauth2(token).when().get("/api/v1/recommendations").then().statusCode(200);
        assertTrue(verified.holds(token));
        given().auth().oauth2(token).when().get("/api/v1/recommendations").then().statusCode(200);
        Thread.sleep(Math.max(0, (expiry + 1) * 1000 - System.currentTimeMillis()));
        assertFalse(verified.holds(token), "dropped at the token's expiry");
        given().auth().oauth2(token).when().get("/api/v1/recommendations").then().statusCode(401)
                .contentType("application/problem+json");
    }
}
