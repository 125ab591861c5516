package org.opennrtd.recommendations.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.TestTokens;
import org.postgresql.PGConnection;

/**
 * Not a test (Surefire's default includes skip it): a coordinator's export of their whole country, 5,000 and then
 * 20,000 recommendations (with follow-up: tracking rows and actions), as CSV and as XLSX, over HTTP with a signed
 * token. For each: the time to the first byte of the body and to its last (medians of the measured runs, after
 * warm-up runs), and the service's heap while it runs (this JVM: sampled every 50 ms; "peak used" counts garbage not
 * yet collected, "peak after GC" is the most left after a collection, next to the heap after a full collection just
 * before; and, in one more run, the heap after a full collection made when the client has read half the body, which
 * is what the export holds in the middle of its work). Baseline, same run and rows: PostgreSQL {@code COPY (select …) TO STDOUT (format csv)} of the same columns
 * in the same order, read by the JDBC driver. Run with
 * {@code ./mvnw -B test -pl recommendations-service -am -Pbenchmark -Dtest=ExportStreamingBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -DargLine=-Xmx512m}; results go to stdout and
 * {@code target/benchmark/export-streaming.md}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@TestProfile(ExportStreamingBenchmark.Profile.class)
class ExportStreamingBenchmark {

    static final int WARM_UP = Integer.getInteger("benchmark.warm-up", 2);
    static final int RUNS = Integer.getInteger("benchmark.runs", 5);
    static final String EXPORTS = "/api/v1/recommendation-exports";
    static final String COLUMNS = "id, country, document_symbol, paragraph, body, position, text";
    static final String ORDER = "document_symbol asc nulls last, string_to_array(paragraph, '.')::text[] asc nulls last, id";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.test-timeout", "600s",
                    // The limit the service ships with (the test profile's is 40 rows).
                    "opennrtd.export.max-rows", "50000",
                    // No background grouping competing for the same two cores.
                    "opennrtd.near-duplicates.enabled", "false");
        }
    }

    record Run(double firstByteMs, double totalMs, long bytes, long beforeMiB, long peakUsedMiB, long peakAfterGcMiB,
            long afterMiB) {
    }

    record Row(int rows, String format, List<Run> runs, long midBeforeMiB, long midMiB) {
        double median(java.util.function.ToDoubleFunction<Run> f) {
            double[] v = runs.stream().mapToDouble(f).sorted().toArray();
            return v[v.length / 2];
        }

        long max(java.util.function.ToLongFunction<Run> f) {
            return runs.stream().mapToLong(f).max().orElseThrow();
        }
    }

    record Copy(int rows, double firstByteMs, double totalMs, long bytes) {
    }

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    DataSource dataSource;

    @Test
    void exportsOfFiveAndTwentyThousandRows() throws Exception {
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        long seedStart = System.nanoTime();
        seed("XEA", 5_000);
        seed("XEB", 20_000);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;

        List<Row> rows = new ArrayList<>();
        List<Copy> copies = new ArrayList<>();
        for (String[] c : new String[][] {{"XEA", "5000"}, {"XEB", "20000"}}) {
            String country = c[0];
            int count = Integer.parseInt(c[1]);
            String token = TestTokens.token("coordinator-" + country.toLowerCase(Locale.ROOT), "coordinator", country,
                    null);
            for (String format : List.of("csv", "xlsx")) {
                long bytes = check(token, format, count);
                for (int i = 0; i < WARM_UP; i++) {
                    export(token, format, Long.MAX_VALUE, null);
                }
                List<Run> runs = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    runs.add(measure(token, format));
                }
                MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
                long midBefore = heapAfterFullGc(memory);
                long[] mid = {0};
                export(token, format, bytes / 2, () -> mid[0] = heapAfterFullGc(memory));
                Row row = new Row(count, format, runs, midBefore >> 20, mid[0] >> 20);
                rows.add(row);
                System.out.printf(Locale.ROOT, "%,d rows %s: first byte %.1f ms, total %.1f ms, peak after GC %d MiB,"
                        + " mid-export %d MiB (before %d)%n", count, format, row.median(Run::firstByteMs),
                        row.median(Run::totalMs), row.max(Run::peakAfterGcMiB), row.midMiB(), row.midBeforeMiB());
            }
            copy(country, count); // warm-up
            copies.add(copy(country, count));
        }
        report(rows, copies, seedSeconds, loadBefore, Files.readString(Path.of("/proc/loadavg")).strip());
    }

    /** One export read to its end, not timed: the status, and every row there; answers its size. */
    private long check(String token, String format, int count) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(request(token, format), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Length").isEmpty(), response.headers().map().toString());
        if (format.equals("csv")) {
            long lines = 0;
            for (byte b : response.body()) {
                if (b == '\n') {
                    lines++;
                }
            }
            assertEquals(count + 1, lines);
        } else {
            try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(response.body()))) {
                assertEquals(count, workbook.getSheetAt(0).getLastRowNum());
            }
        }
        return response.body().length;
    }

    interface Probe {
        void run() throws Exception;
    }

    private static HttpRequest request(String token, String format) {
        return HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + EXPORTS + "?format="
                + format)).header("Authorization", "Bearer " + token).GET().build();
    }

    /** Milliseconds to the first byte of the body and to its end, and the bytes; {@code probe} runs at byte {@code at}. */
    private static double[] export(String token, String format, long at, Probe probe) throws Exception {
        long start = System.nanoTime();
        HttpResponse<InputStream> response = HTTP.send(request(token, format), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertEquals(200, response.statusCode());
            byte[] buffer = new byte[65_536];
            int first = body.read();
            long firstByte = System.nanoTime();
            assertTrue(first >= 0);
            long bytes = 1;
            for (int n; (n = body.read(buffer)) >= 0; ) {
                if (bytes < at && bytes + n >= at) {
                    probe.run();
                }
                bytes += n;
            }
            long end = System.nanoTime();
            return new double[] {(firstByte - start) / 1e6, (end - start) / 1e6, bytes};
        }
    }

    private Run measure(String token, String format) throws Exception {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = heapAfterFullGc(memory);
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
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        double[] timed;
        try {
            timed = export(token, format, Long.MAX_VALUE, null);
        } finally {
            sampler.interrupt();
            sampler.join();
        }
        long after = heapAfterFullGc(memory);
        return new Run(timed[0], timed[1], (long) timed[2], before >> 20, peak[0] >> 20, afterGc[0] >> 20, after >> 20);
    }

    /**
     * The heap a full collection leaves, as the collector itself reports it right after collecting (read later, the
     * used heap would also count what the export allocated in between).
     */
    private static long heapAfterFullGc(MemoryMXBean memory) {
        memory.gc();
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage u = p.getType() == MemoryType.HEAP ? p.getCollectionUsage() : null;
            sum += u == null ? 0 : u.getUsed();
        }
        return sum;
    }

    /** The baseline: the same columns of the same rows in the same order, as CSV straight out of PostgreSQL. */
    private Copy copy(String country, int count) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            long[] first = {0};
            long[] bytes = {0};
            OutputStream sink = new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    if (first[0] == 0) {
                        first[0] = System.nanoTime();
                    }
                    bytes[0] += len;
                }
            };
            long start = System.nanoTime();
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (select " + COLUMNS + " from recommendation where"
                    + " country = '" + country + "' order by " + ORDER + ") to stdout (format csv, header)", sink);
            long end = System.nanoTime();
            return new Copy(count, (first[0] - start) / 1e6, (end - start) / 1e6, bytes[0]);
        }
    }

    private void report(List<Row> rows, List<Copy> copies, double seedSeconds, String loadBefore, String loadAfter)
            throws IOException {
        StringBuilder sb = new StringBuilder("\nRecommendation exports over HTTP: time to the first byte and heap\n");
        sb.append(String.format(Locale.ROOT, "Machine: %d cores seen by the JVM, Java %s, max heap %d MiB; load average"
                        + " (1, 5, 15 min) before %s, after %s. Seeded in %.1f s (SQL). %d warm-up and %d measured runs"
                        + " per case; times are medians, heap figures the most of the runs.%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, loadBefore, loadAfter, seedSeconds, WARM_UP, RUNS));
        sb.append("| Rows | Format | First byte (ms) | Total (ms) | MB | Heap before (MiB, after full GC) | Peak used"
                + " (MiB) | Peak after GC (MiB) | Heap after (MiB, after full GC) | Mid-export run: heap before / at half"
                + " the body (MiB, after full GC) | First byte / total (ms) of each run |\n");
        sb.append("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row r : rows) {
            StringBuilder each = new StringBuilder();
            for (Run run : r.runs()) {
                each.append(each.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.0f / %.0f",
                        run.firstByteMs(), run.totalMs()));
            }
            sb.append(String.format(Locale.ROOT, "| %,d | %s | %.1f | %.1f | %.1f | %d | %d | %d | %d | %d / %d | %s |%n",
                    r.rows(), r.format().toUpperCase(Locale.ROOT), r.median(Run::firstByteMs), r.median(Run::totalMs),
                    r.runs().get(0).bytes() / 1e6, r.max(Run::beforeMiB), r.max(Run::peakUsedMiB),
                    r.max(Run::peakAfterGcMiB), r.max(Run::afterMiB), r.midBeforeMiB(), r.midMiB(), each));
        }
        sb.append("\nBaseline, same rows and columns: `COPY (select … order by …) TO STDOUT (format csv, header)`"
                + " read by the JDBC driver (second of two runs)\n\n| Rows | First byte (ms) | Total (ms) | MB |\n"
                + "|---:|---:|---:|---:|\n");
        for (Copy c : copies) {
            sb.append(String.format(Locale.ROOT, "| %,d | %.1f | %.1f | %.1f |%n", c.rows(), c.firstByteMs(),
                    c.totalMs(), c.bytes() / 1e6));
        }
        System.out.println(sb);
        Path dir = Files.createDirectories(Path.of("target", "benchmark"));
        Files.writeString(dir.resolve("export-streaming.md"), sb.toString());
    }

    /** {@code count} recommendations of {@code country} with UHRI-length texts, a third tracked, one action per ten. */
    private void seed(String country, int count) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("insert into recommendation (id, country, text, mechanism, body, document_symbol, paragraph,"
                    + " upr_cycle, position, recommending_states, themes, affected_persons, sdg_goals, publication_date,"
                    + " created_at, updated_at, version)"
                    + " select gen_random_uuid(), '" + country + "', 'Take all necessary measures to '"
                    + " || (array['ensure', 'guarantee', 'strengthen', 'promote', 'protect'])[1 + g % 5]"
                    + " || ' the right of ' || (array['children', 'women', 'persons with disabilities', 'migrants',"
                    + " 'indigenous peoples', 'older persons'])[1 + g % 6] || ' to '"
                    + " || (array['education', 'health', 'an adequate standard of living', 'work', 'a fair trial'])[1 + g % 5]"
                    + " || ', including by adopting a comprehensive national strategy with a dedicated budget, by"
                    + " collecting data disaggregated by sex, age and disability, and by consulting civil society on"
                    + " its implementation and follow-up (' || md5(g::text) || ').',"
                    + " 'UPR', 'UPR', 'A/HRC/' || (40 + g % 12) || '/' || '" + country + "',"
                    + " (100 + g / 100) || '.' || (1 + g % 100), 3 + g % 2,"
                    + " (array['SUPPORTED', 'SUPPORTED_IN_PART', 'NOTED', 'PENDING'])[1 + g % 4],"
                    + " array['Chile', 'Norway'], array['Education', 'Children'], array['Children'], array[4, 10],"
                    + " date '2020-01-01' + g % 1500, now(), now(), 0 from generate_series(1, " + count + ") g");
            st.execute("insert into recommendation_tracking (recommendation_id, implementation_status, priority_level,"
                    + " updated_at, version) select id, (array['IN_PROGRESS', 'PARTIALLY_IMPLEMENTED', 'IMPLEMENTED'])"
                    + "[1 + (abs(hashtext(id::text)) % 3)], 'HIGH', now(), 1 from recommendation where country = '"
                    + country + "' and abs(hashtext(id::text)) % 3 = 0");
            st.execute("insert into institution (id, country, code, name, kind, created_at, updated_at, version)"
                    + " values (gen_random_uuid(), '" + country + "', 'ministry', 'Ministry', 'MINISTRY', now(), now(), 0)");
            st.execute("create temporary table seed_rec as select id, cast(row_number() over (order by id) - 1 as integer)"
                    + " as n from recommendation where country = '" + country + "'");
            st.execute("insert into action (id, country, title, lead_institution_id, start_date, end_date, indicator_ids,"
                    + " legislative_action_required, created_at, updated_at, version) select gen_random_uuid(), '"
                    + country + "', 'Action ' || n, (select id from institution where country = '" + country + "'),"
                    + " current_date, current_date + 365, '{}', false, now(), now(), 0 from seed_rec where n % 10 = 0");
            st.execute("insert into action_recommendation (action_id, recommendation_id) select a.id, r.id from"
                    + " (select id, cast(row_number() over (order by id) - 1 as integer) as n from action where country = '"
                    + country + "') a join seed_rec r on r.n / 10 = a.n");
            st.execute("drop table seed_rec");
            st.execute("analyze");
        }
    }
}
