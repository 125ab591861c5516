package org.opennrtd.recommendations.benchmark;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;
import org.postgresql.PGConnection;

/**
 * Not a test (Surefire's default includes skip it): the bulk import through the service's real path (multipart
 * upload to /api/v1/imports, detection, parsing, normalisation, the job's payload, the worker's apply) against
 * PostgreSQL COPY of the very same rows into an empty table with the same definition and indexes as
 * {@code recommendation}, in the same run and the same database. Run with
 * {@code ./mvnw -B test -pl recommendations-service -Pbenchmark}; results go to stdout and
 * {@code target/benchmark/import-vs-copy.md}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@TestProfile(ImportBenchmark.Limits.class)
class ImportBenchmark {

    static final long SEED = 20261129L;
    static final String IMPORTS = "/api/v1/imports";
    /** Columns of recommendation a COPY can write (search_vector is generated). */
    static final String COLUMNS = "id, country, text, mechanism, body, document_symbol, paragraph, uhri_annotation_id,"
            + " upr_cycle, upr_session, recommending_states, position, themes, affected_persons, sdg_targets, sdg_goals,"
            + " regions, annotation_type, publication_date, recommending_regions, uhri_document_id, uhri_publication_date,"
            + " created_at, updated_at, version";

    /** Room for the whole index in one file, and the worker's timings in the log. */
    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "opennrtd.import.max-bytes", "400000000",
                    "quarkus.http.limits.max-body-size", "400M",
                    "quarkus.http.test-timeout", "1800s",
                    // Grouping runs after an import commits, in the background: not part of the import path, and it
                    // would compete with the COPY baseline for the same two cores.
                    "opennrtd.near-duplicates.enabled", "false",
                    "quarkus.log.category.\"org.opennrtd.recommendations\".level", "DEBUG");
        }
    }

    @Inject
    DataSource dataSource;

    record Result(String label, int rows, long fileBytes, double submitSeconds, double totalSeconds, double copySeconds,
            int created, int updated, int unchanged) {
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void importVersusCopy() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "benchmark"));
        Path oneState = dir.resolve("uhri-5000-slovenia.csv");
        Path index = dir.resolve("uhri-268000.csv");
        SyntheticUhri.write(oneState, 5_000, SEED, SyntheticUhri.country("Slovenia"));

        // Warm-up (JIT, connection pool, the database's catalog caches): a small import, then discarded.
        Path warm = dir.resolve("uhri-2000-warmup.csv");
        SyntheticUhri.write(warm, 2_000, SEED + 2, null);
        upload(warm);

        List<Result> results = new ArrayList<>();
        // One State's import takes about two seconds, where a hiccup of the shared box weighs heavily: the median of
        // several rounds (each on an empty store, its COPY right after it) is reported, with every round's ratio.
        results.add(medianOfRounds("5,000 records, one State, first import", oneState, 5_000,
                Integer.getInteger("benchmark.rounds", 5)));
        if (!Boolean.getBoolean("benchmark.one-state-only")) {
            SyntheticUhri.write(index, 268_000, SEED + 1, null);
            ImportRuns.reset(dataSource);
            results.add(firstImportThenCopy("268,000 records, first import", index, 268_000));
            // The box is shared: COPY is timed again right after the re-import, and that time is its baseline.
            Result again = reimport("268,000 records, re-import unchanged", index, 268_000);
            assertEquals(0, again.created());
            assertEquals(0, again.updated());
            results.add(again);
        }

        String report = report(results);
        System.out.println(report);
        Files.writeString(dir.resolve("import-vs-copy.md"), report);
    }

    private Result medianOfRounds(String label, Path file, int rows, int rounds) throws Exception {
        List<Result> all = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            ImportRuns.reset(dataSource);
            all.add(firstImportThenCopy(label, file, rows));
        }
        List<Double> ratios = all.stream().map(r -> r.copySeconds() / r.totalSeconds()).sorted().toList();
        Result first = all.get(0);
        String spread = ratios.stream().map(x -> String.format(Locale.ROOT, "%.2f", x))
                .collect(java.util.stream.Collectors.joining(", "));
        return new Result(label + " (median of " + rounds + " rounds; ratios " + spread + ")", rows, first.fileBytes(),
                median(all.stream().map(Result::submitSeconds).toList()),
                median(all.stream().map(Result::totalSeconds).toList()),
                median(all.stream().map(Result::copySeconds).toList()), first.created(), first.updated(), first.unchanged());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private Result firstImportThenCopy(String label, Path file, int rows) throws Exception {
        ImportRuns.Timed job = upload(file);
        assertEquals(rows, job.json().getInt("created"), job.json().prettify());
        double copy = ImportRuns.copyBaseline(dataSource, Path.of("target", "benchmark"));
        System.out.printf(Locale.ROOT, "%s: import %.2f s (202 after %.2f s), COPY %.2f s%n", label, job.totalSeconds(),
                job.submitSeconds(), copy);
        return new Result(label, rows, Files.size(file), job.submitSeconds(), job.totalSeconds(), copy,
                job.json().getInt("created"), job.json().getInt("updated"), job.json().getInt("unchanged"));
    }

    private Result reimport(String label, Path file, int rows) throws Exception {
        ImportRuns.Timed job = upload(file);
        assertEquals(rows, job.json().getInt("unchanged"), job.json().prettify());
        double copySeconds = ImportRuns.copyBaseline(dataSource, Path.of("target", "benchmark"));
        System.out.printf(Locale.ROOT, "%s: import %.2f s (202 after %.2f s), COPY again %.2f s%n", label,
                job.totalSeconds(), job.submitSeconds(), copySeconds);
        return new Result(label, rows, Files.size(file), job.submitSeconds(), job.totalSeconds(), copySeconds,
                job.json().getInt("created"), job.json().getInt("updated"), job.json().getInt("unchanged"));
    }

    /**
     * Uploads a file and waits for its job: seconds until the 202, and until the job is seen SUCCEEDED. The JDK's
     * HTTP client sends the multipart upload and polls, as a national system's client would; REST Assured's own
     * request building and logging would otherwise be counted as import time.
     */
    private static ImportRuns.Timed upload(Path file) throws Exception {
        String boundary = "opennrtd-" + java.util.UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest post = HttpRequest.newBuilder(ImportRuns.uri(IMPORTS))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        return ImportRuns.await(post);
    }

    private String report(List<Result> results) throws Exception {
        StringBuilder sb = new StringBuilder();
        String version;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("show server_version")) {
            rs.next();
            version = rs.getString(1);
        }
        sb.append("\nRecommendation import vs PostgreSQL COPY (same rows, same database)\n");
        sb.append(String.format(Locale.ROOT, "Machine: %d cores seen by the JVM, Java %s, max heap %d MiB, PostgreSQL %s%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, version));
        sb.append("| Case | Rows | File MB | Submit (s) | Apply (s) | Import total (s) | Import rows/s | COPY (s) | COPY rows/s"
                + " | Ratio | Created / updated / unchanged |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Result r : results) {
            double importRate = r.rows() / r.totalSeconds();
            double copyRate = r.rows() / r.copySeconds();
            sb.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.2f | %.2f | %.2f | %,.0f | %.2f | %,.0f | %.2fx | %d / %d / %d |%n",
                    r.label(), r.rows(), r.fileBytes() / 1e6, r.submitSeconds(), r.totalSeconds() - r.submitSeconds(),
                    r.totalSeconds(), importRate, r.copySeconds(), copyRate, importRate / copyRate, r.created(),
                    r.updated(), r.unchanged()));
        }
        return sb.toString();
    }
}
