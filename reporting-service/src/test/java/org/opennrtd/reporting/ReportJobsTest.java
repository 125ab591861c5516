package org.opennrtd.reporting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opennrtd.common.jobs.JobRunner;
import org.opennrtd.common.replicas.ReplicaId;
import org.opennrtd.reporting.service.ReportJobs;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.Racing;

/**
 * Report jobs survive the loss of the instance running them and run once when instances race. The scheduled poller
 * is off in tests; each test polls itself, as every instance does. Country URY.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(UpstreamServicesTestResource.class)
class ReportJobsTest {

    static final String COUNTRY = "URY";

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    @Inject
    JobRunner runner;

    @Inject
    ReportJobs jobs;

    @Inject
    ReplicaId replica;

    @Inject
    EntityManager em;

    @BeforeEach
    void stubUpstreams() {
        WireMockServer upstream = UpstreamServicesTestResource.server();
        upstream.resetAll();
        circuitBreakers.resetAll();
        ReportFixtures.stub(upstream, COUNTRY, ReportFixtures.known());
    }

    @Test
    @TestSecurity(user = "admin-ury", roles = "admin")
    void aJobLeftRunningByADeadInstanceIsFinishedOnceByThePoller() {
        UUID job = copyOf(generated(), "RUNNING", "gone", 1);

        runner.poll(jobs);

        JsonPath finished = given().when().get("/api/v1/report-jobs/" + job).then().statusCode(200).extract().jsonPath();
        assertEquals("SUCCEEDED", finished.getString("state"), finished.prettify());
        assertEquals(100, finished.getInt("progress"));
        assertEquals(2, ((Number) value(job, "attempts")).intValue());
        assertEquals(replica.value(), value(job, "claimed_by"));
        assertEquals(1, count("select count(*) from report_version where job_id = ?1", job));
        assertEquals(1, count("select count(*) from audit_event a join report_version v on v.id = a.resource_id"
                + " where v.job_id = ?1 and a.action = 'CREATE'", job));
        given().when().get("/api/v1/reports/" + finished.getString("reportId") + "/content").then().statusCode(200);

        runner.poll(jobs);
        assertEquals(2, ((Number) value(job, "attempts")).intValue(), "a finished job is not run again");
        assertEquals(1, count("select count(*) from report_version where job_id = ?1", job));
    }

    @Test
    @TestSecurity(user = "admin-ury", roles = "admin")
    void aQueuedJobRunsOnceWithTwoPollersRacing() throws Exception {
        UUID job = copyOf(generated(), "QUEUED", null, 0);
        int ran = Racing.sumOf(2, () -> runner.poll(jobs));
        assertTrue(ran >= 1);
        assertEquals("SUCCEEDED", value(job, "state"));
        assertEquals(1, ((Number) value(job, "attempts")).intValue(), "run once");
        assertEquals(1, count("select count(*) from report_version where job_id = ?1", job));
        assertEquals(1, count("select count(*) from audit_event a join report_version v on v.id = a.resource_id"
                + " where v.job_id = ?1 and a.action = 'CREATE'", job));
    }

    @Test
    @TestSecurity(user = "admin-ury", roles = "admin")
    void aJobWhoseAttemptsAreUsedUpFailsWithAClearReason() {
        UUID job = copyOf(generated(), "RUNNING", "gone", 3);

        runner.poll(jobs);

        JsonPath failed = given().when().get("/api/v1/report-jobs/" + job).then().statusCode(200).extract().jsonPath();
        assertEquals("FAILED", failed.getString("state"), failed.prettify());
        assertTrue(failed.prettify().contains("not tried again"), failed.prettify());
        assertEquals(0, count("select count(*) from report_version where job_id = ?1", job));
    }

    @Test
    @TestSecurity(user = "admin-ury", roles = "admin")
    void aJobWhoseDependencyIsDownWaitsAndRunsOnceItIsBack() {
        UUID model = generated();
        WireMockServer upstream = UpstreamServicesTestResource.server();
        upstream.resetAll();
        upstream.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "5")));
        UUID job = copyOf(model, "QUEUED", null, 0);

        runner.poll(jobs);

        JsonPath waiting = given().when().get("/api/v1/report-jobs/" + job).then().statusCode(200).extract().jsonPath();
        assertEquals("QUEUED", waiting.getString("state"), waiting.prettify());
        assertEquals("WAITING_FOR_DEPENDENCY", waiting.getString("stage"));
        assertEquals(503, waiting.getInt("error.status"));
        assertTrue(OffsetDateTime.parse(waiting.getString("retryAt")).isAfter(OffsetDateTime.now()), waiting.prettify());
        assertEquals(1, count("select count(*) from audit_event where resource_id = ?1 and action = 'WAIT_FOR_DEPENDENCY'",
                job));
        assertEquals(0, ((Number) value(job, "attempts")).intValue(), "a wait is not an attempt lost to a dead instance");

        // Before its time, no poller takes it, even with the dependency back.
        stubUpstreams();
        runner.poll(jobs);
        assertEquals("QUEUED", value(job, "state"));

        moveRetryTimeToThePast(job);
        runner.poll(jobs);

        JsonPath done = given().when().get("/api/v1/report-jobs/" + job).then().statusCode(200).extract().jsonPath();
        assertEquals("SUCCEEDED", done.getString("state"), done.prettify());
        assertNull(done.get("error"));
        assertNull(done.get("retryAt"));
        assertEquals(1, count("select count(*) from report_version where job_id = ?1", job));
    }

    @Test
    @TestSecurity(user = "admin-ury", roles = "admin")
    void aJobFailsWithTheDependencysErrorOnceItsWaitsAreUsedUp() {
        UUID model = generated();
        WireMockServer upstream = UpstreamServicesTestResource.server();
        upstream.resetAll();
        upstream.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
        UUID job = copyOf(model, "QUEUED", null, 0);
        setDependencyRetries(job, 6);

        runner.poll(jobs);

        JsonPath failed = given().when().get("/api/v1/report-jobs/" + job).then().statusCode(200).extract().jsonPath();
        assertEquals("FAILED", failed.getString("state"), failed.prettify());
        assertEquals(503, failed.getInt("error.status"));
        assertTrue(failed.getString("error.detail").contains("recommendations-service")
                || failed.getString("error.detail").contains("indicators-service"), failed.prettify());
        assertEquals(0, count("select count(*) from report_version where job_id = ?1", job));
    }

    // --- fixtures -----------------------------------------------------------------------------------------------

    /** A job asked for through the API and run to its end (its parameters are what a new job needs). */
    static UUID generated() {
        String id = given().contentType("application/json")
                .body(ReportFixtures.request("UPR_MID_TERM", "JSON", COUNTRY, null))
                .when().post("/api/v1/report-jobs").then().statusCode(202).extract().path("id");
        assertEquals("SUCCEEDED", ReportFixtures.awaitJob(id).getString("state"));
        return UUID.fromString(id);
    }

    /** A new job with the parameters of {@code model}, left as a dead instance (or a request) would leave it. */
    @Transactional
    UUID copyOf(UUID model, String state, String claimedBy, int attempts) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into report_job (id, state, progress, stage, report_type, format, country, language,"
                        + " parameters, created_by, created_at, started_at, claimed_by, attempts)"
                        + " select ?1, ?2, case when ?2 = 'RUNNING' then 40 else 0 end,"
                        + " case when ?2 = 'RUNNING' then 'COLLECTING' end, report_type, format, country, language,"
                        + " parameters, created_by, now(), case when ?2 = 'RUNNING' then now() end, ?3, ?4"
                        + " from report_job where id = ?5")
                .setParameter(1, id).setParameter(2, state).setParameter(3, claimedBy).setParameter(4, attempts)
                .setParameter(5, model).executeUpdate();
        return id;
    }

    /** Moves the job's waiting time to the past, as if it had passed. */
    @Transactional
    void moveRetryTimeToThePast(UUID id) {
        em.createNativeQuery("update report_job set retry_at = now() - interval '1 second' where id = ?1")
                .setParameter(1, id).executeUpdate();
    }

    @Transactional
    void setDependencyRetries(UUID id, int retries) {
        em.createNativeQuery("update report_job set dependency_retries = ?2 where id = ?1")
                .setParameter(1, id).setParameter(2, retries).executeUpdate();
    }

    @Transactional
    Object value(UUID id, String column) {
        return em.createNativeQuery("select " + column + " from report_job where id = ?1").setParameter(1, id)
                .getSingleResult();
    }

    @Transactional
    long count(String sql, UUID id) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, id).getSingleResult()).longValue();
    }
}
