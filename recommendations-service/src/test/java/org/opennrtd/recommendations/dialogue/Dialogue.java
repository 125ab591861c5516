package org.opennrtd.recommendations.dialogue;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.opennrtd.testing.TestTokens;

/** Signed tokens for each role and small builders shared by the dialogue, webhook and export tests. */
final class Dialogue {

    private Dialogue() {
    }

    static String token(String role, String country, String institution) {
        return TestTokens.token(role + "-" + (country == null ? "all" : country.toLowerCase())
                + (institution == null ? "" : "-" + institution), role, country, institution);
    }

    static RequestSpecification as(String role, String country) {
        return as(role, country, null);
    }

    static RequestSpecification as(String role, String country, String institution) {
        return given().auth().oauth2(token(role, country, institution)).contentType(ContentType.JSON);
    }

    static String recommendation(String country, String text) {
        Map<String, Object> body = new HashMap<>();
        body.put("text", text);
        body.put("mechanism", "UPR");
        body.put("body", "UPR");
        body.put("country", country);
        body.put("documentSymbol", "A/HRC/DLG/" + country);
        body.put("paragraph", UUID.randomUUID().toString().substring(0, 8));
        return as("coordinator", country).body(body).when().post("/api/v1/recommendations")
                .then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> comment(String text, String parentId) {
        Map<String, Object> m = new HashMap<>();
        m.put("text", text);
        if (parentId != null) {
            m.put("parentId", parentId);
        }
        return m;
    }
}
