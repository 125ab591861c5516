package org.opennrtd.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who may call what, with real tokens from the shipped realm against the running services. */
class AccessAcrossServicesIT {

    private static final String PROBLEM = "application/problem+json";
    private static final String RECOMMENDATIONS = "recommendations-service";

    @ParameterizedTest(name = "{0} {1} without a token")
    @CsvSource({
            "recommendations-service, /api/v1/recommendations",
            "indicators-service,      /api/v1/sdg/framework",
            "reporting-service,       /api/v1/countries/SVN/status"})
    void noTokenIsUnauthorized(String module, String path) {
        E2EStack.assumeRunning(module);
        given().accept(ContentType.JSON)
                .when().get(E2EStack.url(module) + path)
                .then().statusCode(401).contentType(startsWith(PROBLEM)).body("status", equalTo(401));
    }

    @ParameterizedTest(name = "{0} {1} with a token Keycloak did not sign")
    @CsvSource({
            "recommendations-service, /api/v1/recommendations",
            "indicators-service,      /api/v1/sdg/framework",
            "reporting-service,       /api/v1/countries/SVN/status"})
    void foreignTokenIsUnauthorized(String module, String path) {
        E2EStack.assumeRunning(module);
        // A well-formed JWT with the right issuer and claims, but signed by nobody.
        String forged = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes()) + "."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"iss\":\""
                        + E2EStack.get().settings().issuer() + "\",\"sub\":\"x\",\"exp\":4102444800,"
                        + "\"realm_access\":{\"roles\":[\"admin\"]}}").getBytes()) + ".";
        given().auth().oauth2(forged).accept(ContentType.JSON)
                .when().get(E2EStack.url(module) + path)
                .then().statusCode(401).contentType(startsWith(PROBLEM));
    }

    @Test
    void civilSocietyMayNotCreate() {
        E2EStack.assumeRunning(RECOMMENDATIONS);
        given().auth().oauth2(E2EStack.userToken("civil-society-svn"))
                .contentType(ContentType.JSON).accept(ContentType.JSON).body(recommendation("SVN"))
                .when().post(E2EStack.url(RECOMMENDATIONS) + "/api/v1/recommendations")
                .then().statusCode(403).contentType(startsWith(PROBLEM)).body("status", equalTo(403));
    }

    @Test
    void ohchrReadsButDoesNotWrite() {
        E2EStack.assumeRunning(RECOMMENDATIONS);
        given().auth().oauth2(E2EStack.clientToken("ohchr", "ohchr-demo-secret"))
                .contentType(ContentType.JSON).accept(ContentType.JSON).body(recommendation("SVN"))
                .when().post(E2EStack.url(RECOMMENDATIONS) + "/api/v1/recommendations")
                .then().statusCode(403).contentType(startsWith(PROBLEM));
    }

    @Test
    void aCountryKeepsItsRecommendationsToItself() {
        E2EStack.assumeRunning(RECOMMENDATIONS);
        String base = E2EStack.url(RECOMMENDATIONS) + "/api/v1/recommendations";
        String id = given().auth().oauth2(E2EStack.userToken("coordinator-svn"))
                .contentType(ContentType.JSON).accept(ContentType.JSON).body(recommendation("SVN"))
                .when().post(base)
                .then().statusCode(201).header("Location", startsWith("http"))
                .body("country", equalTo("SVN"))
                .extract().path("id");

        // Same country, other roles: readable.
        for (String user : new String[] {"focal-point-svn", "nhri-svn", "civil-society-svn", "admin", "ohchr-analyst"}) {
            given().auth().oauth2(E2EStack.userToken(user)).accept(ContentType.JSON)
                    .when().get(base + "/" + id)
                    .then().statusCode(200).body("id", equalTo(id));
        }
        given().auth().oauth2(E2EStack.clientToken("ohchr", "ohchr-demo-secret")).accept(ContentType.JSON)
                .when().get(base + "/" + id)
                .then().statusCode(200).body("id", equalTo(id));

        // Another country's coordinator: the recommendation does not exist for them, and they cannot write for SVN.
        given().auth().oauth2(E2EStack.userToken("coordinator-hrv")).accept(ContentType.JSON)
                .when().get(base + "/" + id)
                .then().statusCode(404).contentType(startsWith(PROBLEM));
        given().auth().oauth2(E2EStack.userToken("coordinator-hrv"))
                .contentType(ContentType.JSON).accept(ContentType.JSON).body(recommendation("SVN"))
                .when().post(base)
                .then().statusCode(403).contentType(startsWith(PROBLEM));
        // ... but for their own country they can.
        given().auth().oauth2(E2EStack.userToken("coordinator-hrv"))
                .contentType(ContentType.JSON).accept(ContentType.JSON).body(recommendation("HRV"))
                .when().post(base)
                .then().statusCode(201).body("country", equalTo("HRV"));
    }

    static Map<String, Object> recommendation(String country) {
        return recommendation(country, "E2E/" + UUID.randomUUID(), "1", "SUPPORTED");
    }

    static Map<String, Object> recommendation(String country, String documentSymbol, String paragraph,
            String position) {
        return Map.of(
                "text", "End-to-end test recommendation: strengthen the national mechanism for follow-up.",
                "mechanism", "UPR",
                "body", "UPR",
                "country", country,
                "documentSymbol", documentSymbol,
                "paragraph", paragraph,
                "position", position,
                "sdgTargets", java.util.List.of("16.6"));
    }
}
