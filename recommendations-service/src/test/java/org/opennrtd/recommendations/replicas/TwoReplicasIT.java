package org.opennrtd.recommendations.replicas;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opennrtd.recommendations.importing.ImportPayload;
import org.opennrtd.recommendations.importing.StagedRecommendation;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.TestTokens;

/**
 * Two processes of the packaged service (target/quarkus-app) on one PostgreSQL database, as two replicas would run:
 * a scheduled task runs once per scheduled time, each queued import job is applied once, and a job whose replica is
 * killed while applying it is applied by the other one, without duplicates, whether it was queued or uploaded to the
 * replica that died; so is a cluster computation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoReplicasIT {

    static Map<String, String> db;
    static HttpServer uhri;
    static OidcWiremockTestResource oidc;
    static String oidcUrl;
    static final AtomicInteger pulls = new AtomicInteger();
    static final List<Replica> replicas = new ArrayList<>();

    record Replica(String name, Process process, int port, int managementPort, Path log) {
    }

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        db = new PostgresTestResource().start();
        uhri = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] csv = ("Text,Countries Concerned,Reccomending Body,Document Symbol,OHCHR Annotation Id\n"
                + "Adopt a national action plan on business and human rights,New Zealand,CESCR,E/C.12/NZL/CO/4,"
                + "7f2c1d3e-0000-4000-8000-00000000a001\n").getBytes(StandardCharsets.UTF_8);
        uhri.createContext("/uhri.csv", exchange -> {
            pulls.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "text/csv");
            exchange.sendResponseHeaders(200, csv.length);
            exchange.getResponseBody().write(csv);
            exchange.close();
        });
        uhri.start();
        // Uploads need a bearer token: a WireMock OIDC server signs them, as in the other tests.
        oidc = new OidcWiremockTestResource();
        oidcUrl = oidc.start().get("keycloak.url") + "/realms/quarkus/";
        // The first replica migrates the schema; the second starts on it, as in a rolling start.
        replicas.add(start("a"));
        awaitReady(replicas.get(0));
        replicas.add(start("b"));
        awaitReady(replicas.get(1));
    }

    @AfterAll
    static void stop() {
        replicas.forEach(r -> r.process().destroyForcibly());
        if (uhri != null) {
            uhri.stop(0);
        }
        if (oidc != null) {
            oidc.stop();
        }
    }

    @Test
    @Order(1)
    void aScheduledTaskRunsOncePerScheduledTime() throws Exception {
        // The pull is scheduled every 2 seconds on both replicas.
        await(Duration.ofSeconds(60), () -> pulls.get() >= 3);
        Thread.sleep(2500);
        // Every scheduled time claimed is pulled (a pull under way when counted may come a little later: on a busy
        // machine more than one can be), and a pull never comes without a scheduled time of its own claimed first.
        int claimed = queryInt("select count(*) from scheduled_run where task = 'uhri-pull'");
        await(Duration.ofSeconds(60), () -> pulls.get() >= claimed);
        int fetched = pulls.get();
        int slots = queryInt("select count(*) from scheduled_run where task = 'uhri-pull'");
        assertTrue(fetched >= claimed && fetched <= slots, fetched + " pulls for " + slots + " scheduled times");
        assertEquals(slots, queryInt("select count(distinct slot) from scheduled_run where task = 'uhri-pull'"));
        assertTrue(queryInt("select count(distinct replica) from scheduled_run where task = 'uhri-pull'") >= 1);
        assertEquals(1, queryInt("select count(*) from recommendation where country = 'NZL'"),
                "the same file pulled again and again is one recommendation");
    }

    @Test
    @Order(2)
    void eachQueuedJobIsAppliedOnce() throws Exception {
        List<UUID> jobs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            jobs.add(queue("AUS", 500, i * 1000));
        }
        await(Duration.ofMinutes(5), () -> finished(jobs));
        for (UUID job : jobs) {
            Map<String, Object> row = job(job);
            assertEquals("SUCCEEDED", row.get("state"), row.toString());
            assertEquals(1, row.get("attempts"), row.toString());
            assertEquals(500, row.get("created"), row.toString());
        }
        assertEquals(4000, queryInt("select count(*) from recommendation where country = 'AUS'"));
        assertEquals(4000, queryInt("select count(*) from audit_event a join recommendation r on r.id = a.resource_id"
                + " where r.country = 'AUS' and a.action = 'IMPORT_CREATE'"));
    }

    @Test
    @Order(3)
    void aJobWhoseReplicaDiesIsAppliedByTheOther() throws Exception {
        UUID job = queue("CAN", 60_000, 0);
        await(Duration.ofMinutes(3), () -> "RUNNING".equals(job(job).get("state")));
        String owner = (String) job(job).get("claimed_by");
        Replica victim = replicas.stream().filter(r -> owner.startsWith(r.name() + "-")).findFirst().orElseThrow();
        victim.process().destroyForcibly().waitFor();
        assertEquals("RUNNING", job(job).get("state"), "killed while applying");

        await(Duration.ofMinutes(10), () -> finished(List.of(job)));
        Map<String, Object> row = job(job);
        assertEquals("SUCCEEDED", row.get("state"), row.toString());
        assertNotEquals(owner, row.get("claimed_by"), "the other replica finished it");
        assertEquals(2, row.get("attempts"), row.toString());
        assertEquals(60_000, row.get("created"), row.toString());
        assertEquals(60_000, queryInt("select count(*) from recommendation where country = 'CAN'"));
        assertEquals(60_000, queryInt("select count(*) from audit_event a join recommendation r on r.id = a.resource_id"
                + " where r.country = 'CAN' and a.action = 'IMPORT_CREATE'"));
    }

    @Test
    @Order(4)
    void aClusterComputationWhoseReplicaDiesIsFinishedByAnother() throws Exception {
        // The previous test killed a replica: start another, as Kubernetes would.
        Replica c = start("c");
        replicas.add(c);
        awaitReady(c);
        UUID imported = queue("BRA", 1500, 0);
        await(Duration.ofMinutes(5), () -> finished(List.of(imported)));
        assertEquals(1500, queryInt("select count(*) from recommendation where country = 'BRA'"));

        UUID job = UUID.randomUUID();
        try (Connection conn = connect(); PreparedStatement ps = conn.prepareStatement("insert into cluster_computation"
                + " (id, country, state, progress, model, created_at, created_by) values (?, 'BRA', 'QUEUED', 0,"
                + " 'all-minilm-l6-v2-q', now(), 'test')")) {
            ps.setObject(1, job);
            ps.executeUpdate();
        }
        // Killed once some of the texts are embedded (and kept), well before the end.
        await(Duration.ofMinutes(5), () -> {
            Map<String, Object> row = computation(job);
            return "RUNNING".equals(row.get("state")) && (double) row.get("progress") > 0;
        });
        String owner = (String) computation(job).get("claimed_by");
        Replica victim = replicas.stream().filter(r -> owner.startsWith(r.name() + "-")).findFirst().orElseThrow();
        victim.process().destroyForcibly().waitFor();
        assertEquals("RUNNING", computation(job).get("state"), "killed while computing");

        await(Duration.ofMinutes(10), () -> !"RUNNING".equals(computation(job).get("state")));
        Map<String, Object> row = computation(job);
        assertEquals("SUCCEEDED", row.get("state"), row.toString());
        assertNotEquals(owner, row.get("claimed_by"), "another replica finished it");
        assertEquals(2, row.get("attempts"), row.toString());
        assertEquals(1500, row.get("recommendations"), row.toString());
        assertTrue((int) row.get("embeddings_computed") < 1500, "the dead replica's embeddings were kept: " + row);
        assertEquals(1500, queryInt("select count(*) from recommendation_embedding e join recommendation r"
                + " on r.id = e.recommendation_id where r.country = 'BRA'"));
        assertEquals(row.get("suggestions"), queryInt("select count(*) from cluster_suggestion where computation_id = '"
                + job + "'"));
        assertEquals(queryInt("select count(*) from cluster_suggestion where country = 'BRA'"),
                queryInt("select count(*) from cluster_suggestion where computation_id = '" + job + "'"),
                "only the finished run's suggestions exist");
        assertEquals(1, queryInt("select count(*) from audit_event where resource_id = '" + job
                + "' and action = 'COMPLETE'"));
    }

    @Test
    @Order(5)
    void anUploadWhoseReplicaDiesWhileApplyingItIsFinishedByAnother() throws Exception {
        // The previous test killed a replica: start another.
        Replica d = start("d");
        replicas.add(d);
        awaitReady(d);
        StringBuilder csv = new StringBuilder("Text,Countries Concerned,Reccomending Body,Document Symbol,OHCHR Annotation Id\n");
        for (int i = 0; i < 2000; i++) {
            csv.append("Recommendation ").append(i).append(" to Tuvalu: protect the right to housing of communities")
                    .append(" displaced by sea-level rise").append(i == 0 ? " (SLOW-IN-DATABASE)" : "")
                    .append(",Tuvalu,CESCR,E/C.12/TUV/CO/1,")
                    .append(UUID.nameUUIDFromBytes(("TUV" + i).getBytes(StandardCharsets.UTF_8))).append('\n');
        }
        UUID job;
        try (Connection c = connect(); Statement st = c.createStatement()) {
            // The first row takes PostgreSQL 8 seconds to insert: the receiving replica reads the upload, stores its
            // job, answers 202 and dies while its transaction is still loading the rows.
            st.execute("create function slow_marked_text() returns trigger language plpgsql as"
                    + " $$ begin perform pg_sleep(8); return new; end $$");
            st.execute("create trigger slow_marked_text before insert on recommendation for each row"
                    + " when (new.text like '%SLOW-IN-DATABASE%') execute function slow_marked_text()");
            Response accepted = given().baseUri("http://127.0.0.1").port(d.port())
                    .auth().oauth2(TestTokens.token("admin", "admin", null, null))
                    .multiPart("file", "tuvalu.csv", csv.toString().getBytes(StandardCharsets.UTF_8), "text/csv")
                    .when().post("/api/v1/imports");
            assertEquals(202, accepted.statusCode(), accepted.asString());
            job = UUID.fromString(accepted.path("id"));
            d.process().destroyForcibly().waitFor();
            Map<String, Object> claimed = job(job);
            assertEquals("RUNNING", claimed.get("state"), "killed while applying: " + claimed);
            assertTrue(((String) claimed.get("claimed_by")).startsWith("d-"), claimed.toString());
            assertEquals(1, claimed.get("attempts"), claimed.toString());
            assertEquals(0, queryInt("select count(*) from recommendation where country = 'TUV'"));
        }
        try {
            await(Duration.ofMinutes(5), () -> finished(List.of(job)));
        } finally {
            try (Connection c = connect(); Statement st = c.createStatement()) {
                st.execute("drop trigger slow_marked_text on recommendation");
                st.execute("drop function slow_marked_text()");
            }
        }
        await(Duration.ofMinutes(5), () -> finished(List.of(job)));
        Map<String, Object> row = job(job);
        assertEquals("SUCCEEDED", row.get("state"), row.toString());
        assertFalse(((String) row.get("claimed_by")).startsWith("d-"), "another replica finished it: " + row);
        assertEquals(2, row.get("attempts"), row.toString());
        assertEquals(2000, row.get("created"), row.toString());
        assertEquals(2000, queryInt("select count(*) from recommendation where country = 'TUV'"));
        assertEquals(2000, queryInt("select count(*) from audit_event a join recommendation r on r.id = a.resource_id"
                + " where r.country = 'TUV' and a.action = 'IMPORT_CREATE'"));
    }

    static Map<String, Object> computation(UUID id) {
        return row("select state, claimed_by, attempts, progress, recommendations, embeddings_computed, suggestions,"
                + " error from cluster_computation where id = ?", id);
    }

    // --- replicas -------------------------------------------------------------------------------------------------

    static Replica start(String name) throws IOException {
        int port = freePort();
        // Health is on the management interface in the prod profile; each replica needs its own.
        int managementPort = freePort();
        Path log = Path.of("target", "replica-" + name + ".log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().toString());
        Map<String, String> env = pb.environment();
        env.put("DB_URL", db.get("quarkus.datasource.jdbc.url"));
        env.put("DB_USER", db.get("quarkus.datasource.username"));
        env.put("DB_PASSWORD", db.get("quarkus.datasource.password"));
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("MANAGEMENT_PORT", String.valueOf(managementPort));
        // Tokens signed by the WireMock OIDC server: jobs are mostly queued in the database, one is uploaded.
        env.put("OIDC_AUTH_SERVER_URL", oidcUrl);
        env.put("IMPORT_PULL_CRON", "0/2 * * * * ?");
        env.put("OPENNRTD_IMPORT_SCHEDULED_PULL_URL", "http://127.0.0.1:" + uhri.getAddress().getPort() + "/uhri.csv");
        env.put("OPENNRTD_IMPORT_SCHEDULED_PULL_COUNTRY", "NZL");
        env.put("OPENNRTD_IMPORT_POLL_INTERVAL", "1s");
        env.put("JOBS_POLL_INTERVAL", "1s");
        env.put("OPENNRTD_NEAR_DUPLICATES_ENABLED", "false");
        // The replica's name starts its identity (host name + suffix), which jobs record.
        env.put("HOSTNAME", name);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return new Replica(name, pb.start(), port, managementPort, log);
    }

    static void awaitReady(Replica r) throws Exception {
        await(Duration.ofMinutes(3), () -> {
            if (!r.process().isAlive()) {
                throw new AssertionError("replica " + r.name() + " stopped; see " + r.log());
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + r.managementPort() + "/q/health/ready")
                        .toURL().openConnection();
                c.setConnectTimeout(500);
                return c.getResponseCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    // --- the database -------------------------------------------------------------------------------------------

    /** Queues a job the way submit() stores one: its rows encoded, state QUEUED. */
    static UUID queue(String country, int rows, int offset) throws SQLException {
        List<StagedRecommendation> staged = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            int n = offset + i;
            staged.add(new StagedRecommendation(i + 1, country, "Recommendation " + n + " to " + country
                    + ": ensure the right to education of children with disabilities in region " + (n % 17),
                    "TREATY_BODY", "CRC", "CRC/C/" + country + "/CO/5", null, UUID.nameUUIDFromBytes((country + n).getBytes()),
                    null, null, List.of(), null, List.of("Right to education"), List.of("Children with disabilities"),
                    List.of("4.5"), List.of(4), List.of(), "Recommendation", LocalDate.of(2024, 1, 1)));
        }
        UUID id = UUID.randomUUID();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("insert into import_job (id, state,"
                + " format, country, sha256, rows_total, payload, created_by, created_at) values (?, 'QUEUED', 'UHRI_CSV',"
                + " ?, 'test', ?, ?, 'test', ?)")) {
            ps.setObject(1, id);
            ps.setString(2, country);
            ps.setInt(3, rows);
            ps.setBytes(4, ImportPayload.encode(staged));
            ps.setObject(5, OffsetDateTime.now());
            ps.executeUpdate();
        }
        return id;
    }

    static boolean finished(List<UUID> jobs) {
        return jobs.stream().allMatch(j -> {
            Object state = job(j).get("state");
            return "SUCCEEDED".equals(state) || "FAILED".equals(state);
        });
    }

    static Map<String, Object> job(UUID id) {
        return row("select state, claimed_by, attempts, created, error from import_job where id = ?", id);
    }

    /** The one row {@code sql} selects for {@code id}, by column name. */
    static Map<String, Object> row(String sql, UUID id) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static int queryInt(String sql) throws SQLException {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(db.get("quarkus.datasource.jdbc.url"), db.get("quarkus.datasource.username"),
                db.get("quarkus.datasource.password"));
    }

    static void await(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + timeout);
            }
            Thread.sleep(100);
        }
    }
}
