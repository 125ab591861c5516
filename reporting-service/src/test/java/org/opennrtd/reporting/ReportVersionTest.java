package org.opennrtd.reporting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/**
 * Stored versions: immutable (no update or delete, over HTTP or in SQL), checksummed, listed per country,
 * compared; jobs fail cleanly without a version when a service is down or slow.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(UpstreamServicesTestResource.class)
class ReportVersionTest {

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @Inject
    AgroalDataSource dataSource;

    WireMockServer upstream;

    @BeforeEach
    void stubUpstreams() {
        upstream = UpstreamServicesTestResource.server();
        upstream.resetAll();
        circuitBreakers.resetAll();
        ReportFixtures.stub(upstream, "BEL", ReportFixtures.known());
        ReportFixtures.stub(upstream, "NLD", ReportFixtures.known());
        ReportFixtures.stub(upstream, "LUX", ReportFixtures.known());
    }

    static JsonPath run(String body) {
        String jobId = given().contentType("application/json").body(body)
                .when().post("/api/v1/report-jobs").then().statusCode(202).extract().path("id");
        return ReportFixtures.awaitJob(jobId);
    }

    @Test
    @TestSecurity(user = "coordinator-bel", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "BEL"))
    void aVersionIsStoredWithItsChecksumParametersSnapshotAndRequester() throws Exception {
        JsonPath job = run(ReportFixtures.request("SDG_VNR_ANNEX", "JSON", "BEL", "\"language\":\"es\""));
        assertEquals("SUCCEEDED", job.getString("state"));
        String id = job.getString("reportId");

        byte[] content = given().when().get("/api/v1/reports/" + id + "/content")
                .then().statusCode(200).contentType("application/json")
                .header("Content-Disposition", containsString("attachment; filename=\"opennrtd-sdg-vnr-annex-BEL-es-"))
                .extract().asByteArray();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));

        given().when().get("/api/v1/reports/" + id)
                .then().statusCode(200)
                .header("ETag", "\"" + sha + "\"")
                .body("sha256", equalTo(sha))
                .body("sizeBytes", equalTo(content.length))
                .body("jobId", equalTo(job.getString("id")))
                .body("createdBy", equalTo("coordinator-bel"))
                .body("snapshotAt", notNullValue())
                .body("contentType", equalTo("application/json"))
                .body("parameters.type", equalTo("SDG_VNR_ANNEX"))
                .body("parameters.country", equalTo("BEL"))
                .body("parameters.language", equalTo("es"))
                .body("statusCounts.find { it.dimension == 'SDG_GOAL' && it.key == '5' }.count", equalTo(3));

        // the same bytes every time
        byte[] again = given().when().get("/api/v1/reports/" + id + "/content").then().statusCode(200)
                .extract().asByteArray();
        assertArrayEquals(content, again);
        // the audit trail names the requester
        assertEquals(List.of("coordinator-bel"), sql("select actor from audit_event where resource_type = 'report'"
                + " and resource_id = ?", UUID.fromString(id)));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void versionsCannotBeChangedOrDeleted() throws Exception {
        String id = run(ReportFixtures.request("UPR_MID_TERM", "HTML", "BEL", null)).getString("reportId");
        given().contentType("application/json").body("{}").when().put("/api/v1/reports/" + id)
                .then().statusCode(405);
        given().when().delete("/api/v1/reports/" + id).then().statusCode(405);
        given().when().delete("/api/v1/reports/" + id + "/content").then().statusCode(405);

        // not even the database lets the row change
        SQLException update = assertThrows(SQLException.class, () -> sql(
                "update report_version set format = 'PDF' where id = ? returning id", UUID.fromString(id)));
        assertTrue(update.getMessage().contains("immutable"), update.getMessage());
        SQLException delete = assertThrows(SQLException.class, () -> sql(
                "delete from report_version where id = ? returning id", UUID.fromString(id)));
        assertTrue(delete.getMessage().contains("immutable"), delete.getMessage());
        given().when().get("/api/v1/reports/" + id).then().statusCode(200).body("parameters.format", equalTo("HTML"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void theComparisonShowsWhatChangedInTheCountsSinceTheEarlierVersion() {
        String first = run(ReportFixtures.request("UPR_MID_TERM", "JSON", "LUX", null)).getString("reportId");
        // the State supports the noted recommendation; a new one on education is added
        List<ReportFixtures.Rec> changed = new ArrayList<>(ReportFixtures.known());
        ReportFixtures.Rec noted = changed.get(2);
        changed.set(2, new ReportFixtures.Rec(noted.mechanism(), noted.body(), noted.symbol(), noted.paragraph(),
                noted.cycle(), "SUPPORTED", noted.theme(), noted.goals(), noted.text()));
        changed.add(new ReportFixtures.Rec("UPR", "UPR", "A/HRC/52/10", "1.5", 4, "SUPPORTED", "Education",
                List.of(4), "Train teachers in inclusive education"));
        upstream.resetAll();
        ReportFixtures.stub(upstream, "LUX", changed);
        // another format of the same report is the next version of it
        String second = run(ReportFixtures.request("UPR_MID_TERM", "PDF", "LUX", null)).getString("reportId");

        JsonPath cmp = given().when().get("/api/v1/reports/" + second + "/comparison")
                .then().statusCode(200)
                .body("reportId", equalTo(second))
                .body("baselineId", equalTo(first))
                .extract().jsonPath();
        assertEquals(Map.of("before", 2, "after", 4, "delta", 2), change(cmp, "POSITION", "SUPPORTED"));
        assertEquals(Map.of("before", 1, "after", 0, "delta", -1), change(cmp, "POSITION", "NOTED"));
        assertEquals(Map.of("before", 1, "after", 2, "delta", 1), change(cmp, "THEME", "Education"));
        assertEquals(Map.of("before", 1, "after", 2, "delta", 1), change(cmp, "SDG_GOAL", "4"));
        assertEquals(Map.of("before", 4, "after", 5, "delta", 1), change(cmp, "BODY", "UPR"));
        assertEquals(5, cmp.getList("changes").size(), "unchanged counts are left out");

        // an explicit baseline; and the first version compares with nothing
        given().when().get("/api/v1/reports/" + first + "/comparison?baseline=" + second)
                .then().statusCode(200).body("changes.find { it.key == 'NOTED' }.delta", equalTo(1));
        given().when().get("/api/v1/reports/" + first + "/comparison")
                .then().statusCode(200).body("baselineId", nullValue())
                .body("changes.find { it.key == 'SUPPORTED' }.after", equalTo(2));
        // a different kind of report is not a baseline
        String other = run(ReportFixtures.request("TREATY_BODY_FOLLOW_UP", "JSON", "LUX", null)).getString("reportId");
        given().when().get("/api/v1/reports/" + second + "/comparison?baseline=" + other)
                .then().statusCode(422).contentType("application/problem+json");
    }

    private static Map<String, Object> change(JsonPath cmp, String dimension, String key) {
        Map<String, Object> c = cmp.getMap("changes.find { it.dimension == '" + dimension + "' && it.key == '" + key
                + "' }");
        return Map.of("before", c.get("before"), "after", c.get("after"), "delta", c.get("delta"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aStoppedServiceMakesTheJobWaitWithA503ProblemAndStoresNothing() throws Exception {
        upstream.stubFor(get(urlPathEqualTo(ReportFixtures.RECOMMENDATIONS)).atPriority(1)
                .willReturn(aResponse().withStatus(503)));
        JsonPath job = run(ReportFixtures.request("UPR_MID_TERM", "PDF", "NLD", null));
        // It runs again later (ReportJobsTest follows a wait to its end); meanwhile it says why it waits.
        assertEquals("QUEUED", job.getString("state"));
        assertEquals("WAITING_FOR_DEPENDENCY", job.getString("stage"));
        assertEquals(503, job.getInt("error.status"));
        assertTrue(job.getString("error.type").endsWith("/dependency-unavailable"));
        assertTrue(job.getString("error.detail").contains("recommendations-service"), job.getString("error.detail"));
        assertEquals(null, job.getString("reportId"));
        assertEquals(List.of(), sql("select id from report_version where job_id = ?", UUID.fromString(job.getString("id"))));
        // retried before giving up
        upstream.verify(3, getRequestedFor(urlPathEqualTo(ReportFixtures.RECOMMENDATIONS)));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aSlowServiceTimesOutAndTheJobWaitsWithoutAVersion() throws Exception {
        // The test profile's read timeout is 1 s; the indicators service would answer after 3 s.
        upstream.stubFor(get(urlPathEqualTo(ReportFixtures.FRAMEWORK)).atPriority(1)
                .willReturn(okJson("{}").withFixedDelay(3000)));
        JsonPath job = run(ReportFixtures.request("SDG_VNR_ANNEX", "DOCX", "NLD", null));
        assertEquals("QUEUED", job.getString("state"));
        assertEquals("WAITING_FOR_DEPENDENCY", job.getString("stage"));
        assertEquals(503, job.getInt("error.status"));
        assertTrue(job.getString("error.detail").contains("indicators-service"), job.getString("error.detail"));
        assertEquals(List.of(), sql("select id from report_version where job_id = ?", UUID.fromString(job.getString("id"))));
    }

    @Test
    @TestSecurity(user = "coordinator-bel", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "BEL"))
    void aCoordinatorAsksAndSeesReportsOfTheirCountryOnly() {
        String own = run(ReportFixtures.request("TREATY_BODY_FOLLOW_UP", "HTML", "BEL", null)).getString("id");
        given().contentType("application/json").body(ReportFixtures.request("UPR_MID_TERM", "HTML", "NLD", null))
                .when().post("/api/v1/report-jobs")
                .then().statusCode(403).contentType("application/problem+json");
        given().when().get("/api/v1/reports?country=NLD").then().statusCode(403);
        given().when().get("/api/v1/reports?limit=100")
                .then().statusCode(200)
                .body("items.parameters.country", org.hamcrest.Matchers.everyItem(equalTo("BEL")))
                .body("page.limit", equalTo(100));
        given().when().get("/api/v1/report-jobs").then().statusCode(200).body("items.id", hasItem(own));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void reportsOfAnotherCountryAreNotFoundForOthersAndListsPageAndFilter() {
        String id = run(ReportFixtures.request("ACTION_PLAN_PROGRESS", "JSON", "NLD", null)).getString("reportId");
        given().when().get("/api/v1/reports?country=NLD&type=ACTION_PLAN_PROGRESS&format=JSON&limit=1&sort=-createdAt")
                .then().statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(id))
                .body("page.total", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        given().when().get("/api/v1/reports?sort=title").then().statusCode(400).contentType("application/problem+json");
        given().when().get("/api/v1/reports?limit=101").then().statusCode(400);
        given().when().get("/api/v1/reports/" + UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void badRequestsAreProblemsAndQueueNothing() throws Exception {
        long before = (long) sql("select count(*) from report_job", null).get(0);
        given().contentType("application/json").body("{\"type\":\"UPR_MID_TERM\",\"country\":\"BEL\"}")
                .when().post("/api/v1/report-jobs").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(containsString("format")));
        given().contentType("application/json").body(ReportFixtures.request("UPR_MID_TERM", "ODT", "BEL", null))
                .when().post("/api/v1/report-jobs").then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/json").body(ReportFixtures.request("UPR_MID_TERM", "PDF", "BEL",
                        "\"language\":\"de\"")).when().post("/api/v1/report-jobs").then().statusCode(400);
        given().contentType("application/json").body(ReportFixtures.request("SDG_VNR_ANNEX", "PDF", "BEL",
                        "\"uprCycle\":3")).when().post("/api/v1/report-jobs").then().statusCode(400)
                .body("violations.field", hasItem("body.uprCycle"));
        given().contentType("application/json").body(ReportFixtures.request("UPR_MID_TERM", "PDF", "BEL",
                        "\"periodFrom\":\"2025-01-01\",\"periodTo\":\"2024-01-01\""))
                .when().post("/api/v1/report-jobs").then().statusCode(400);
        given().contentType("text/plain").body("x").when().post("/api/v1/report-jobs").then().statusCode(415);
        assertEquals(before, (long) sql("select count(*) from report_job", null).get(0));
    }

    @Test
    @TestSecurity(user = "ngo", roles = "civil-society")
    @OidcSecurity(claims = @Claim(key = "country", value = "BEL"))
    void civilSocietyReadsReportsButDoesNotAskForThem() {
        given().contentType("application/json").body(ReportFixtures.request("UPR_MID_TERM", "HTML", "BEL", null))
                .when().post("/api/v1/report-jobs").then().statusCode(403).contentType("application/problem+json");
        given().when().get("/api/v1/reports").then().statusCode(200);
    }

    @Test
    void withoutATokenEveryReportEndpointIsUnauthorized() {
        String id = UUID.randomUUID().toString();
        given().contentType("application/json").body(ReportFixtures.request("UPR_MID_TERM", "HTML", "BEL", null))
                .when().post("/api/v1/report-jobs").then().statusCode(401);
        for (String path : List.of("/api/v1/report-jobs", "/api/v1/report-jobs/" + id, "/api/v1/reports",
                "/api/v1/reports/" + id, "/api/v1/reports/" + id + "/content", "/api/v1/reports/" + id + "/comparison")) {
            given().when().get(path).then().statusCode(401).contentType("application/problem+json");
        }
    }

    private List<Object> sql(String query, UUID parameter) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            if (parameter != null) {
                s.setObject(1, parameter);
            }
            List<Object> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getObject(1));
                }
            }
            return rows;
        }
    }
}
