package org.opennrtd.recommendations.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opennrtd.testing.PostgresTestResource;
import org.postgresql.PGConnection;

/**
 * Not a test (Surefire's default includes skip it): the UHRI's bulk export in its published JSON shape, 250,000
 * records, imported end to end over HTTP, by upload and by URL pull, beside PostgreSQL COPY of the very same rows in
 * the same run and database; the service's peak heap during each import; and a coordinator's import of one State
 * out of the full export against the same State's records in a file of their own. Run with
 * {@code ./mvnw -B test -pl recommendations-service -Pbenchmark -Dtest=UhriExportBenchmark -DargLine=-Xmx512m}
 * (the heap cap is the point: the import must fit in 512 MiB); results go to stdout and
 * {@code target/benchmark/uhri-export.md}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@TestProfile(UhriExportBenchmark.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UhriExportBenchmark {

    static final long SEED = 20261207L;
    static final int RECORDS = Integer.getInteger("benchmark.records", 250_000);
    static final int SLOVENIA = SyntheticUhri.country("Slovenia");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.test-timeout", "1800s",
                    // The limits the service ships with (the test profile's are small).
                    "opennrtd.import.max-bytes", "536870912",
                    "quarkus.http.limits.max-body-size", "520M",
                    // The export server below listens on a loopback port chosen at run time.
                    "opennrtd.import.url.allowed-prefixes", "http://127.0.0.1:",
                    "opennrtd.import.url.timeout", "PT600S",
                    // Grouping runs after an import commits, in the background: not part of the import path, and it
                    // would compete with the COPY baseline for the same two cores.
                    "opennrtd.near-duplicates.enabled", "false");
        }
    }

    record Result(String label, int rows, long fileBytes, double submitSeconds, double totalSeconds, Double copySeconds,
            Heap heap, JsonPath job) {
    }

    record Heap(long peakUsedMiB, long peakAfterGcMiB) {
    }

    static final List<Result> RESULTS = new ArrayList<>();
    static final Path DIR = Path.of("target", "benchmark");
    static final Path FULL = DIR.resolve("uhri-export-" + RECORDS + ".json");
    static final Path ONE_STATE = DIR.resolve("uhri-export-" + RECORDS + "-slovenia.json");

    @Inject
    DataSource dataSource;

    private static String records() {
        return String.format(Locale.ROOT, "%,d records", RECORDS);
    }

    @Test
    @Order(1)
    @TestSecurity(user = "admin", roles = "admin")
    void wholeExportByUploadAndByUrl() throws Exception {
        Files.createDirectories(DIR);
        SyntheticUhriExport.write(FULL, RECORDS, SEED, SLOVENIA, ONE_STATE);
        // Warm-up (JIT, connection pool, the database's caches), as a service that has run for a while is: discarded.
        Path warm = DIR.resolve("uhri-export-20000-warmup.json");
        SyntheticUhriExport.write(warm, 20_000, SEED + 1, SLOVENIA, null);
        upload(warm);
        ImportRuns.reset(dataSource);
        upload(warm);

        ImportRuns.reset(dataSource);
        Result first = measure(records() + ", first import, upload", FULL, () -> upload(FULL));
        assertEquals(RECORDS, first.job().getInt("created"), first.job().prettify());
        RESULTS.add(withCopy(first));

        Result again = measure(records() + ", unchanged re-import, upload", FULL, () -> upload(FULL));
        assertEquals(RECORDS, again.job().getInt("unchanged"), again.job().prettify());
        RESULTS.add(withCopy(again));

        HttpServer server = serve(FULL);
        try {
            ImportRuns.reset(dataSource);
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/export-full-en.json";
            Result pulled = measure(records() + ", first import, URL pull", FULL, () -> pull(url));
            assertEquals(RECORDS, pulled.job().getInt("created"), pulled.job().prettify());
            RESULTS.add(withCopy(pulled));
        } finally {
            server.stop(0);
        }
    }

    @Test
    @Order(2)
    @TestSecurity(user = "coordinator-svn", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "SVN"))
    void oneStateOutOfTheWholeExport() throws Exception {
        ImportRuns.reset(dataSource);
        Result ownFile = measure("Slovenia's records in a file of their own, coordinator, first import", ONE_STATE,
                () -> upload(ONE_STATE));
        int rows = ownFile.job().getInt("created");
        assertTrue(rows > 0);
        RESULTS.add(ownFile);
        ImportRuns.reset(dataSource);
        Result outOfFull = measure("Slovenia out of the whole export, coordinator, first import", FULL, () -> upload(FULL));
        assertEquals(rows, outOfFull.job().getInt("created"), outOfFull.job().prettify());
        assertEquals(RECORDS - rows, outOfFull.job().getInt("outOfScope"));
        RESULTS.add(outOfFull);
    }

    @AfterAll
    static void report() throws Exception {
        StringBuilder sb = new StringBuilder("\nUHRI bulk export (JSON) import vs PostgreSQL COPY (same rows, same database)\n");
        sb.append(String.format(Locale.ROOT, "Machine: %d cores seen by the JVM, Java %s, max heap %d MiB, load average %.2f%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        sb.append("| Case | Rows stored | File MB | Submit (s) | Import total (s) | Import rows/s | COPY (s) | COPY rows/s"
                + " | Import / COPY | Peak heap used (MiB) | Peak heap after GC (MiB) | Created / updated / unchanged / out of scope |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Result r : RESULTS) {
            double importRate = r.rows() / r.totalSeconds();
            String copy = r.copySeconds() == null ? "| – | – | – " : String.format(Locale.ROOT, "| %.2f | %,.0f | **%.2fx** ",
                    r.copySeconds(), r.rows() / r.copySeconds(), importRate / (r.rows() / r.copySeconds()));
            sb.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %.2f | %.2f | %,.0f %s| %d | %d | %d / %d / %d / %d |%n",
                    r.label(), r.rows(), r.fileBytes() / 1e6, r.submitSeconds(), r.totalSeconds(), importRate, copy,
                    r.heap().peakUsedMiB(), r.heap().peakAfterGcMiB(), r.job().getInt("created"), r.job().getInt("updated"),
                    r.job().getInt("unchanged"), r.job().getInt("outOfScope")));
        }
        System.out.println(sb);
        Files.writeString(DIR.resolve("uhri-export.md"), sb.toString());
    }

    /**
     * Runs an import while sampling the heap every 20 ms: the most it used (live objects and garbage not yet
     * collected, so never more than the maximum heap), and the most that was left after a collection (what the
     * import really holds).
     */
    private Result measure(String label, Path file, Callable<ImportRuns.Timed> run) throws Exception {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long[] peak = {0};
        long[] afterGc = {0};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed());
                long sum = 0;
                for (MemoryPoolMXBean p : pools) {
                    MemoryUsage u = p.getCollectionUsage();
                    sum += u == null ? 0 : u.getUsed();
                }
                afterGc[0] = Math.max(afterGc[0], sum);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        ImportRuns.Timed timed;
        try {
            timed = run.call();
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        int rows = timed.json().getInt("created") + timed.json().getInt("updated") + timed.json().getInt("unchanged");
        System.out.printf(Locale.ROOT, "%s: import %.2f s (202 after %.2f s), peak heap %d MiB%n", label,
                timed.totalSeconds(), timed.submitSeconds(), peak[0] >> 20);
        return new Result(label, rows, Files.size(file), timed.submitSeconds(), timed.totalSeconds(), null,
                new Heap(peak[0] >> 20, afterGc[0] >> 20), timed.json());
    }

    private Result withCopy(Result r) throws Exception {
        double copy = ImportRuns.copyBaseline(dataSource, DIR);
        System.out.printf(Locale.ROOT, "%s: COPY %.2f s%n", r.label(), copy);
        return new Result(r.label(), r.rows(), r.fileBytes(), r.submitSeconds(), r.totalSeconds(), copy, r.heap(), r.job());
    }

    private static ImportRuns.Timed upload(Path file) throws Exception {
        String boundary = "opennrtd-" + java.util.UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: application/json\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest post = HttpRequest.newBuilder(ImportRuns.uri("/api/v1/imports"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        return ImportRuns.await(post);
    }

    private static ImportRuns.Timed pull(String url) throws Exception {
        HttpRequest post = HttpRequest.newBuilder(ImportRuns.uri("/api/v1/url-imports")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"" + url + "\"}")).build();
        return ImportRuns.await(post);
    }

    /** A local stand-in for OHCHR's download address, streaming the file from disk. */
    private static HttpServer serve(Path file) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/export-full-en.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, Files.size(file));
            try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        });
        server.start();
        return server;
    }

}
