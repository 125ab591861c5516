package org.opennrtd.indicators;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builders of national indicators, observations and uploads for the tests. */
final class Fixtures {

    static final String INDICATORS = "/api/v1/national-indicators";
    static final String IMPORTS = "/api/v1/observation-imports";

    private Fixtures() {
    }

    /** An indicator of {@code country} broken down by {@code dimensions}, provided by the statistics office NSO. */
    static Map<String, Object> indicator(String country, String code, List<String> dimensions) {
        Map<String, Object> m = new HashMap<>();
        m.put("code", code);
        m.put("countryCode", country);
        m.put("name", "Net enrolment rate in secondary education (" + code + ")");
        m.put("definition", "Pupils of official secondary-school age enrolled in secondary education, as a share of the population of that age.");
        m.put("unit", "PERCENT");
        m.put("computationMethod", "Enrolled pupils of the age group divided by the population of the age group, times 100.");
        m.put("dataProvider", Map.of("institution", "NSO", "name", "National Statistics Office"));
        m.put("periodicity", "ANNUAL");
        m.put("dimensions", dimensions);
        m.put("sdgIndicators", List.of("4.1.2"));
        m.put("sdgTargets", List.of("4.1"));
        m.put("rights", List.of("EDUCATION"));
        m.put("rightAttributes", List.of("EDU_ACCESSIBLE_SECONDARY"));
        m.put("humanRightsIndicators", List.of("EDU_P_SECONDARY_ENROLMENT"));
        m.put("recommendationIds", List.of("5c1c1c1c-0000-4000-8000-000000000001"));
        m.put("actionIds", List.of());
        return m;
    }

    static Map<String, Object> withProgressFrame(Map<String, Object> indicator, double baseline, String baselineDate,
            double target, String targetDate) {
        indicator.put("baseline", Map.of("value", baseline, "date", baselineDate));
        indicator.put("target", Map.of("value", target, "date", targetDate));
        return indicator;
    }

    /** Creates the indicator (the caller must be allowed to) and answers its id. */
    static String create(Map<String, Object> indicator) {
        return given().contentType(ContentType.JSON).body(indicator).when().post(INDICATORS)
                .then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> observation(String period, double value, Map<String, String> dimensions) {
        Map<String, Object> m = new HashMap<>();
        m.put("period", period);
        m.put("value", value);
        m.put("dimensions", dimensions);
        m.put("status", "FINAL");
        return m;
    }

    static void observe(String indicatorId, String period, double value, Map<String, String> dimensions) {
        given().contentType(ContentType.JSON).body(observation(period, value, dimensions))
                .when().post(INDICATORS + "/" + indicatorId + "/observations").then().statusCode(201);
    }

    /** A request whose JSON numbers read back as doubles, for exact comparisons of computed values. */
    static RequestSpecification doubles() {
        return given().config(io.restassured.config.RestAssuredConfig.config().jsonConfig(
                io.restassured.config.JsonConfig.jsonConfig().numberReturnType(
                        io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE)));
    }

    static RequestSpecification upload(String content, String name, String type, String country) {
        RequestSpecification r = given().multiPart("file", name, content.getBytes(StandardCharsets.UTF_8), type);
        return country == null ? r : r.multiPart("country", country);
    }

    /** Uploads, expects 202, and waits for the job to finish. */
    static JsonPath importFile(RequestSpecification request) {
        String id = request.when().post(IMPORTS).then().statusCode(202).extract().path("id");
        for (int i = 0; i < 600; i++) {
            JsonPath job = given().when().get(IMPORTS + "/" + id).then().statusCode(200).extract().jsonPath();
            String state = job.getString("state");
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        return fail("the import job did not finish within a minute");
    }
}
