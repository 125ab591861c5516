package org.opennrtd.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each running service serves its contract on its API port, and the Swagger UI, health and metrics on its management
 * port only (the built jars run the prod profile), without a token.
 */
class OpenApiIT {

    @ParameterizedTest(name = "{0} serves its contract with {1}")
    @CsvSource({
            "recommendations-service, /api/v1/recommendations",
            "indicators-service,      /api/v1/sdg/framework",
            "reporting-service,       /api/v1/countries/{iso3}/status"})
    void contractIsServed(String module, String path) {
        E2EStack.assumeRunning(module);
        given().queryParam("format", "json")
                .when().get(E2EStack.url(module) + "/q/openapi")
                .then().statusCode(200).body("openapi", startsWith("3.")).body("paths", hasKey(path));
        given().when().get(E2EStack.managementUrl(module) + "/q/swagger-ui/")
                .then().statusCode(200);
        given().when().get(E2EStack.managementUrl(module) + "/q/health/ready")
                .then().statusCode(200).header("X-Content-Type-Options", "nosniff");
        given().when().get(E2EStack.managementUrl(module) + "/q/metrics")
                .then().statusCode(200);
        for (String operations : new String[] {"/q/swagger-ui/", "/q/health/ready", "/q/metrics"}) {
            given().when().get(E2EStack.url(module) + operations).then().statusCode(404);
        }
    }
}
