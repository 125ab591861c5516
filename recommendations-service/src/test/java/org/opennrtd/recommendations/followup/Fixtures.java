package org.opennrtd.recommendations.followup;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opennrtd.testing.TestTokens;

/** Follow-up test data made through the API, and signed tokens for every kind of user. */
final class Fixtures {

    private Fixtures() {
    }

    static String admin() {
        return TestTokens.token("admin", "admin", null, null);
    }

    static String coordinator(String country) {
        return TestTokens.token("coordinator-" + country.toLowerCase(), "coordinator", country, null);
    }

    static String focalPoint(String country, String institutionCode) {
        return TestTokens.token("fp-" + institutionCode, "focal-point", country, institutionCode);
    }

    static String nhri(String country) {
        return TestTokens.token("nhri-" + country.toLowerCase(), "nhri", country, "nhri");
    }

    static String civilSociety(String country) {
        return TestTokens.token("ngo-" + country.toLowerCase(), "civil-society", country, null);
    }

    static String ohchr() {
        return TestTokens.token("ohchr", "ohchr", null, null);
    }

    static RequestSpecification as(String token) {
        RequestSpecification spec = given().contentType(ContentType.JSON);
        return token == null ? spec : spec.auth().oauth2(token);
    }

    static Map<String, Object> institution(String country, String code, String name) {
        Map<String, Object> m = new HashMap<>();
        m.put("country", country);
        m.put("code", code);
        m.put("name", name);
        m.put("kind", "MINISTRY");
        m.put("focalPoints", List.of(Map.of("name", "Focal point of " + code, "email", code + "@example.org",
                "username", "fp-" + code)));
        return m;
    }

    static UUID createInstitution(String country, String code, String name) {
        return UUID.fromString(as(admin()).body(institution(country, code, name)).post("/api/v1/institutions")
                .then().statusCode(201).extract().path("id"));
    }

    static UUID createRecommendation(String country, String text) {
        Map<String, Object> m = new HashMap<>();
        m.put("text", text);
        m.put("mechanism", "UPR");
        m.put("body", "UPR");
        m.put("country", country);
        m.put("position", "SUPPORTED");
        m.put("recommendingStates", List.of("Chile"));
        m.put("affectedPersons", List.of("Children", "Persons with disabilities", "General"));
        return UUID.fromString(as(admin()).body(m).post("/api/v1/recommendations").then().statusCode(201)
                .extract().path("id"));
    }

    static Map<String, Object> action(String country, UUID lead, List<UUID> recommendations, String title) {
        Map<String, Object> m = new HashMap<>();
        m.put("country", country);
        m.put("title", title);
        m.put("leadInstitutionId", lead.toString());
        m.put("recommendationIds", recommendations.stream().map(UUID::toString).toList());
        m.put("startDate", "2026-01-01");
        m.put("endDate", "2027-12-31");
        m.put("budget", Map.of("amount", 125000.50, "currency", "EUR", "source", "State budget", "funded", true));
        m.put("indicatorIds", List.of("7b0f5e1c-2f44-4c7a-9d4b-0d1f8a3e6c21"));
        return m;
    }

    static UUID createAction(String country, UUID lead, List<UUID> recommendations, String title) {
        return UUID.fromString(as(admin()).body(action(country, lead, recommendations, title)).post("/api/v1/actions")
                .then().statusCode(201).extract().path("id"));
    }

    static UUID createMilestone(UUID action, String title, String dueDate) {
        return UUID.fromString(as(admin()).body(Map.of("title", title, "dueDate", dueDate))
                .post("/api/v1/actions/" + action + "/milestones").then().statusCode(201).extract().path("id"));
    }

    static Map<String, Object> update(String narrative, String reportDate) {
        return Map.of("narrative", narrative, "reportDate", reportDate, "evidenceUrl", "https://example.org/evidence.pdf");
    }

    static UUID createUpdate(UUID action, String narrative) {
        return UUID.fromString(as(admin()).body(update(narrative, "2026-03-31"))
                .post("/api/v1/actions/" + action + "/progress-updates").then().statusCode(201).extract().path("id"));
    }

    static void submit(UUID update) {
        as(admin()).header("If-Match", etag("/api/v1/progress-updates/" + update))
                .post("/api/v1/progress-updates/" + update + "/submission").then().statusCode(200);
    }

    static void validate(UUID update) {
        as(admin()).header("If-Match", etag("/api/v1/progress-updates/" + update))
                .post("/api/v1/progress-updates/" + update + "/validation").then().statusCode(200);
    }

    static String etag(String path) {
        Response r = as(admin()).get(path);
        r.then().statusCode(200);
        return r.header("ETag");
    }
}
