package org.opennrtd.recommendations;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.service.UrlImportService;
import org.opennrtd.recommendations.service.UrlImportService.PullResult;
import org.opennrtd.testing.PostgresTestResource;

/**
 * The daily pull of a UHRI export, run in sequence against a local export endpoint: a new file is imported, an
 * unchanged one (HTTP 304 to the conditional request) makes no import job, a changed one updates what changed, and a
 * failed pull is a FAILED import job that changes nothing and keeps the validators of the last file imported.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(value = ScheduledPullServerTestResource.class, restrictToAnnotatedClass = true)
class ScheduledPullTest {

    static final String PULL = "/api/v1/import-pulls/scheduled";
    static final String DAY_1_ETAG = "\"mng-2025-07-20\"";
    static final String DAY_1_MODIFIED = "Sun, 20 Jul 2025 08:00:00 GMT";
    static final String DAY_2_ETAG = "W/\"mng-2025-07-21\"";
    static final String DAY_2_MODIFIED = "Mon, 21 Jul 2025 08:00:00 GMT";
    static final String TORTURE = "5c2d7001-0000-4000-8000-000000000001";
    static final String HEALTH = "5c2d7002-0000-4000-8000-000000000002";

    @Inject
    UrlImportService urlImports;

    @Inject
    AgroalDataSource dataSource;


    /** The conditional headers of the one request a pull sent (null where absent) and the status answered. */
    record Received(String ifNoneMatch, String ifModifiedSince, int answered) {
    }

    private WireMock origin() {
        // Looked up, not injected: an injected property would be required of every test class the service starts for.
        return new WireMock("127.0.0.1", ConfigProvider.getConfig().getValue("scheduled-pull-server.port", Integer.class));
    }

    /**
     * From now on the export endpoint serves {@code content} with these validators, and answers 304 to a request
     * whose validators match them (If-None-Match first, as HTTP prescribes: If-Modified-Since counts only without it).
     */
    private void serve(byte[] content, String etag, String lastModified) {
        WireMock origin = origin();
        origin.resetMappings();
        origin.register(get(urlEqualTo(ScheduledPullServerTestResource.PATH)).atPriority(1)
                .withHeader("If-None-Match", com.github.tomakehurst.wiremock.client.WireMock.equalTo(etag))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", etag)));
        origin.register(get(urlEqualTo(ScheduledPullServerTestResource.PATH)).atPriority(2)
                .withHeader("If-None-Match", absent())
                .withHeader("If-Modified-Since", com.github.tomakehurst.wiremock.client.WireMock.equalTo(lastModified))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", etag)));
        origin.register(get(urlEqualTo(ScheduledPullServerTestResource.PATH)).atPriority(3)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("ETag", etag).withHeader("Last-Modified", lastModified).withBody(content)));
    }

    /** From now on the export endpoint answers every request with {@code status}. */
    private void fail(int status) {
        WireMock origin = origin();
        origin.resetMappings();
        origin.register(get(urlEqualTo(ScheduledPullServerTestResource.PATH))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/plain")
                        .withBody("The export is being regenerated.")));
    }

    /** Runs the configured pull and returns it with the one request it sent. */
    private Pulled pull() {
        origin().resetRequests();
        PullResult result = urlImports.pullConfigured();
        List<ServeEvent> events = origin().getServeEvents();
        assertEquals(1, events.size(), "one pull, one request");
        LoggedRequest request = events.get(0).getRequest();
        return new Pulled(result, new Received(header(request, "If-None-Match"), header(request, "If-Modified-Since"),
                events.get(0).getResponse().getStatus()));
    }

    private record Pulled(PullResult result, Received received) {
    }

    private static String header(LoggedRequest request, String name) {
        return request.containsHeader(name) ? request.getHeader(name) : null;
    }

    static byte[] day(int n) {
        return ImportFiles.resource("/fixtures/uhri/scheduled-pull-mng-" + n + ".json");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aDailyPullImportsOnlyChangedFilesAndRecordsFailuresWithoutForgettingTheLastFile() throws SQLException {
        // Day 1: a new file with validators is fetched without conditions, queued and applied.
        serve(day(1), DAY_1_ETAG, DAY_1_MODIFIED);
        Pulled first = pull();
        assertEquals(PullResult.Outcome.QUEUED, first.result().outcome());
        assertEquals(new Received(null, null, 200), first.received());
        UUID firstJob = first.result().jobId();
        JsonPath job = UrlImportTest.awaitJob(firstJob.toString());
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals("UHRI_JSON", job.getString("format"));
        assertEquals("scheduler", job.getString("createdBy"));
        assertEquals("MNG", job.getString("country"));
        assertEquals("export-full-en.json", job.getString("fileName"));
        assertEquals(2, job.getInt("created"), job.prettify());
        assertEquals("Extend primary health care to herder communities (Japan);", record(HEALTH).getString("text"));
        assertEquals("NOTED", record(HEALTH).getString("position"));
        assertEquals(1, scheduledJobs());

        // Day 2, the same file: the request carries both validators, the server answers 304, and nothing is done.
        List<String> before = recommendations();
        Pulled unchanged = pull();
        assertEquals(new PullResult(PullResult.Outcome.NOT_MODIFIED, null), unchanged.result());
        assertEquals(new Received(DAY_1_ETAG, DAY_1_MODIFIED, 304), unchanged.received());
        assertEquals(1, scheduledJobs(), "a 304 makes no import job");
        assertEquals(before, recommendations());
        given().when().get(PULL).then().statusCode(200)
                .body("lastStatus", equalTo("NOT_MODIFIED"))
                .body("etag", equalTo(DAY_1_ETAG))
                .body("lastModified", equalTo(DAY_1_MODIFIED))
                .body("fetchedJobId", equalTo(firstJob.toString()))
                .body("lastJobId", equalTo(firstJob.toString()));

        // Day 3, a changed file (new ETag): a new job updates the changed record and leaves the other as it was.
        serve(day(2), DAY_2_ETAG, DAY_2_MODIFIED);
        Pulled changed = pull();
        assertEquals(PullResult.Outcome.QUEUED, changed.result().outcome());
        assertEquals(new Received(DAY_1_ETAG, DAY_1_MODIFIED, 200), changed.received());
        UUID changedJob = changed.result().jobId();
        job = UrlImportTest.awaitJob(changedJob.toString());
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals(0, job.getInt("created"), job.prettify());
        assertEquals(1, job.getInt("updated"), job.prettify());
        assertEquals(1, job.getInt("unchanged"), job.prettify());
        assertEquals("Extend primary health care and mobile clinics to herder communities (Japan);",
                record(HEALTH).getString("text"));
        assertEquals("SUPPORTED", record(HEALTH).getString("position"));
        assertEquals("Establish a national preventive mechanism against torture (Denmark);",
                record(TORTURE).getString("text"));
        assertEquals(2, scheduledJobs());
        List<String> afterDay3 = recommendations();

        // Failures: each is a FAILED job saying why, changes no recommendation, and the next request still carries
        // the day-3 validators.
        fail(500);
        String failed = assertFailedPull("answered HTTP 500; nothing was imported.");
        JsonPath failedJob = given().when().get(ImportTest.IMPORTS + "/" + failed).then().statusCode(200)
                .body("sha256", nullValue()).extract().jsonPath();
        assertEquals("UHRI_JSON", failedJob.getString("format"), "no file: the format of the last file pulled");
        assertEquals(0, failedJob.getInt("rowsTotal"));
        given().when().get(PULL).then().statusCode(200)
                .body("fetchedJobId", equalTo(changedJob.toString()));

        byte[] maintenance = "<html><body><h1>Down for maintenance</h1></body></html>".getBytes(StandardCharsets.UTF_8);
        serve(maintenance, "\"maintenance\"", "Tue, 22 Jul 2025 08:00:00 GMT");
        failed = assertFailedPull("neither a spreadsheet, a Word document, JSON, nor CSV");
        given().when().get(ImportTest.IMPORTS + "/" + failed).then().statusCode(200)
                .body("sha256", equalTo(sha256(maintenance)));

        byte[] cut = Arrays.copyOf(day(2), day(2).length / 2);
        serve(cut, "\"mng-2025-07-22\"", "Tue, 22 Jul 2025 08:00:00 GMT");
        failed = assertFailedPull("the file is truncated");
        given().when().get(ImportTest.IMPORTS + "/" + failed).then().statusCode(200)
                .body("format", equalTo("UHRI_JSON"))
                .body("sha256", equalTo(sha256(cut)));

        // The test profile takes files of at most 2,000,000 bytes.
        serve(new byte[2_100_000], "\"mng-huge\"", "Wed, 23 Jul 2025 08:00:00 GMT");
        failed = assertFailedPull("larger than the 2000000 bytes an import takes");

        assertEquals(afterDay3, recommendations(), "failed pulls change no recommendation");
        assertEquals(6, scheduledJobs());

        // The day-3 file again: the stored validators are still day 3's, so the server answers 304.
        serve(day(2), DAY_2_ETAG, DAY_2_MODIFIED);
        Pulled again = pull();
        assertEquals(PullResult.Outcome.NOT_MODIFIED, again.result().outcome());
        assertEquals(new Received(DAY_2_ETAG, DAY_2_MODIFIED, 304), again.received());
        assertEquals(6, scheduledJobs());
        assertEquals(afterDay3, recommendations());
        JsonPath state = given().when().get(PULL).then().statusCode(200)
                .body("enabled", equalTo(false))
                .body("cron", equalTo("off"))
                .body("url", containsString(ScheduledPullServerTestResource.PATH))
                .body("country", equalTo("MNG"))
                .body("lastStatus", equalTo("NOT_MODIFIED"))
                .body("etag", equalTo(DAY_2_ETAG))
                .body("lastModified", equalTo(DAY_2_MODIFIED))
                .body("fetchedJobId", equalTo(changedJob.toString()))
                .body("lastJobId", equalTo(failed))
                .extract().jsonPath();
        assertNotNull(state.getString("lastCheckedAt"));
        assertNotNull(state.getString("fetchedAt"));
    }

    /**
     * Pulls, expecting a failure: the request carried the day-3 validators, a FAILED job requested by the scheduler
     * says why, and the stored validators are still day 3's. Returns the job's id.
     */
    private String assertFailedPull(String reason) {
        Pulled pulled = pull();
        assertEquals(PullResult.Outcome.FAILED, pulled.result().outcome());
        assertEquals(DAY_2_ETAG, pulled.received().ifNoneMatch(), "the stored ETag is the last imported file's");
        assertEquals(DAY_2_MODIFIED, pulled.received().ifModifiedSince());
        String id = pulled.result().jobId().toString();
        given().when().get(ImportTest.IMPORTS + "/" + id).then().statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("error", containsString(reason))
                .body("createdBy", equalTo(UrlImportService.SCHEDULER))
                .body("country", equalTo("MNG"))
                .body("fileName", equalTo("export-full-en.json"))
                .body("created", equalTo(0))
                .body("finishedAt", notNullValue());
        given().when().get(PULL).then().statusCode(200)
                .body("lastStatus", equalTo("FAILED"))
                .body("lastJobId", equalTo(id))
                .body("etag", equalTo(DAY_2_ETAG))
                .body("lastModified", equalTo(DAY_2_MODIFIED));
        return id;
    }

    @Test
    @TestSecurity(user = "coordinator-mng", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "MNG"))
    void onlyAnAdministratorReadsThePull() {
        given().when().get(PULL).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void readingThePullNeedsAToken() {
        given().when().get(PULL).then().statusCode(401).contentType("application/problem+json");
    }

    private JsonPath record(String annotationId) {
        JsonPath page = given().queryParam("country", "MNG").queryParam("limit", 100).when()
                .get("/api/v1/recommendations").then().statusCode(200).extract().jsonPath();
        String id = page.getString("items.find { it.uhriAnnotationId == '" + annotationId + "' }.id");
        assertNotNull(id, "no MNG record " + annotationId + ": " + page.prettify());
        return given().when().get("/api/v1/recommendations/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Mongolia's recommendations as stored: annotation, text, position and version of each. */
    private List<String> recommendations() throws SQLException {
        return strings("select concat_ws(' | ', uhri_annotation_id, text, position, version, updated_at)"
                + " from recommendation where country = 'MNG' order by uhri_annotation_id");
    }

    /** The import jobs the scheduler made for Mongolia (this test's pulls). */
    private long scheduledJobs() throws SQLException {
        return Long.parseLong(strings("select count(*) from import_job where created_by = 'scheduler'"
                + " and country = 'MNG'").get(0));
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
