package org.opennrtd.indicators.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opennrtd.common.jobs.JobRunner;
import org.opennrtd.common.replicas.ReplicaId;
import org.opennrtd.indicators.importing.ImportLimits;
import org.opennrtd.indicators.importing.ObservationFileReader;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.Racing;

/**
 * Observation imports survive the loss of the replica loading them and are loaded once when replicas race. The
 * scheduled poller is off in tests; each test polls itself, as every replica does. Country KEN.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ObservationImportJobsTest {

    @Inject
    JobRunner runner;

    @Inject
    ObservationImportJobs jobs;

    @Inject
    ObservationImportService service;

    @Inject
    ReplicaId replica;

    @Inject
    EntityManager em;

    static String csv(String code) {
        return String.join("\r\n", "INDICATOR,TIME_PERIOD,OBS_VALUE,SEX,OBS_STATUS",
                code + ",2019,41.5,_T,FINAL", code + ",2019,40,F,FINAL", code + ",2019,43,M,FINAL",
                code + ",2020,44.25,_T,PROVISIONAL", code + ",2021,45,_T,FINAL") + "\r\n";
    }

    @Test
    @TestSecurity(user = "coordinator-ken", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "KEN"))
    void anImportLeftRunningByADeadReplicaIsLoadedOnceByThePoller() {
        String indicator = indicator("KEN-J-1");
        UUID job = job("KEN-J-1", "RUNNING", "gone", 1);

        runner.poll(jobs);

        assertEquals("SUCCEEDED", value(job, "state"));
        assertEquals(2, ((Number) value(job, "attempts")).intValue());
        assertEquals(replica.value(), value(job, "claimed_by"));
        assertEquals(5, ((Number) value(job, "created")).intValue());
        assertEquals(5, observations(indicator));
        assertEquals(1, loads(job));

        runner.poll(jobs);
        assertEquals(2, ((Number) value(job, "attempts")).intValue(), "a finished job is not loaded again");
        assertEquals(5, observations(indicator));
        assertEquals(1, loads(job));
    }

    @Test
    @TestSecurity(user = "coordinator-ken", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "KEN"))
    void aQueuedImportIsLoadedOnceWithTwoPollersRacing() throws Exception {
        String indicator = indicator("KEN-J-2");
        UUID job = job("KEN-J-2", "QUEUED", null, 0);
        int ran = Racing.sumOf(2, () -> runner.poll(jobs));
        assertTrue(ran >= 1);
        assertEquals("SUCCEEDED", value(job, "state"));
        assertEquals(1, ((Number) value(job, "attempts")).intValue(), "loaded once");
        assertEquals(5, ((Number) value(job, "created")).intValue());
        assertEquals(5, observations(indicator));
        assertEquals(1, loads(job));
    }

    @Test
    @TestSecurity(user = "coordinator-ken", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "KEN"))
    void aMixedImportCopiesNewRowsAndReplacesChangedOnesWithAudit() {
        String indicator = indicator("KEN-J-3");
        UUID first = job("KEN-J-3", "QUEUED", null, 0);
        runner.poll(jobs);
        assertEquals(5, ((Number) value(first, "created")).intValue());
        // 2019 _T unchanged, 2019 F changed (value), 2020 _T changed (status and source), 2021 _T unchanged;
        // 2019 M left out; 2022 _T and 2022 F are new.
        String revised = String.join("\r\n", "INDICATOR,TIME_PERIOD,OBS_VALUE,SEX,OBS_STATUS,SOURCE",
                "KEN-J-3,2019,41.5,_T,FINAL,", "KEN-J-3,2019,40.5,F,FINAL,", "KEN-J-3,2020,44.25,_T,FINAL,Census",
                "KEN-J-3,2021,45,_T,FINAL,", "KEN-J-3,2022,46,_T,PROVISIONAL,", "KEN-J-3,2022,47,F,PROVISIONAL,") + "\r\n";
        UUID second = job(revised, "QUEUED");
        runner.poll(jobs);

        assertEquals("SUCCEEDED", value(second, "state"));
        assertEquals(2, ((Number) value(second, "created")).intValue());
        assertEquals(2, ((Number) value(second, "updated")).intValue());
        assertEquals(7, observations(indicator));
        assertEquals(List.of("2019||41.5|FINAL|null|0|" + first, "2019|F|40.5|FINAL|null|1|" + second,
                "2019|M|43.0|FINAL|null|0|" + first, "2020||44.25|FINAL|Census|1|" + second,
                "2021||45.0|FINAL|null|0|" + first, "2022||46.0|PROVISIONAL|null|0|" + second,
                "2022|F|47.0|PROVISIONAL|null|0|" + second), rows(indicator));
        assertEquals(List.of("{\"note\": null, \"value\": 40, \"period\": \"2019\", \"source\": null, \"status\": \"FINAL\","
                        + " \"dimensions\": \"SEX=F\", \"indicatorId\": \"" + indicator + "\"}"
                        + " -> {\"note\": null, \"value\": 40.5, \"period\": \"2019\", \"source\": null, \"status\": \"FINAL\","
                        + " \"dimensions\": \"SEX=F\", \"indicatorId\": \"" + indicator + "\"}",
                "{\"note\": null, \"value\": 44.25, \"period\": \"2020\", \"source\": null, \"status\": \"PROVISIONAL\","
                        + " \"dimensions\": \"\", \"indicatorId\": \"" + indicator + "\"}"
                        + " -> {\"note\": null, \"value\": 44.25, \"period\": \"2020\", \"source\": \"Census\","
                        + " \"status\": \"FINAL\", \"dimensions\": \"\", \"indicatorId\": \"" + indicator + "\"}"),
                audits(indicator));
        assertEquals(0L, ((Number) em.createNativeQuery("select count(*) from observation where import_job_id = ?1"
                + " and (version <> 0 or created_at <> updated_at) and period = '2022'").setParameter(1, second)
                .getSingleResult()).longValue(), "new rows are version 0, created when updated");
    }

    @Test
    @TestSecurity(user = "coordinator-ken", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "KEN"))
    void anIndicatorDeletedAfterTheCheckFailsTheWholeLoad() {
        String kept = indicator("KEN-J-4");
        String deleted = indicator("KEN-J-5");
        String file = String.join("\r\n", "INDICATOR,TIME_PERIOD,OBS_VALUE,SEX", "KEN-J-4,2019,1,_T", "KEN-J-4,2020,2,_T",
                "KEN-J-5,2019,3,_T", "KEN-J-4,2021,4,F") + "\r\n";
        UUID job = job(file, "QUEUED");
        delete(deleted);
        runner.poll(jobs);

        assertEquals("FAILED", value(job, "state"));
        assertEquals("Row 3 names an indicator that no longer exists.", value(job, "error"));
        assertEquals(0, observations(kept), "nothing of the file is stored");
    }

    // --- fixtures -----------------------------------------------------------------------------------------------

    static String indicator(String code) {
        Map<String, Object> m = new HashMap<>();
        m.put("code", code);
        m.put("countryCode", "KEN");
        m.put("name", "Net enrolment rate in secondary education (" + code + ")");
        m.put("definition", "Pupils of secondary-school age enrolled in secondary education, as a share of that age.");
        m.put("unit", "PERCENT");
        m.put("computationMethod", "Enrolled pupils of the age group divided by its population, times 100.");
        m.put("dataProvider", Map.of("institution", "NSO", "name", "National Statistics Office"));
        m.put("periodicity", "ANNUAL");
        m.put("dimensions", List.of("SEX"));
        m.put("sdgIndicators", List.of("4.1.2"));
        m.put("sdgTargets", List.of("4.1"));
        m.put("rights", List.of("EDUCATION"));
        m.put("rightAttributes", List.of());
        m.put("humanRightsIndicators", List.of());
        m.put("recommendationIds", List.of());
        m.put("actionIds", List.of());
        return given().contentType(ContentType.JSON).body(m).when().post("/api/v1/national-indicators")
                .then().statusCode(201).extract().path("id");
    }

    /** A job as submit() stores one: the checked rows as payload; then left in the given state. */
    UUID job(String code, String state, String claimedBy, int attempts) {
        return jobOf(csv(code), state, claimedBy, attempts);
    }

    UUID job(String file, String state) {
        return jobOf(file, state, null, 0);
    }

    UUID jobOf(String file, String state, String claimedBy, int attempts) {
        ObservationFileReader.Result read = new ObservationFileReader(new ImportLimits(1000, 2000))
                .read(file.getBytes(StandardCharsets.UTF_8), "text/csv", service.catalogue("KEN"));
        assertTrue(read.problems().isEmpty(), read.problems().toString());
        return insert(read, state, claimedBy, attempts);
    }

    @Transactional
    UUID insert(ObservationFileReader.Result read, String state, String claimedBy, int attempts) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into observation_import_job (id, state, format, country, sha256, rows_total,"
                        + " payload, created_by, created_at, claimed_by, attempts) values (?1, ?2, ?3, 'KEN', 'test', ?4,"
                        + " ?5, 'coordinator-ken', ?6, ?7, ?8)")
                .setParameter(1, id).setParameter(2, state).setParameter(3, read.format().name())
                .setParameter(4, read.rows()).setParameter(5, read.payload()).setParameter(6, OffsetDateTime.now())
                .setParameter(7, claimedBy).setParameter(8, attempts).executeUpdate();
        return id;
    }

    @Transactional
    Object value(UUID id, String column) {
        return em.createNativeQuery("select " + column + " from observation_import_job where id = ?1")
                .setParameter(1, id).getSingleResult();
    }

    @Transactional
    long observations(String indicator) {
        return ((Number) em.createNativeQuery("select count(*) from observation where indicator_id = ?1")
                .setParameter(1, UUID.fromString(indicator)).getSingleResult()).longValue();
    }

    /** period|codes|value|status|source|version|job of each observation, in period and code order. */
    @Transactional
    List<String> rows(String indicator) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select period, coalesce(dims->>'SEX', ''), value, status, source,"
                + " version, import_job_id from observation where indicator_id = ?1 order by period, dims_key")
                .setParameter(1, UUID.fromString(indicator)).getResultList();
        return rows.stream().map(r -> r[0] + "|" + r[1] + "|" + r[2] + "|" + r[3] + "|" + r[4] + "|" + r[5] + "|" + r[6])
                .toList();
    }

    /** before -> after of each IMPORT_UPDATE audit entry of the indicator's observations, in period order. */
    @Transactional
    List<String> audits(String indicator) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select a.before_state::text, a.after_state::text from audit_event a"
                + " join observation o on o.id = a.resource_id where a.action = 'IMPORT_UPDATE' and o.indicator_id = ?1"
                + " order by o.period, o.dims_key desc").setParameter(1, UUID.fromString(indicator)).getResultList();
        return rows.stream().map(r -> r[0] + " -> " + r[1]).toList();
    }

    @Transactional
    void delete(String indicator) {
        em.createNativeQuery("delete from national_indicator where id = ?1").setParameter(1, UUID.fromString(indicator))
                .executeUpdate();
    }

    @Transactional
    long loads(UUID job) {
        return ((Number) em.createNativeQuery("select count(*) from audit_event where resource_id = ?1 and action = 'LOAD'")
                .setParameter(1, job).getSingleResult()).longValue();
    }
}
