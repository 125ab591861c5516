package org.opennrtd.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The indicators service's SDG framework, and the reporting service reading the other two with its own token. */
class FrameworkAndReportingIT {

    @Test
    void sdgFrameworkHasSeventeenGoals() {
        E2EStack.assumeRunning("indicators-service");
        given().auth().oauth2(E2EStack.userToken("civil-society-svn")).accept(ContentType.JSON)
                .when().get(E2EStack.url("indicators-service") + "/api/v1/sdg/framework")
                .then().statusCode(200).body("goals", equalTo(17)).body("targets", equalTo(169));
    }

    @Test
    void ohchrReadsCountryStatusWithTheRealCounts() {
        E2EStack.assumeRunning("recommendations-service");
        E2EStack.assumeRunning("indicators-service");
        E2EStack.assumeRunning("reporting-service");
        String ohchr = E2EStack.clientToken("ohchr", "ohchr-demo-secret");
        String status = E2EStack.url("reporting-service") + "/api/v1/countries/SVN/status";
        // The status is served from a snapshot for a minute; no-cache asks for the current numbers.
        JsonPath before = given().auth().oauth2(ohchr).accept(ContentType.JSON).header("Cache-Control", "no-cache")
                .when().get(status).then().statusCode(200).extract().jsonPath();

        // Other tests of this run may have created SVN recommendations too: count what this test adds.
        String symbol = "E2E/REPORTING/" + UUID.randomUUID();
        List<String> positions = List.of("SUPPORTED", "SUPPORTED", "SUPPORTED", "NOTED", "NOTED");
        for (int i = 0; i < positions.size(); i++) {
            given().auth().oauth2(E2EStack.userToken("coordinator-svn"))
                    .contentType(ContentType.JSON).accept(ContentType.JSON)
                    .body(AccessAcrossServicesIT.recommendation("SVN", symbol, Integer.toString(i + 1), positions.get(i)))
                    .when().post(E2EStack.url("recommendations-service") + "/api/v1/recommendations")
                    .then().statusCode(201);
        }

        JsonPath after = given().auth().oauth2(ohchr).accept(ContentType.JSON).header("Cache-Control", "no-cache")
                .when().get(status).then().statusCode(200).extract().jsonPath();
        assertEquals(total(before) + 5, total(after), "recommendations.total");
        assertEquals(count(before, "SUPPORTED") + 3, count(after, "SUPPORTED"), "SUPPORTED");
        assertEquals(count(before, "NOTED") + 2, count(after, "NOTED"), "NOTED");

        // And the total is what the recommendations service itself holds for SVN.
        int held = given().auth().oauth2(E2EStack.userToken("admin")).accept(ContentType.JSON)
                .queryParam("country", "SVN").queryParam("limit", 1)
                .when().get(E2EStack.url("recommendations-service") + "/api/v1/recommendations")
                .then().statusCode(200).extract().path("page.total");
        assertEquals(held, total(after), "reporting total vs recommendations-service");

        // Without no-cache, the snapshot just computed is served again, and says how old it is.
        var again = given().auth().oauth2(ohchr).accept(ContentType.JSON).when().get(status).then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.startsWith("private, max-age="))
                .header("Age", org.hamcrest.Matchers.notNullValue()).extract().jsonPath();
        assertEquals(total(after), total(again), "served from the snapshot");

        assertEquals(17, after.getInt("sdgFramework.goals"), "sdgFramework.goals");
        assertEquals(169, after.getInt("sdgFramework.targets"), "sdgFramework.targets");
        org.junit.jupiter.api.Assertions.assertTrue(after.getInt("sdgFramework.indicators") > 0,
                "sdgFramework.indicators");
    }

    private static int total(JsonPath status) {
        return status.getInt("recommendations.total");
    }

    private static int count(JsonPath status, String position) {
        List<Map<String, Object>> byPosition = status.getList("recommendations.byPosition");
        return byPosition.stream().filter(c -> position.equals(c.get("key")))
                .mapToInt(c -> ((Number) c.get("count")).intValue()).findFirst().orElse(0);
    }
}
