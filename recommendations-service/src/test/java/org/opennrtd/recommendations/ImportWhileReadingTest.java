package org.opennrtd.recommendations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.service.ImportJobs;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.Racing;

/**
 * An upload is applied while it is still being read: the receiving replica loads rows, in the job's own
 * transaction, as the reader hands them over. What that must not change: a file found bad after rows were loaded
 * leaves nothing behind; a failure in the database fails the job and leaves nothing; two imports of one new State
 * create it once; an upload waits queued, holding nothing, while another file is applied.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ImportWhileReadingTest {

    @Inject
    AgroalDataSource dataSource;

    /**
     * A UHRI CSV of {@code rows} UPR recommendations to {@code country} (a name, as UHRI writes it); the record numbered
     * {@code odd} (1 = the first, in row 2) has {@code oddText} appended to its text and {@code oddPosition} as position.
     */
    static byte[] file(String country, int rows, int odd, String oddText, String oddPosition) {
        return file(country, rows, 0, odd, oddText, oddPosition, "2024-03-15");
    }

    /** {@code rows} supported recommendations to {@code country}, their ids and texts distinct for each variant. */
    static byte[] file(String country, int rows, int variant) {
        return file(country, rows, variant, 0, "", "", "");
    }

    private static byte[] file(String country, int rows, int variant, int odd, String oddText, String oddPosition,
            String oddDate) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(ImportFiles.UHRI_HEADER);
        for (int i = 1; i <= rows; i++) {
            String text = "Recommendation " + (variant == 0 ? "" : variant + "-") + i + " to " + country + ": ensure access to safe drinking water and"
                    + " sanitation in the outer islands, district " + (i % 13) + (i == odd ? oddText : "");
            lines.add(List.of(text, country, "UPR", "A/HRC/55/9", "- Right to water and sanitation", "- Persons living in"
                    + " rural areas", "- 6.1 - Safe and affordable drinking water", i == odd ? oddDate : "2024-03-15", "- Chile",
                    i == odd ? oddPosition : "Supported", "Recommendation",
                    UUID.nameUUIDFromBytes((country + (variant == 0 ? "" : "-" + variant + "-") + i)
                            .getBytes(StandardCharsets.UTF_8)).toString(), "46", "- Oceania"));
        }
        return ImportFiles.csv(',', lines).getBytes(StandardCharsets.UTF_8);
    }

    static Response post(byte[] csv) {
        return given().multiPart("file", "uhri.csv", csv, "text/csv").when().post(ImportTest.IMPORTS);
    }

    static JsonPath finished(String jobId) {
        JsonPath[] job = new JsonPath[1];
        await(() -> {
            job[0] = given().when().get(ImportTest.IMPORTS + "/" + jobId).then().statusCode(200).extract().jsonPath();
            return List.of("SUCCEEDED", "FAILED").contains(job[0].getString("state"));
        });
        return job[0];
    }

    static void await(BooleanSupplier condition) {
        for (int i = 0; i < 600; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("not within a minute");
    }

    @Test
    @TestSecurity(user = "importer-fji", roles = "admin")
    void aFileFoundBadAfterRowsWereLoadedLeavesNothingBehind() throws SQLException {
        long inserted = insertedSoFar();
        // Row 4,500 has a date no one can read: the reader finds it after 4,498 rows went to the worker.
        post(file("Fiji", 4500, 0, 4499, "", "Supported", "the 3rd of never")).then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("row 4500"))
                .body("detail", containsString("3rd of never"));
        // Rows were loaded before the refusal (PostgreSQL counts inserted rows, rolled back or not, and reports
        // them within seconds) ...
        await(() -> insertedSoFar() >= inserted + 256);
        // ... and none of them, nor a job, nor an audit entry, is left.
        assertEquals(0, number("select count(*) from recommendation where country = 'FJI'"));
        assertEquals(0, number("select count(*) from import_job where created_by = 'importer-fji'"));
        assertEquals(0, number("select count(*) from audit_event where actor = 'importer-fji'"));

        // Nothing is left locked either: the file put right imports at once.
        JsonPath job = finished(post(file("Fiji", 4500, 4499, "", "Noted")).then().statusCode(202).extract().path("id"));
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals(4500, job.getInt("created"));
        assertEquals(4500, number("select count(*) from recommendation where country = 'FJI'"));
        assertEquals(1, number("select count(*) from recommendation where country = 'FJI' and position = 'NOTED'"));
        assertEquals(4500, number("select count(*) from audit_event where actor = 'importer-fji' and action = 'IMPORT_CREATE'"));
    }

    @Test
    @TestSecurity(user = "importer-wsm", roles = "admin")
    void aDatabaseFailureWhileLoadingFailsTheJobAndLeavesNothing() throws SQLException {
        execute("create function refuse_marked_text() returns trigger language plpgsql as"
                + " $$ begin raise exception 'refused by the test'; end $$");
        execute("create trigger refuse_marked_text before insert on recommendation for each row"
                + " when (new.text like '%REFUSED-BY-THE-DATABASE%') execute function refuse_marked_text()");
        try {
            String id = post(file("Samoa", 1500, 1200, " REFUSED-BY-THE-DATABASE", "Supported")).then().statusCode(202)
                    .extract().path("id");
            JsonPath job = finished(id);
            assertEquals("FAILED", job.getString("state"), job.prettify());
            assertEquals("The import failed and was rolled back.", job.getString("error"));
            assertEquals(0, number("select count(*) from recommendation where country = 'WSM'"));
            assertEquals(0, number("select count(*) from audit_event where actor = 'importer-wsm' and action = 'IMPORT_CREATE'"));
            Map<String, Object> row = row("select attempts, claimed_by, payload is null as dropped from import_job where id = '"
                    + id + "'");
            assertEquals(1, row.get("attempts"), "applied once, by the replica that read it");
            assertNotNull(row.get("claimed_by"));
            assertEquals(true, row.get("dropped"), "a finished job keeps no rows");
        } finally {
            execute("drop trigger refuse_marked_text on recommendation");
            execute("drop function refuse_marked_text()");
        }
    }

    @Test
    @TestSecurity(user = "importer-vut", roles = "admin")
    void twoImportsOfOneNewStateAtOnceCreateItOnce() throws Exception {
        byte[] csv = file("Vanuatu", 800, 0, "", "");
        ConcurrentLinkedQueue<String> jobs = new ConcurrentLinkedQueue<>();
        int accepted = Racing.sumOf(2, () -> {
            Response response = post(csv);
            jobs.add(response.path("id"));
            return response.statusCode();
        });
        assertEquals(2 * 202, accepted);
        List<JsonPath> done = jobs.stream().map(ImportWhileReadingTest::finished).toList();
        done.forEach(job -> assertEquals("SUCCEEDED", job.getString("state"), job.prettify()));
        assertEquals(800, done.stream().mapToInt(j -> j.getInt("created")).sum(), "one of them created the State's rows");
        assertEquals(800, done.stream().mapToInt(j -> j.getInt("unchanged")).sum(), "the other found them unchanged");
        assertEquals(800, number("select count(*) from recommendation where country = 'VUT'"));
        assertEquals(800, number("select count(*) from audit_event a join recommendation r on r.id = a.resource_id"
                + " where r.country = 'VUT' and a.action = 'IMPORT_CREATE'"));
    }

    @Test
    @TestSecurity(user = "importer-plw", roles = "admin")
    void anUploadWaitsQueuedWhileAnotherFileIsApplied() throws SQLException {
        try (Connection other = dataSource.getConnection(); Statement st = other.createStatement()) {
            // Another file being applied holds this lock until its transaction ends.
            st.execute("select pg_advisory_lock(" + ImportJobs.APPLY_LOCK + ")");
            String id;
            try {
                Response accepted = post(file("Palau", 300, 0, "", ""));
                accepted.then().statusCode(202);
                id = accepted.path("id");
                assertEquals("QUEUED", accepted.path("state"), "it waits for its turn in the database");
                assertEquals(0, number("select attempts from import_job where id = '" + id + "'"));
                assertEquals(0, number("select count(*) from recommendation where country = 'PLW'"));
            } finally {
                st.execute("select pg_advisory_unlock(" + ImportJobs.APPLY_LOCK + ")");
            }
            // The next poll applies it from the rows stored with the job.
            JsonPath job = finished(id);
            assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
            assertEquals(300, job.getInt("created"));
            assertEquals(300, number("select count(*) from recommendation where country = 'PLW'"));
        }
    }

    @Test
    @TestSecurity(user = "importer-tuv", roles = "admin")
    void aJobThatNeverFinishesIsGivenUpAfterThreeAttempts() throws SQLException {
        try (Connection other = dataSource.getConnection(); Statement st = other.createStatement()) {
            st.execute("select pg_advisory_lock(" + ImportJobs.APPLY_LOCK + ")");
            String id;
            try {
                Response accepted = post(file("Tuvalu", 50, 0, "", ""));
                accepted.then().statusCode(202);
                id = accepted.path("id");
                // As three replicas that each died while applying it (out of memory, killed) would leave it.
                st.execute("update import_job set state = 'RUNNING', attempts = 3, claimed_by = 'gone'"
                        + " where id = '" + id + "'");
            } finally {
                st.execute("select pg_advisory_unlock(" + ImportJobs.APPLY_LOCK + ")");
            }
            JsonPath job = finished(id);
            assertEquals("FAILED", job.getString("state"), job.prettify());
            assertTrue(job.getString("error").contains("attempted 3 times"), job.getString("error"));
            assertEquals(4, number("select attempts from import_job where id = '" + id + "'"));
            assertEquals(0, number("select count(*) from recommendation where country = 'TUV'"));
        }
    }

    @Test
    @TestSecurity(user = "importer-kir", roles = "admin")
    void manyUploadsWhileAnotherFileIsAppliedAllQueueAndAllApply() throws Exception {
        // More uploads at once than the service has database connections (20): none may hold one while it waits.
        int uploads = 25;
        AtomicInteger variant = new AtomicInteger();
        ConcurrentLinkedQueue<String> jobs = new ConcurrentLinkedQueue<>();
        try (Connection other = dataSource.getConnection(); Statement st = other.createStatement()) {
            st.execute("select pg_advisory_lock(" + ImportJobs.APPLY_LOCK + ")");
            try {
                int accepted = Racing.sumOf(uploads, () -> {
                    Response response = post(file("Kiribati", 20, variant.incrementAndGet()));
                    jobs.add(response.path("id"));
                    return response.statusCode();
                });
                assertEquals(uploads * 202, accepted);
            } finally {
                st.execute("select pg_advisory_unlock(" + ImportJobs.APPLY_LOCK + ")");
            }
        }
        List<JsonPath> done = jobs.stream().map(ImportWhileReadingTest::finished).toList();
        done.forEach(job -> assertEquals("SUCCEEDED", job.getString("state"), job.prettify()));
        assertEquals(uploads * 20, done.stream().mapToInt(j -> j.getInt("created")).sum());
        assertEquals(uploads * 20, number("select count(*) from recommendation where country = 'KIR'"));
    }

    /** Rows ever inserted into {@code recommendation}, committed or rolled back, as PostgreSQL last reported them. */
    private long insertedSoFar() {
        try {
            return number("select n_tup_ins from pg_stat_user_tables where relname = 'recommendation'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long number(String sql) throws SQLException {
        return ((Number) row(sql).values().iterator().next()).longValue();
    }

    private Map<String, Object> row(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
            }
            return row;
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
