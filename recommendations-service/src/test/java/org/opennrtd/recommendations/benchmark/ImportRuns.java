package org.opennrtd.recommendations.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/** What the import benchmarks share: queuing a job and waiting for it, the COPY baseline, an empty store. */
final class ImportRuns {

    /** A job's final state, seconds until the 202, and until it was seen SUCCEEDED. */
    record Timed(JsonPath json, double submitSeconds, double totalSeconds) {
    }

    private ImportRuns() {
    }

    /** Sends the request that queues a job and polls the job until it succeeds: seconds to the 202 and to the end. */
    static Timed await(HttpRequest post) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> accepted = HTTP.send(post, HttpResponse.BodyHandlers.ofString());
        long submitted = System.nanoTime();
        assertEquals(202, accepted.statusCode(), accepted.body());
        String id = JsonPath.from(accepted.body()).getString("id");
        HttpRequest get = HttpRequest.newBuilder(uri("/api/v1/imports/" + id)).GET().build();
        while (true) {
            HttpResponse<String> polled = HTTP.send(get, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, polled.statusCode(), polled.body());
            JsonPath job = JsonPath.from(polled.body());
            String state = job.getString("state");
            if (state.equals("SUCCEEDED")) {
                return new Timed(job, (submitted - start) / 1e9, (System.nanoTime() - start) / 1e9);
            }
            if (state.equals("FAILED")) {
                throw new AssertionError(job.prettify());
            }
            Thread.sleep(20);
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static URI uri(String path) {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port + RestAssured.basePath + path);
    }

    /**
     * The baseline: the rows the import stored, exported with COPY TO a file beforehand (not timed), then COPY FROM
     * that file into a fresh, empty table {@code like recommendation including all} (same columns, generated search
     * vector, checks, indexes). Only the COPY FROM and its commit are timed.
     */
    static double copyBaseline(DataSource dataSource, Path dir) throws Exception {
        Path rows = dir.resolve("copy-baseline.tsv");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (OutputStream out = Files.newOutputStream(rows)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyOut(
                        "copy (select " + ImportBenchmark.COLUMNS + " from recommendation) to stdout", out);
            }
            try (Statement st = c.createStatement()) {
                st.execute("drop table if exists bench_copy");
                st.execute("create table bench_copy (like recommendation including all)");
                st.execute("checkpoint");
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (InputStream in = Files.newInputStream(rows)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "copy bench_copy (" + ImportBenchmark.COLUMNS + ") from stdin", in, 1 << 16);
            }
            c.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("drop table bench_copy");
                st.execute("checkpoint");
            }
            return seconds;
        } finally {
            Files.deleteIfExists(rows);
        }
    }

    /** An empty store before a first import. */
    static void reset(DataSource dataSource) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("truncate recommendation, audit_event, import_job cascade");
            st.execute("vacuum analyze recommendation");
            st.execute("checkpoint");
        }
    }
}
