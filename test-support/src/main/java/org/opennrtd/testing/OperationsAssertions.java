package org.opennrtd.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** What every service promises operators: health that checks its database, Prometheus metrics, Swagger UI. */
public final class OperationsAssertions {

    private OperationsAssertions() {
    }

    public static void assertReadinessChecksTheDatabase() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** After an anonymous call to {@code apiPath} (a 401), the request metrics count it. */
    public static void assertMetricsCountRequests(String apiPath) {
        given().when().get(apiPath).then().statusCode(401);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(allOf(containsString("http_server_requests_seconds_count"), containsString("status=\"401\"")));
    }

    public static void assertSwaggerUiIsServed() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }
}
