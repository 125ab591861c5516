package org.opennrtd.recommendations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.service.UrlImportService;
import org.opennrtd.testing.PostgresTestResource;

/** Imports from an address: only allowed addresses, over real HTTP, and the scheduled pull. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
// Restricted to this class: its configured scheduled pull would otherwise apply to every test, ScheduledPullTest's too.
@QuarkusTestResource(value = ExportServerTestResource.class, restrictToAnnotatedClass = true)
class UrlImportTest {

    /**
     * The export server's address, looked up when used: an injected property would be required of every test class
     * the service starts for, and the server is this class's only.
     */
    static String base() {
        return ConfigProvider.getConfig().getValue("export-server.base", String.class);
    }

    @Inject
    UrlImportService urlImports;

    static JsonPath awaitJob(String id) {
        for (int i = 0; i < 300; i++) {
            JsonPath job = given().when().get("/api/v1/imports/" + id).then().statusCode(200).extract().jsonPath();
            if (!job.getString("state").equals("QUEUED") && !job.getString("state").equals("RUNNING")) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("job " + id + " did not finish");
    }

    @Test
    @TestSecurity(user = "coordinator-isl", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "ISL"))
    void aCoordinatorImportsFromAnAllowedAddress() {
        String id = given().contentType(ContentType.JSON).body(Map.of("url", base() + "/uhri/export.csv"))
                .when().post("/api/v1/url-imports")
                .then().statusCode(202).header("Location", containsString("/api/v1/imports/")).extract().path("id");
        JsonPath job = awaitJob(id);
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals("UHRI_CSV", job.getString("format"));
        assertEquals("export.csv", job.getString("fileName"));
        given().when().get("/api/v1/recommendations?country=ISL&q=gender equality").then().statusCode(200)
                .body("page.total", equalTo(1)).body("items[0].uhriAnnotationId", equalTo(ExportServerTestResource.ISL_ID));
    }

    @Test
    @TestSecurity(user = "coordinator-isl", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "ISL"))
    void addressesOutsideTheAllowedPrefixesAreNeverFetched() {
        given().contentType(ContentType.JSON).body(Map.of("url", "http://169.254.169.254/latest/meta-data"))
                .when().post("/api/v1/url-imports").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("url"));
        given().contentType(ContentType.JSON).body(Map.of("url", base() + "/other/export.csv"))
                .when().post("/api/v1/url-imports").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("url", "file:///etc/passwd"))
                .when().post("/api/v1/url-imports").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void fetchFailuresAreClearProblems() {
        given().contentType(ContentType.JSON).body(Map.of("url", base() + "/uhri/missing.csv", "country", "ISL"))
                .when().post("/api/v1/url-imports").then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("HTTP 404"));
        given().contentType(ContentType.JSON).body(Map.of("url", base() + "/uhri/moved.csv", "country", "ISL"))
                .when().post("/api/v1/url-imports").then().statusCode(422).body("detail", containsString("HTTP 302"));
        given().contentType(ContentType.JSON).body(Map.of("url", base() + "/uhri/too-big.csv", "country", "ISL"))
                .when().post("/api/v1/url-imports").then().statusCode(413).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("url", "not a uri at all ::"))
                .when().post("/api/v1/url-imports").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "ngo-isl", roles = "civil-society")
    @OidcSecurity(claims = @Claim(key = "country", value = "ISL"))
    void civilSocietyCannotPull() {
        given().contentType(ContentType.JSON).body(Map.of("url", base() + "/uhri/export.csv"))
                .when().post("/api/v1/url-imports").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void theScheduledPullQueuesAnImportAsTheScheduler() {
        UrlImportService.PullResult pull = urlImports.pullConfigured();
        assertEquals(UrlImportService.PullResult.Outcome.QUEUED, pull.outcome());
        JsonPath done = awaitJob(pull.jobId().toString());
        assertEquals("SUCCEEDED", done.getString("state"), done.prettify());
        assertEquals("scheduler", done.getString("createdBy"));
        assertEquals("ISL", done.getString("country"));
        given().when().get("/api/v1/recommendations?country=ISL&q=ombudsman").then()
                .body("items[0].uhriAnnotationId", equalTo(ExportServerTestResource.ISL_SCHEDULED_ID));
    }
}
