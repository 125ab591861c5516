package org.opennrtd.indicators.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.TestTokens;
import org.postgresql.PGConnection;

/**
 * Not a test (Surefire's default includes skip it): 1,000,000 synthetic observations imported through the service's
 * real path (multipart upload to /api/v1/observation-imports, CSV parsing and checks, the job's payload, the
 * worker's COPY into a stage and set-based merge) against PostgreSQL COPY of the very same rows into an empty
 * table with the definition and indexes of {@code observation}, in the same run and database; then the latency
 * of series queries over HTTP on that data, one client at a time, then the disaggregated series of an indicator under
 * {@link #CLIENTS} concurrent clients. Every request carries a real signed token (verified as in production). Run with
 * {@code ./mvnw -B test -pl indicators-service -am -Pbenchmark}; results go to stdout and
 * {@code target/benchmark/observation-import-vs-copy.md}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@TestProfile(ObservationImportBenchmark.Limits.class)
class ObservationImportBenchmark {

    static final String IMPORTS = "/api/v1/observation-imports";
    static final String COUNTRY = "BMK";
    static final int INDICATORS = 100;
    static final int YEARS = 25;
    static final int COMBINATIONS = 400;
    static final String COLUMNS = "id, indicator_id, period, period_start, period_end, dims_key, dims, value, status,"
            + " source, note, import_job_id, created_at, updated_at, version";
    /** Concurrent clients of the series query, and how long they run (seconds) after a warm-up. */
    static final int CLIENTS = 16;
    static final int WARM_UP_SECONDS = Integer.getInteger("benchmark.warmUpSeconds", 5);
    static final int LOAD_SECONDS = Integer.getInteger("benchmark.loadSeconds", 20);

    /** The admin of BMK who imports and reads. */
    static String admin;

    @TestHTTPResource("/")
    URL base;

    /** Room for a million rows in one file. */
    public static class Limits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "opennrtd.observation-import.max-bytes", "400000000",
                    "quarkus.http.limits.max-body-size", "400M",
                    "quarkus.http.test-timeout", "1800s");
        }
    }

    @Inject
    DataSource dataSource;

    static RequestSpecification given() {
        return io.restassured.RestAssured.given().auth().oauth2(admin);
    }

    @Test
    void importVersusCopyAndSeriesQuery() throws Exception {
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        admin = TestTokens.token("admin-bmk", "admin", COUNTRY, null);
        List<UUID> ids = indicators();
        Path dir = Files.createDirectories(Path.of("target", "benchmark"));
        Path warm = dir.resolve("observations-warmup.csv");
        Path file = dir.resolve("observations-1000000.csv");
        write(warm, 5, 3);
        long rows = write(file, INDICATORS, YEARS);
        assertEquals(1_000_000, rows);

        upload(warm);
        reset();

        Timed job = upload(file);
        assertEquals(1_000_000, job.json.getInt("created"), job.json.prettify());
        double[] copies = copyBaseline();
        double copy = copies[0];
        double copyWithKey = copies[1];

        String series = "/api/v1/national-indicators/" + ids.get(42) + "/observations";
        double[] exact = latencies(series + "?dimension=SEX:F&dimension=AGE:Y15T24&from=2005-01-01&to=2020-12-31&limit=100");
        double[] contained = latencies(series + "?dimension=SEX:F&anyOtherDimension=true&from=2010-01-01&to=2012-12-31&limit=100");
        double[] latest = latencies("/api/v1/national-indicators/" + ids.get(7) + "/latest-values?dimension=SEX:F"
                + "&anyOtherDimension=true&limit=100");
        int exactRows = given().when().get(series + "?dimension=SEX:F&dimension=AGE:Y15T24&from=2005-01-01&to=2020-12-31&limit=100")
                .then().statusCode(200).extract().path("page.total");
        Load concurrent = concurrently(ids);

        String loadAfter = Files.readString(Path.of("/proc/loadavg")).strip();
        String report = report(rows, Files.size(file), job, copy, copyWithKey, exact, exactRows, contained, latest, concurrent)
                + String.format(Locale.ROOT, "%nLoad average (/proc/loadavg) before: %s; after: %s%n", loadBefore,
                loadAfter);
        System.out.println(report);
        Files.writeString(dir.resolve("observation-import-vs-copy.md"), report);
    }

    /** 100 indicators of BMK broken down by sex, age, urbanisation and income quintile. */
    private List<UUID> indicators() throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (int i = 0; i < INDICATORS; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                st.execute("insert into national_indicator (id, country, code, name, unit, provider_institution,"
                        + " provider_name, periodicity, dimensions, created_at, updated_at) values ('" + id + "', '"
                        + COUNTRY + "', 'BMK-" + i + "', 'Benchmark indicator " + i + "', 'PERCENT', 'NSO', 'NSO',"
                        + " 'ANNUAL', '{SEX,AGE,URBANISATION,INCOME_WEALTH_QUANTILE}', now(), now())");
            }
        }
        return ids;
    }

    /** indicators x years x the first 400 combinations of sex (3) x age (9) x urbanisation (3) x quintile (6). */
    private static long write(Path file, int indicators, int years) throws Exception {
        List<String> sex = List.of("_T", "F", "M");
        List<String> age = List.of("_T", "Y0T4", "Y0T14", "Y5T17", "Y15T24", "Y15T49", "Y25T64", "Y_GE15", "Y_GE65");
        List<String> urban = List.of("_T", "U", "R");
        List<String> quintile = List.of("_T", "Q1", "Q2", "Q3", "Q4", "Q5");
        List<String> combinations = new ArrayList<>();
        for (String s : sex) {
            for (String a : age) {
                for (String u : urban) {
                    for (String q : quintile) {
                        combinations.add(s + "," + a + "," + u + "," + q);
                    }
                }
            }
        }
        java.util.Random random = new java.util.Random(20261130L);
        long rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("INDICATOR,TIME_PERIOD,OBS_VALUE,SEX,AGE,URBANISATION,INCOME_WEALTH_QUANTILE,OBS_STATUS,SOURCE\n");
            for (int i = 0; i < indicators; i++) {
                for (int y = 0; y < years; y++) {
                    for (int k = 0; k < Math.min(COMBINATIONS, combinations.size()); k++) {
                        double value = Math.round((40 + y * 0.8 + random.nextGaussian() * 5) * 100) / 100.0;
                        out.write("BMK-" + i + "," + (2000 + y) + "," + value + "," + combinations.get(k)
                                + (y == years - 1 ? ",P," : ",A,") + "Household survey\n");
                        rows++;
                    }
                }
            }
        }
        return rows;
    }

    record Timed(JsonPath json, double submitSeconds, double totalSeconds) {
    }

    private static Timed upload(Path file) {
        long start = System.nanoTime();
        Response accepted = given().multiPart("file", file.toFile(), "text/csv").multiPart("country", COUNTRY)
                .when().post(IMPORTS);
        long submitted = System.nanoTime();
        accepted.then().statusCode(202);
        String id = accepted.path("id");
        while (true) {
            JsonPath job = given().when().get(IMPORTS + "/" + id).then().statusCode(200).extract().jsonPath();
            String state = job.getString("state");
            if (state.equals("SUCCEEDED")) {
                return new Timed(job, (submitted - start) / 1e9, (System.nanoTime() - start) / 1e9);
            }
            if (state.equals("FAILED")) {
                throw new AssertionError(job.prettify());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * The rows the import stored, exported with COPY TO beforehand (not timed), then COPY FROM into a fresh, empty
     * table {@code like observation including all} (same columns, checks, unique series index). Only the COPY FROM
     * and its commit are timed. Then the same into a fresh such table that also has observation's foreign key to
     * national_indicator (which {@code like} leaves out, and which checks every row): the floor of any load into
     * {@code observation}.
     */
    private double[] copyBaseline() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (select " + COLUMNS + " from observation) to stdout", out);
            byte[] data = out.toByteArray();
            try (Statement st = c.createStatement()) {
                st.execute("drop table if exists bench_copy");
                st.execute("create table bench_copy (like observation including all)");
                st.execute("checkpoint");
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench_copy (" + COLUMNS + ") from stdin",
                    new ByteArrayInputStream(data), 1 << 16);
            c.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("drop table bench_copy");
                st.execute("create table bench_copy (like observation including all, foreign key (indicator_id)"
                        + " references national_indicator (id) on delete cascade)");
                st.execute("checkpoint");
            }
            c.setAutoCommit(false);
            start = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench_copy (" + COLUMNS + ") from stdin",
                    new ByteArrayInputStream(data), 1 << 16);
            c.commit();
            double withKey = (System.nanoTime() - start) / 1e9;
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("drop table bench_copy");
                st.execute("vacuum analyze observation");
                st.execute("checkpoint");
            }
            return new double[] {seconds, withKey};
        }
    }

    /** Milliseconds of 200 calls after 30 warm-up calls, sorted. */
    private static double[] latencies(String url) {
        for (int i = 0; i < 30; i++) {
            given().when().get(url).then().statusCode(200);
        }
        double[] ms = new double[200];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            given().when().get(url).then().statusCode(200);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    record Load(int clients, double seconds, long requests, long errors, double[] ms) {
    }

    /**
     * {@link #CLIENTS} clients, each on its own thread with its own signed token, call the exact SEX:F + AGE:Y15T24
     * series of 2005-2020 (page of 100) back to back, each on the next of the 100 indicators, for
     * {@link #WARM_UP_SECONDS} unmeasured, then {@link #LOAD_SECONDS} measured. An answer other than 200 with 16 rows is
     * an error.
     */
    private Load concurrently(List<UUID> ids) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).build();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        AtomicLong errors = new AtomicLong();
        long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARM_UP_SECONDS);
        long until = warmUntil + TimeUnit.SECONDS.toNanos(LOAD_SECONDS);
        List<Future<double[]>> results = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            String token = TestTokens.token("reader-" + c, "coordinator", COUNTRY, null);
            results.add(clients.submit(() -> {
                double[] ms = new double[4096];
                int n = 0;
                for (int i = client; System.nanoTime() < until; i++) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "api/v1/national-indicators/"
                                    + ids.get(i % ids.size()) + "/observations?dimension=SEX:F&dimension=AGE:Y15T24"
                                    + "&from=2005-01-01&to=2020-12-31&limit=100"))
                            .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET()
                            .build();
                    long t = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    long done = System.nanoTime();
                    boolean ok = response.statusCode() == 200 && response.body().contains("\"total\":16");
                    if (t >= warmUntil) {
                        if (!ok) {
                            errors.incrementAndGet();
                        }
                        if (n == ms.length) {
                            ms = Arrays.copyOf(ms, n * 2);
                        }
                        ms[n++] = (done - t) / 1e6;
                    }
                }
                return Arrays.copyOf(ms, n);
            }));
        }
        List<double[]> all = new ArrayList<>();
        for (Future<double[]> f : results) {
            all.add(f.get());
        }
        clients.shutdown();
        double[] ms = all.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        return new Load(CLIENTS, LOAD_SECONDS, ms.length, errors.get(), ms);
    }

    private void reset() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("truncate observation, observation_import_job, audit_event");
            st.execute("vacuum analyze observation");
            st.execute("checkpoint");
        }
    }

    private String report(long rows, long bytes, Timed job, double copy, double copyWithKey, double[] exact, int exactRows,
            double[] contained, double[] latest, Load load) throws Exception {
        String version;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("show server_version")) {
            rs.next();
            version = rs.getString(1);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nObservation import vs PostgreSQL COPY (same rows, same database)%n"
                        + "Machine: %d cores seen by the JVM, Java %s, max heap %d MiB, PostgreSQL %s%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, version));
        sb.append("| Rows | File MB | Submit: read + check (s) | Load job (s) | Import total (s) | Import rows/s | COPY (s)"
                + " | COPY rows/s | Import rate / COPY rate | COPY with the foreign key (s) | Import rate / that COPY's |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        sb.append(String.format(Locale.ROOT, "| %,d | %.1f | %.2f | %.2f | %.2f | %,.0f | %.2f | %,.0f | %.2fx | %.2f | %.2fx |%n%n",
                rows, bytes / 1e6, job.submitSeconds, job.totalSeconds - job.submitSeconds, job.totalSeconds,
                rows / job.totalSeconds, copy, rows / copy, copy / job.totalSeconds, copyWithKey,
                copyWithKey / job.totalSeconds));
        sb.append("Series queries over HTTP on that data (200 calls after 30 warm-up calls, milliseconds):\n\n");
        sb.append("| Query | Rows returned | p50 | p95 | max |\n|---|---:|---:|---:|---:|\n");
        sb.append(line("observations, exact series SEX:F + AGE:Y15T24, 2005-2020", exactRows, exact));
        sb.append(line("observations, SEX:F with any other codes, 2010-2012 (page of 100)", 100, contained));
        sb.append(line("latest value of every series with SEX:F (page of 100)", 100, latest));
        sb.append(String.format(Locale.ROOT, "%nThe exact series SEX:F + AGE:Y15T24, 2005-2020 (16 rows; the next of the"
                + " 100 indicators at each call), %d concurrent clients with their own signed tokens, %d s after %d s of"
                + " warm-up (milliseconds):%n%n", load.clients(), LOAD_SECONDS, WARM_UP_SECONDS));
        sb.append("| Clients | Requests | Requests/s | p50 | p90 | p99 | max | Errors |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        double[] ms = load.ms();
        sb.append(String.format(Locale.ROOT, "| %d | %,d | %,.0f | %.1f | %.1f | %.1f | %.1f | %d |%n", load.clients(),
                load.requests(), load.requests() / load.seconds(), percentile(ms, 0.50), percentile(ms, 0.90),
                percentile(ms, 0.99), ms[ms.length - 1], load.errors()));
        return sb.toString();
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static String line(String label, int rows, double[] ms) {
        return String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f |%n", label, rows, ms[ms.length / 2],
                ms[(int) (ms.length * 0.95)], ms[ms.length - 1]);
    }
}
