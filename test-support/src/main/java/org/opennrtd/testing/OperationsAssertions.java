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

    /**
     * Under {@link ManagementInterfaceProfile} (the deployed shape): the API port serves neither health, nor metrics,
     * nor the Swagger UI, but still the contract; the management port serves health (checking the database),
     * metrics and the Swagger UI, each with nosniff.
     */
    public static void assertManagementEndpointsOnlyOnManagementPort(String apiPath, java.nio.file.Path specFile) {
        java.net.URI managementUrl = java.net.URI.create(org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("test.management.url", String.class));
        String management = managementUrl.getScheme() + "://" + managementUrl.getHost() + ":" + managementUrl.getPort();
        String api = io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
        org.junit.jupiter.api.Assertions.assertNotEquals(api, management, "two ports");
        for (String path : java.util.List.of("/q/health", "/q/health/ready", "/q/health/live", "/q/metrics",
                "/q/swagger-ui/", "/q/swagger-ui/index.html")) {
            io.restassured.response.Response r = given().when().get(api + path);
            org.junit.jupiter.api.Assertions.assertEquals(404, r.statusCode(), "API port " + path);
            org.junit.jupiter.api.Assertions.assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
        }
        ContractAssertions.assertServedDocumentMatches(specFile);

        given().when().get(apiPath).then().statusCode(401);
        given().when().get(management + "/q/health/ready").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Database")));
        given().when().get(management + "/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get(management + "/q/metrics").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff")
                .body(allOf(containsString("http_server_requests_seconds_count"), containsString("status=\"401\"")));
        given().when().get(management + "/q/swagger-ui/").then().statusCode(200)
                .header("X-Content-Type-Options", "nosniff");
    }
}
