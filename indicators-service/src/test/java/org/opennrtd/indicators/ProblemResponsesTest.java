package org.opennrtd.indicators;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/** Bad requests get a clear RFC 9457 answer in the 4xx range. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ProblemResponsesTest {

    static final String SDG = "/api/v1/sdg";

    /** One valid call of every operation of the contract. */
    static final List<String> EVERY_OPERATION = List.of(SDG + "/framework", SDG + "/goals", SDG + "/goals/5",
            SDG + "/targets", SDG + "/targets/5.2", SDG + "/indicators", SDG + "/indicators/5.2.1");

    @Test
    void anonymousCallsAreUnauthorized() {
        for (String path : EVERY_OPERATION) {
            given().when().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
        }
    }

    @Test
    @TestSecurity(user = "guest", roles = "guest")
    void aCallerWithoutARealmRoleIsForbidden() {
        for (String path : EVERY_OPERATION) {
            given().when().get(path).then().statusCode(403).contentType("application/problem+json")
                    .body("status", equalTo(403));
        }
    }

    @Test
    @TestSecurity(user = "ngo", roles = "civil-society")
    void everyRealmRoleMayCallEveryOperation() {
        for (String path : EVERY_OPERATION) {
            given().when().get(path).then().statusCode(200);
        }
    }

    @Test
    @TestSecurity(user = "ngo", roles = "civil-society")
    void invalidParametersAreBadRequests() {
        given().when().get(SDG + "/goals?limit=101").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("limit"));
        given().when().get(SDG + "/indicators?offset=-1").then().statusCode(400).body("violations[0].field", equalTo("offset"));
        given().when().get(SDG + "/targets?goal=18").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("goal"));
        given().when().get(SDG + "/indicators?goal=0").then().statusCode(400).body("violations[0].field", equalTo("goal"));
        given().when().get(SDG + "/targets?goal=five").then().statusCode(400).contentType("application/problem+json")
                .body("detail", not(containsString("Exception")));
        given().when().get(SDG + "/indicators?target=5.x1").then().statusCode(400).body("violations[0].field", equalTo("target"));
        given().when().get(SDG + "/indicators?q=" + "x".repeat(501)).then().statusCode(400).body("violations[0].field", equalTo("q"));
        given().when().get(SDG + "/targets/5.2.1").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("target"));
        given().when().get(SDG + "/targets/18.1").then().statusCode(400).body("violations[0].field", equalTo("target"));
        given().when().get(SDG + "/indicators/5.2").then().statusCode(400).body("violations[0].field", equalTo("indicator"));
        given().when().get(SDG + "/goals/0").then().statusCode(400).body("violations[0].field", equalTo("goal"));
        given().when().get(SDG + "/goals/five").then().statusCode(400).contentType("application/problem+json");
        given().header("Accept-Language", "en-" + "x".repeat(200)).when().get(SDG + "/goals").then().statusCode(400)
                .body("violations[0].field", equalTo("acceptLanguage"));
    }

    @Test
    @TestSecurity(user = "ngo", roles = "civil-society")
    void wellFormedCodesOutsideTheFrameworkAreNotFound() {
        given().when().get(SDG + "/targets/5.9").then().statusCode(404).contentType("application/problem+json")
                .body("type", containsString("not-found")).body("detail", containsString("5.9"));
        given().when().get(SDG + "/goals/18").then().statusCode(404).contentType("application/problem+json")
                .body("type", containsString("not-found"));
        given().when().get(SDG + "/indicators/5.2.9").then().statusCode(404).contentType("application/problem+json");
        given().when().get(SDG + "/nothing-here").then().statusCode(404).contentType("application/problem+json");
        given().when().delete(SDG + "/goals").then().statusCode(405).contentType("application/problem+json");
    }
}
