package org.opennrtd.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The soak and fault-injection run: the whole stack for a set time under a bounded mixed load from several users and
 * roles, while PostgreSQL is restarted, Keycloak stopped for a minute, each service killed with SIGKILL in the middle of
 * an import and a report job, and the indicators service frozen (unreachable) while reports and SDG suggestions run.
 * Every acknowledged write is recorded and checked at the end: readable with what was written, applied once, no job
 * stuck; every answer during a fault is either correct or a 503 with Retry-After. A backup taken mid-run restores into
 * a fresh database holding every write acknowledged before it. Writes a Markdown report. Not part of the test run:
 * {@code deploy/bench/soak.sh} (see the README).
 */
public final class Soak {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final String COUNTRY = "SVN";

    /** One answer: which request, when, under which fault, and how it ended (status 0: no connection, -1: timeout). */
    record Outcome(String kind, String service, long startNanos, long micros, int status, boolean retryAfter,
            String fault) {
    }

    /** An acknowledged (or unacknowledged: no clear answer) write, with what a later read must show. */
    record Write(String kind, String id, String marker, String scope, boolean acknowledged, Instant at) {
    }

    private final LocalStack stack;
    private final StackSettings settings;
    private final String run = Long.toString(System.currentTimeMillis() / 1000, 36);
    private final Duration length;
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String[]> jobs = new ConcurrentLinkedQueue<>(); // service, path of the job
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final AtomicReference<String> fault = new AtomicReference<>("none");
    private final Map<String, String> downService = new ConcurrentHashMap<>(); // service -> fault while it has no process
    private final List<String> timeline = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<String> injectionProblems = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean stopping;
    private final long started = System.nanoTime();
    private List<String> recommendationIds;
    private String institutionId;
    private String indicatorId;
    private int backupWrites = -1;
    private Path backup;

    private Soak(LocalStack stack, Duration length) {
        this.stack = stack;
        this.settings = stack.settings();
        this.length = length;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Duration length = Duration.ofMinutes(Long.parseLong(envOr("SOAK_MINUTES", "10")));
        StackSettings settings = StackSettings.localRun(root);
        LocalStack stack = LocalStack.start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "soak-stop"));
        DemoData.load(root.resolve("deploy/local/demo-data/recommendations.json"),
                settings.serviceUrl("recommendations-service"), stack.tokens());
        Soak soak = new Soak(stack, length);
        String report;
        try {
            report = soak.runAll();
        } catch (Exception e) {
            e.printStackTrace(System.out);
            stack.close();
            System.exit(2);
            return;
        }
        Path out = settings.runDirectory().resolve("soak-report.md");
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
        System.out.println("Report written to " + out);
        stack.close();
        System.exit(report.contains("**FAILED**") ? 1 : 0);
    }

    private String runAll() throws Exception {
        prepare();
        List<Thread> users = new ArrayList<>();
        users.add(user("coordinator-follow-up", this::followUpWrite, 150));
        users.add(user("coordinator-actions", this::actionWrite, 300));
        users.add(user("civil-society-comments", this::commentWrite, 150));
        users.add(user("coordinator-observations", this::observationWrite, 200));
        users.add(user("focal-point-reads", this::reads, 20));
        users.add(user("focal-point-reads-2", this::reads, 20));
        users.add(user("ohchr-status", this::statusPull, 50));
        users.add(user("admin-imports", this::importJob, 20_000));
        users.add(user("coordinator-jobs", this::reportOrClusterJob, 15_000));
        users.add(user("coordinator-sdg-suggestions", this::sdgSuggestion, 2_000));
        users.forEach(Thread::start);
        Thread tokensRefresher = new Thread(this::refreshTokens, "token-refresh");
        tokensRefresher.setDaemon(true);
        tokensRefresher.start();
        faults();
        stopping = true;
        for (Thread t : users) {
            t.join(CLIENT_TIMEOUT.toMillis() * 3);
        }
        tokensRefresher.interrupt();
        return report(verify());
    }

    // ---- preparation -----------------------------------------------------------------------------------------

    private void prepare() throws Exception {
        refreshTokensOnce();
        String list = "/api/v1/recommendations?country=" + COUNTRY + "&limit=100";
        if (getJson("recommendations-service", list, "coordinator-svn").path("page").path("total").asInt() < 60) {
            // A fresh stack holds only the demo data: give the soak enough recommendations of its country to work on.
            String seed = submitImport(60);
            jobs.clear();
            for (int i = 0; i < 120; i++) {
                String state = getJson("recommendations-service", "/api/v1/imports/" + seed, "admin").path("state").asText();
                if (state.equals("SUCCEEDED")) {
                    break;
                }
                if (state.equals("FAILED")) {
                    throw new IllegalStateException("The seed import failed");
                }
                pause(500);
            }
        }
        JsonNode page = getJson("recommendations-service", list, "coordinator-svn");
        recommendationIds = new ArrayList<>();
        page.path("items").forEach(i -> recommendationIds.add(i.path("id").asText()));
        if (recommendationIds.size() < 60) {
            throw new IllegalStateException("Need at least 60 recommendations of " + COUNTRY + "; found "
                    + recommendationIds.size());
        }
        JsonNode institutions = getJson("recommendations-service", "/api/v1/institutions?country=" + COUNTRY
                + "&limit=1", "coordinator-svn");
        if (institutions.path("items").isEmpty()) {
            ObjectNode body = JSON.createObjectNode().put("country", COUNTRY).put("name", "Soak ministry " + run)
                    .put("kind", "MINISTRY");
            institutionId = send("recommendations-service", "POST", "/api/v1/institutions", body, "coordinator-svn",
                    Map.of()).body().path("id").asText();
        } else {
            institutionId = institutions.path("items").get(0).path("id").asText();
        }
        ObjectNode indicator = JSON.createObjectNode().put("code", "SOAK-" + run).put("countryCode", COUNTRY)
                .put("name", "Soak indicator " + run).put("unit", "NUMBER").put("periodicity", "IRREGULAR");
        indicator.putObject("dataProvider").put("institution", "soak").put("name", "Soak");
        Answer created = send("indicators-service", "POST", "/api/v1/national-indicators", indicator,
                "coordinator-svn", Map.of());
        if (created.status() != 201) {
            throw new IllegalStateException("Cannot create the soak indicator: " + created.status() + " " + created.raw());
        }
        indicatorId = created.body().path("id").asText();
        log("Prepared: " + recommendationIds.size() + " recommendations of " + COUNTRY + ", run " + run);
    }

    // ---- the load ----------------------------------------------------------------------------------------------

    private interface Action {
        void run(int worker) throws Exception;
    }

    private Thread user(String name, Action action, long pauseMillis) {
        int worker = sequence.incrementAndGet();
        Thread t = new Thread(() -> {
            while (!stopping) {
                try {
                    action.run(worker);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    log(name + ": " + e);
                }
                pause(pauseMillis);
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    private void followUpWrite(int worker) throws Exception {
        // Each worker has its own recommendations: its writes never race, so its last acknowledged one is the truth.
        String id = recommendationIds.get(ThreadLocalRandom.current().nextInt(10));
        Answer current = send("recommendations-service", "GET", "/api/v1/recommendations/" + id + "/follow-up", null,
                "coordinator-svn", Map.of(), "follow-up read");
        if (current.status() != 200) {
            return;
        }
        String marker = "soak " + run + " " + UUID.randomUUID();
        String[] states = {"NOT_STARTED", "IN_PROGRESS", "PARTIALLY_IMPLEMENTED", "IMPLEMENTED"};
        ObjectNode body = JSON.createObjectNode()
                .put("implementationStatus", states[ThreadLocalRandom.current().nextInt(states.length)])
                .put("statusNote", marker);
        Answer a = send("recommendations-service", "PUT", "/api/v1/recommendations/" + id + "/follow-up", body,
                "coordinator-svn", Map.of("If-Match", current.etag()), "follow-up write");
        record("follow-up", id, marker, id, a, 200);
    }

    private void actionWrite(int worker) throws Exception {
        String marker = "Soak action " + run + " " + UUID.randomUUID();
        ObjectNode body = JSON.createObjectNode().put("country", COUNTRY).put("title", marker)
                .put("leadInstitutionId", institutionId);
        body.putArray("recommendationIds").add(recommendationIds.get(10 + ThreadLocalRandom.current().nextInt(10)));
        Answer a = send("recommendations-service", "POST", "/api/v1/actions", body, "coordinator-svn", Map.of(),
                "action create");
        record("action", a.status() == 201 ? a.body().path("id").asText() : null, marker, null, a, 201);
    }

    private void commentWrite(int worker) throws Exception {
        String recommendation = recommendationIds.get(20 + ThreadLocalRandom.current().nextInt(
                Math.min(20, recommendationIds.size() - 20)));
        String marker = "Soak comment " + run + " " + UUID.randomUUID();
        Answer a = send("recommendations-service", "POST", "/api/v1/recommendations/" + recommendation + "/comments",
                JSON.createObjectNode().put("text", marker), "civil-society-svn", Map.of(), "comment create");
        record("comment", a.status() == 201 ? a.body().path("id").asText() : null, marker, recommendation, a, 201);
    }

    private void observationWrite(int worker) throws Exception {
        // One day per write: a second write of the same day would be a 409, so a write applied twice shows.
        String period = LocalDate.of(1900, 1, 1).plusDays(sequence.incrementAndGet()).toString();
        double value = ThreadLocalRandom.current().nextInt(1_000_000) / 100.0;
        ObjectNode body = JSON.createObjectNode().put("period", period).put("value", value);
        Answer a = send("indicators-service", "POST", "/api/v1/national-indicators/" + indicatorId + "/observations",
                body, "coordinator-svn", Map.of(), "observation create");
        record("observation", period, Double.toString(value), indicatorId, a, 201);
    }

    private void reads(int worker) throws Exception {
        String id = recommendationIds.get(ThreadLocalRandom.current().nextInt(recommendationIds.size()));
        switch (ThreadLocalRandom.current().nextInt(6)) {
            case 0 -> send("recommendations-service", "GET", "/api/v1/recommendations/" + id, null, "focal-point-svn",
                    Map.of(), "read by id");
            case 1 -> send("recommendations-service", "GET", "/api/v1/recommendations?country=" + COUNTRY
                    + "&mechanism=UPR&position=SUPPORTED&limit=20", null, "focal-point-svn", Map.of(), "list");
            case 2 -> send("recommendations-service", "GET", "/api/v1/recommendations?country=" + COUNTRY
                    + "&q=" + URLEncoder.encode("rights of the child", StandardCharsets.UTF_8) + "&limit=20", null,
                    "focal-point-svn", Map.of(), "search");
            case 3 -> send("recommendations-service", "GET", "/api/v1/recommendation-statistics?country=" + COUNTRY,
                    null, "focal-point-svn", Map.of(), "statistics");
            case 4 -> send("indicators-service", "GET", "/api/v1/national-indicators/" + indicatorId
                    + "/observations?limit=50", null, "focal-point-svn", Map.of(), "observations");
            default -> send("recommendations-service", "GET", "/api/v1/recommendations/" + id + "/comments", null,
                    "focal-point-svn", Map.of(), "comments");
        }
    }

    private void statusPull(int worker) throws Exception {
        String[] countries = {"SVN", "HRV", "FRA", "BRA"};
        String country = countries[ThreadLocalRandom.current().nextInt(countries.length)];
        send("reporting-service", "GET", "/api/v1/countries/" + country + "/status", null, "ohchr", Map.of(),
                "country status");
    }

    private void importJob(int worker) throws Exception {
        submitImport(40);
    }

    private String submitImport(int rows) throws Exception {
        String symbol = "SOAK/" + run + "/" + sequence.incrementAndGet();
        StringBuilder csv = new StringBuilder("documentSymbol,paragraph,text,body,position,uprCycle\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(symbol).append(',').append(i).append(".1,\"Soak recommendation ").append(i)
                    .append(" of ").append(symbol).append(": adopt a national plan on the rights of the child\",UPR,")
                    .append("Supported,4\n");
        }
        String boundary = "soak" + UUID.randomUUID();
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"country\"\r\n\r\n" + COUNTRY
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"soak.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        Answer a = sendRaw("recommendations-service", "POST", "/api/v1/imports",
                HttpRequest.BodyPublishers.ofString(multipart), "multipart/form-data; boundary=" + boundary, "admin",
                Map.of(), "import submit");
        if (a.status() == 202) {
            String job = a.body().path("id").asText();
            jobs.add(new String[] {"recommendations-service", "/api/v1/imports/" + job, symbol, Integer.toString(rows)});
            return job;
        }
        return null;
    }

    private void reportOrClusterJob(int worker) throws Exception {
        if (ThreadLocalRandom.current().nextInt(3) == 0) {
            submitCluster();
        } else {
            submitReport();
        }
    }

    private String submitReport() throws Exception {
        String[] formats = {"HTML", "JSON", "PDF", "DOCX"};
        ObjectNode body = JSON.createObjectNode().put("type", "UPR_MID_TERM")
                .put("format", formats[ThreadLocalRandom.current().nextInt(formats.length)]).put("country", COUNTRY);
        Answer a = send("reporting-service", "POST", "/api/v1/report-jobs", body, "coordinator-svn", Map.of(),
                "report submit");
        if (a.status() == 202 || a.status() == 201) {
            String job = a.body().path("id").asText();
            jobs.add(new String[] {"reporting-service", "/api/v1/report-jobs/" + job, null, null});
            return job;
        }
        return null;
    }

    private void submitCluster() throws Exception {
        Answer a = send("recommendations-service", "POST", "/api/v1/cluster-computations",
                JSON.createObjectNode().put("country", COUNTRY), "coordinator-svn", Map.of(), "cluster submit");
        if (a.status() == 202 || a.status() == 201) {
            jobs.add(new String[] {"recommendations-service", "/api/v1/cluster-computations/"
                    + a.body().path("id").asText(), null, null});
        }
    }

    private void sdgSuggestion(int worker) throws Exception {
        String id = recommendationIds.get(40 + ThreadLocalRandom.current().nextInt(recommendationIds.size() - 40));
        send("recommendations-service", "POST", "/api/v1/recommendations/" + id + "/sdg-suggestions", null,
                "coordinator-svn", Map.of(), "sdg suggestion");
    }

    // ---- faults ------------------------------------------------------------------------------------------------

    private void faults() throws Exception {
        double scale = length.toSeconds() / 600.0;
        at(60 * scale, "PostgreSQL restarted", () -> stack.restartDatabase());
        at(150 * scale, "Keycloak stopped for 60 s", () -> {
            stack.stopKeycloak();
            sleepSeconds(60);
            stack.startKeycloak();
        });
        at(240 * scale, "recommendations-service SIGKILL during an import and a report job",
                () -> killDuringJobs("recommendations-service"));
        at(330 * scale, "backup (pg_dump) of the recommendations database", this::takeBackup);
        at(360 * scale, "reporting-service SIGKILL during an import and a report job",
                () -> killDuringJobs("reporting-service"));
        at(440 * scale, "indicators-service SIGKILL during an import and a report job",
                () -> killDuringJobs("indicators-service"));
        at(500 * scale, "indicators-service unreachable (frozen) for 60 s while reports and SDG suggestions run",
                this::freezeIndicators);
        sleepUntil(length.toSeconds());
    }

    private interface Fault {
        void inject() throws Exception;
    }

    private void at(double second, String name, Fault f) throws Exception {
        sleepUntil((long) second);
        long from = elapsedSeconds();
        fault.set(name);
        log("FAULT " + name);
        try {
            f.inject();
            // Let clients see the recovered system for a few seconds before the window closes.
            sleepSeconds(5);
        } catch (Exception e) {
            log("  could not inject or recover from '" + name + "': " + e);
            injectionProblems.add("fault '" + name + "' could not be injected or recovered from: " + e.getMessage());
        } finally {
            fault.set("none");
        }
        timeline.add(String.format("| %d–%d s | %s |", from, elapsedSeconds(), name));
    }

    private void killDuringJobs(String service) throws Exception {
        String importJob = submitImport(3_000);
        String reportJob = submitReport();
        log("  in flight: import " + importJob + ", report " + reportJob);
        pause(1_500);
        downService.put(service, fault.get());
        stack.killService(service);
        log("  killed " + service);
        long t0 = System.nanoTime();
        stack.startService(service);
        downService.remove(service);
        log(String.format("  %s ready again after %.1f s", service, (System.nanoTime() - t0) / 1e9));
    }

    private void freezeIndicators() throws Exception {
        long pid = Long.parseLong(Files.readString(settings.pidDirectory().resolve("indicators-service.pid")).strip());
        // The frozen service itself cannot answer: calls to it count like calls to a killed one.
        downService.put("indicators-service", fault.get());
        signal(pid, "STOP");
        try {
            for (int i = 0; i < 3; i++) {
                submitReport();
            }
            sleepSeconds(60);
        } finally {
            signal(pid, "CONT");
            downService.remove("indicators-service");
        }
    }

    private static void signal(long pid, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    /**
     * An online base backup of the whole cluster, as point-in-time recovery takes it: {@code pg_backup_start}, a copy
     * of the data folder while the load runs, {@code pg_backup_stop}, the backup label and the WAL written meanwhile.
     * (pg_dump is the other documented method, but the client tools here are PostgreSQL 15's and the local server is
     * 17.)
     */
    private void takeBackup() throws Exception {
        List<Write> before = writes.stream().filter(Write::acknowledged).toList();
        Path data = settings.runDirectory().resolve("postgres");
        backup = settings.runDirectory().resolve("soak-backup");
        KeycloakServer.deleteTree(backup);
        String admin = "jdbc:postgresql://localhost:" + settings.postgresPort() + "/postgres";
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(admin, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("select pg_backup_start('soak " + run + "', true)");
            copyTree(data, backup, p -> {
                String rel = data.relativize(p).toString();
                return !(rel.startsWith("pg_wal") || rel.equals("postmaster.pid") || rel.equals("postmaster.opts")
                        || rel.startsWith("pg_replslot/") || rel.startsWith("pg_stat_tmp/"));
            });
            try (ResultSet r = st.executeQuery("select labelfile from pg_backup_stop(false)")) {
                r.next();
                Files.writeString(backup.resolve("backup_label"), r.getString(1), StandardCharsets.UTF_8);
            }
        }
        copyTree(data.resolve("pg_wal"), backup.resolve("pg_wal"), p -> true);
        // PostgreSQL refuses a data folder others may read (0755, the umask's default for a new folder): the restore
        // then never starts, which is what the first run met.
        Files.setPosixFilePermissions(backup, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        backupBefore = before;
        backupWrites = before.size();
        log(String.format("  base backup in %.1f s with %d acknowledged writes before it", (System.nanoTime() - t0) / 1e9,
                backupWrites));
    }

    private List<Write> backupBefore = List.of();

    private static void copyTree(Path from, Path to, java.util.function.Predicate<Path> keep) throws IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(from)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (!p.equals(from) && !keep.test(p)) {
                    continue;
                }
                Path target = to.resolve(from.relativize(p).toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // a file PostgreSQL removed while we copied: the WAL replay recreates what matters
                }
            }
        }
        Files.createDirectories(to);
    }

    // ---- verification --------------------------------------------------------------------------------------------

    private record Verdict(List<String> problems, Map<String, int[]> writeCounts, List<String> jobLines,
            String backupLine) {
    }

    private Verdict verify() throws Exception {
        List<String> problems = new ArrayList<>(injectionProblems);
        refreshTokensOnce();
        Map<String, int[]> counts = new TreeMap<>(); // kind -> acknowledged, found, unacknowledged, unacknowledged found
        // Follow-ups: the last acknowledged note per recommendation, unless a later unacknowledged one won.
        Map<String, List<Write>> byRecommendation = new LinkedHashMap<>();
        for (Write w : writes) {
            if (w.kind().equals("follow-up")) {
                byRecommendation.computeIfAbsent(w.scope(), k -> new ArrayList<>()).add(w);
            }
        }
        for (Map.Entry<String, List<Write>> e : byRecommendation.entrySet()) {
            Answer a = send("recommendations-service", "GET", "/api/v1/recommendations/" + e.getKey() + "/follow-up",
                    null, "coordinator-svn", Map.of(), "verify");
            String note = a.body().path("statusNote").asText(null);
            List<Write> ws = e.getValue();
            int lastAck = -1;
            for (int i = 0; i < ws.size(); i++) {
                if (ws.get(i).acknowledged()) {
                    lastAck = i;
                }
            }
            boolean ok = false;
            for (int i = Math.max(lastAck, 0); i < ws.size(); i++) {
                if (ws.get(i).marker().equals(note) && (i == lastAck || !ws.get(i).acknowledged())) {
                    ok = true;
                }
            }
            int[] c = counts.computeIfAbsent("follow-up (latest per recommendation)", k -> new int[4]);
            if (lastAck >= 0) {
                c[0]++;
                if (ok) {
                    c[1]++;
                } else {
                    problems.add("follow-up of " + e.getKey() + ": expected '" + ws.get(lastAck).marker() + "', found '"
                            + note + "'");
                }
            }
        }
        // Actions by id; comments by marker, once each; observations by period, once each.
        for (Write w : writes) {
            if (w.kind().equals("action") && w.acknowledged()) {
                int[] c = counts.computeIfAbsent("action", k -> new int[4]);
                c[0]++;
                Answer a = send("recommendations-service", "GET", "/api/v1/actions/" + w.id(), null, "coordinator-svn",
                        Map.of(), "verify");
                if (a.status() == 200 && w.marker().equals(a.body().path("title").asText())) {
                    c[1]++;
                } else {
                    problems.add("action " + w.id() + " not readable as written: " + a.status());
                }
            }
        }
        Map<String, Integer> commentMarkers = new ConcurrentHashMap<>();
        for (String recommendation : writes.stream().filter(w -> w.kind().equals("comment")).map(Write::scope)
                .distinct().toList()) {
            for (int offset = 0; ; offset += 100) {
                JsonNode page = getJson("recommendations-service", "/api/v1/recommendations/" + recommendation
                        + "/comments?limit=100&offset=" + offset, "coordinator-svn");
                page.path("items").forEach(i -> commentMarkers.merge(i.path("text").asText(), 1, Integer::sum));
                if (page.path("items").size() < 100) {
                    break;
                }
            }
        }
        tally("comment", commentMarkers, Write::marker, counts, problems);
        Map<String, Integer> observationPeriods = new ConcurrentHashMap<>();
        for (int offset = 0; ; offset += 100) {
            JsonNode page = getJson("indicators-service", "/api/v1/national-indicators/" + indicatorId
                    + "/observations?limit=100&offset=" + offset, "coordinator-svn");
            page.path("items").forEach(i -> observationPeriods.merge(i.path("period").asText(), 1, Integer::sum));
            if (page.path("items").size() < 100) {
                break;
            }
        }
        tally("observation", observationPeriods, Write::id, counts, problems);

        // Jobs: each reaches a final state within five minutes of the load's end; an import is all or nothing.
        List<String> jobLines = new ArrayList<>();
        Map<String, Integer> jobStates = new TreeMap<>();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        for (String[] job : jobs) {
            String state = "UNKNOWN";
            while (Instant.now().isBefore(deadline)) {
                Answer a = send(job[0], "GET", job[1], null, job[0].equals("recommendations-service")
                        && job[1].startsWith("/api/v1/imports") ? "admin" : "coordinator-svn", Map.of(), "verify");
                state = a.body().path("state").asText("HTTP " + a.status());
                if (!List.of("QUEUED", "RUNNING", "PENDING").contains(state)) {
                    break;
                }
                pause(2_000);
            }
            String kind = job[1].replaceAll("/api/v1/([a-z-]+)/.*", "$1");
            jobStates.merge(kind + " " + state, 1, Integer::sum);
            if (List.of("QUEUED", "RUNNING", "PENDING", "UNKNOWN").contains(state) || state.startsWith("HTTP")) {
                problems.add("job " + job[1] + " stuck in " + state);
            }
            if (job[2] != null) {
                JsonNode page = getJson("recommendations-service", "/api/v1/recommendations?country=" + COUNTRY
                        + "&documentSymbol=" + URLEncoder.encode(job[2], StandardCharsets.UTF_8) + "&limit=1", "admin");
                long total = page.path("page").path("total").asLong(-1);
                long expected = state.equals("SUCCEEDED") ? Long.parseLong(job[3]) : 0;
                if (total != expected && !(state.equals("FAILED") && total == Long.parseLong(job[3]))) {
                    problems.add("import " + job[2] + " " + state + " left " + total + " of " + job[3] + " rows");
                }
            }
        }
        jobStates.forEach((k, v) -> jobLines.add("| " + k + " | " + v + " |"));

        String backupLine = "no backup taken";
        if (backup != null) {
            backupLine = restoreAndCheck(problems);
        }
        return new Verdict(problems, counts, jobLines, backupLine);
    }

    private void tally(String kind, Map<String, Integer> found, java.util.function.Function<Write, String> key,
            Map<String, int[]> counts, List<String> problems) {
        int[] c = counts.computeIfAbsent(kind, k -> new int[4]);
        for (Write w : writes) {
            if (!w.kind().equals(kind)) {
                continue;
            }
            int n = found.getOrDefault(key.apply(w), 0);
            if (w.acknowledged()) {
                c[0]++;
                if (n == 1) {
                    c[1]++;
                } else {
                    problems.add(kind + " '" + key.apply(w) + "' acknowledged, found " + n + " times");
                }
            } else {
                c[2]++;
                if (n == 1) {
                    c[3]++;
                } else if (n > 1) {
                    problems.add(kind + " '" + key.apply(w) + "' (no clear answer) found " + n + " times");
                }
            }
        }
    }

    /** Starts a second PostgreSQL on the backup (it recovers from the WAL) and looks for every write before it. */
    private String restoreAndCheck(List<String> problems) throws Exception {
        int port = settings.postgresPort() + 1;
        int present = 0;
        int checked = 0;
        try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres restored =
                     io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder().setDataDirectory(backup)
                             .setCleanDataDirectory(false).setPort(port).setPGStartupWait(Duration.ofSeconds(120))
                             .start()) {
            String url = "jdbc:postgresql://localhost:" + port + "/recommendations";
            try (Connection c = DriverManager.getConnection(url, "recommendations", "recommendations");
                 PreparedStatement action = c.prepareStatement("select count(*) from action where id = ?::uuid and title = ?");
                 PreparedStatement comment = c.prepareStatement("select count(*) from comment where text = ?")) {
                for (Write w : backupBefore) {
                    PreparedStatement q;
                    if (w.kind().equals("action")) {
                        q = action;
                        q.setString(1, w.id());
                        q.setString(2, w.marker());
                    } else if (w.kind().equals("comment")) {
                        q = comment;
                        q.setString(1, w.marker());
                    } else {
                        continue;
                    }
                    checked++;
                    try (ResultSet r = q.executeQuery()) {
                        r.next();
                        if (r.getInt(1) == 1) {
                            present++;
                        } else {
                            problems.add("backup: " + w.kind() + " '" + w.marker() + "' acknowledged before it, found "
                                    + r.getInt(1) + " times in the restored cluster");
                        }
                    }
                }
            }
        } catch (IOException | SQLException e) {
            problems.add("restore of the base backup failed: " + e.getMessage());
            return "restore failed: " + e.getMessage();
        } finally {
            KeycloakServer.deleteTree(backup);
        }
        return String.format("Online base backup taken at %d acknowledged writes; a second PostgreSQL started on it"
                + " (recovering from the WAL copied with it) holds %d of the %d actions and comments acknowledged before"
                + " it.", backupWrites, present, checked);
    }

    // ---- the report ----------------------------------------------------------------------------------------------

    private String report(Verdict v) {
        StringBuilder b = new StringBuilder();
        List<Outcome> all = new ArrayList<>(outcomes);
        long seconds = Math.max(1, elapsedSeconds());
        b.append("# Soak run ").append(run).append("\n\n").append(all.size()).append(" requests in ").append(seconds)
                .append(" s (").append(all.size() / seconds).append("/s), ").append(sequence.get())
                .append(" sequence numbers used; load average at the end: ").append(loadAverage()).append("\n\n");
        b.append("## Faults\n\n| When | Fault |\n|---|---|\n");
        timeline.forEach(l -> b.append(l).append('\n'));
        b.append("\n## Answers per kind (all windows)\n\n| Kind | Requests | p50 ms | p99 ms | max ms | Statuses |\n"
                + "|---|---:|---:|---:|---:|---|\n");
        Map<String, List<Outcome>> byKind = new TreeMap<>();
        all.forEach(o -> byKind.computeIfAbsent(o.kind(), k -> new ArrayList<>()).add(o));
        byKind.forEach((kind, os) -> {
            List<Long> micros = os.stream().map(Outcome::micros).sorted().toList();
            Map<Integer, Integer> statuses = new TreeMap<>();
            os.forEach(o -> statuses.merge(o.status(), 1, Integer::sum));
            b.append(String.format("| %s | %d | %.1f | %.1f | %.1f | %s |%n", kind, os.size(),
                    micros.get(micros.size() / 2) / 1000.0, micros.get((int) (micros.size() * 0.99)) / 1000.0,
                    micros.get(micros.size() - 1) / 1000.0, statuses));
        });
        b.append("\n## Answers during each fault\n\nStatus 0: connection refused (the service had no process); -1: no"
                + " answer within the client's 10 s.\n\n| Fault | Requests | Statuses | Not allowed |\n|---|---:|---|---:|\n");
        Map<String, List<Outcome>> byFault = new LinkedHashMap<>();
        all.stream().sorted((x, y) -> Long.compare(x.startNanos(), y.startNanos()))
                .forEach(o -> byFault.computeIfAbsent(o.fault(), k -> new ArrayList<>()).add(o));
        List<String> violations = new ArrayList<>();
        byFault.forEach((f, os) -> {
            Map<Integer, Integer> statuses = new TreeMap<>();
            int bad = 0;
            for (Outcome o : os) {
                statuses.merge(o.status(), 1, Integer::sum);
                if (!allowed(o)) {
                    bad++;
                    if (violations.size() < 40) {
                        violations.add(String.format("%s %s at %.1f s during '%s': %d%s", o.service(), o.kind(),
                                (o.startNanos() - started) / 1e9, f, o.status(), o.retryAfter() ? " (Retry-After)" : ""));
                    }
                }
            }
            b.append(String.format("| %s | %d | %s | %d |%n", f, os.size(), statuses, bad));
        });
        b.append("\n## Writes\n\n| Kind | Acknowledged | Found once | No clear answer | Of those found |\n"
                + "|---|---:|---:|---:|---:|\n");
        v.writeCounts().forEach((k, c) -> b.append(String.format("| %s | %d | %d | %d | %d |%n", k, c[0], c[1], c[2], c[3])));
        b.append("\n## Jobs (final states)\n\n| Job | Count |\n|---|---:|\n");
        v.jobLines().forEach(l -> b.append(l).append('\n'));
        b.append("\n## First refusal of each kind of write\n\n");
        if (refusals.isEmpty()) {
            b.append("None.\n");
        }
        refusals.forEach((k, r) -> b.append("- ").append(k).append(": `").append(r.length() > 400 ? r.substring(0, 400) : r)
                .append("`\n"));
        b.append("\n## Backup\n\n").append(v.backupLine()).append("\n\n## Verdict\n\n");
        List<String> problems = new ArrayList<>(v.problems());
        violations.forEach(x -> problems.add("answer not allowed: " + x));
        if (problems.isEmpty()) {
            b.append("Passed: every acknowledged write found once, no job stuck, every answer during a fault correct or"
                    + " a 503 with Retry-After.\n");
        } else {
            b.append("**FAILED** (").append(problems.size()).append(" problems):\n\n");
            problems.forEach(p -> b.append("- ").append(p).append('\n'));
        }
        return b.toString();
    }

    /**
     * Outside faults only the expected answers count; during a fault a 503 with Retry-After is also fine, and so is a
     * refused connection to the very service that has no process at that moment. Any other 5xx, a 503 without
     * Retry-After or no answer within the client's timeout is not (except from a service that is down or frozen).
     */
    private static boolean allowed(Outcome o) {
        if (o.status() >= 200 && o.status() < 500) {
            return o.status() != 401 || o.kind().equals("verify");
        }
        if (o.status() == 503 && o.retryAfter()) {
            return !o.fault().equals("none");
        }
        return (o.status() == 0 || o.status() == -1) && o.fault().startsWith("down:");
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------------

    record Answer(int status, String etag, JsonNode body, String raw) {
    }

    /** The first refusal (4xx) of each kind of write, with its problem document: a refused write is the soak's bug or the product's. */
    private final Map<String, String> refusals = new java.util.concurrent.ConcurrentSkipListMap<>();

    private void record(String kind, String id, String marker, String scope, Answer a, int expected) {
        if (a.status() >= 400 && a.status() < 500 && a.status() != 412 && a.status() != 428) {
            refusals.putIfAbsent(kind, a.status() + " " + (a.raw() == null ? "" : a.raw().replaceAll("\\s+", " ")));
        }
        boolean ack = a.status() == expected;
        boolean unclear = a.status() <= 0 || a.status() >= 500;
        if (ack || unclear) {
            writes.add(new Write(kind, id, marker, scope, ack, Instant.now()));
        }
    }

    private Answer send(String service, String method, String path, JsonNode body, String user,
            Map<String, String> headers) throws InterruptedException {
        return send(service, method, path, body, user, headers, "setup");
    }

    private Answer send(String service, String method, String path, JsonNode body, String user,
            Map<String, String> headers, String kind) throws InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString());
        return sendRaw(service, method, path, publisher, body == null ? null : "application/json", user, headers, kind);
    }

    private Answer sendRaw(String service, String method, String path, HttpRequest.BodyPublisher publisher,
            String contentType, String user, Map<String, String> headers, String kind) throws InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(settings.serviceUrl(service) + path))
                .timeout(CLIENT_TIMEOUT).method(method, publisher).header("Accept", "application/json")
                .header("Authorization", "Bearer " + tokens.getOrDefault(user, "none"));
        if (contentType != null) {
            r.header("Content-Type", contentType);
        }
        headers.forEach((k, v) -> {
            if (v != null) {
                r.header(k, v);
            }
        });
        String faultAtStart = currentFault(service);
        long t0 = System.nanoTime();
        int status;
        String etag = null;
        String raw = "";
        boolean retryAfter = false;
        try {
            HttpResponse<String> response = HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            etag = response.headers().firstValue("ETag").orElse(null);
            retryAfter = response.headers().firstValue("Retry-After").isPresent();
            raw = response.body();
        } catch (HttpTimeoutException e) {
            status = -1;
        } catch (ConnectException e) {
            status = 0;
        } catch (IOException e) {
            status = 0;
        }
        long micros = (System.nanoTime() - t0) / 1000;
        String faultAtEnd = currentFault(service);
        String f = !faultAtStart.equals("none") ? faultAtStart : faultAtEnd;
        if (!kind.equals("setup")) {
            outcomes.add(new Outcome(kind, service, t0, micros, status, retryAfter, f));
        }
        JsonNode parsed;
        try {
            parsed = raw.isBlank() ? JSON.createObjectNode() : JSON.readTree(raw);
        } catch (IOException e) {
            parsed = JSON.createObjectNode();
        }
        return new Answer(status, etag, parsed, raw);
    }

    private String currentFault(String service) {
        String down = downService.get(service);
        return down != null ? "down: " + down : fault.get();
    }

    private JsonNode getJson(String service, String path, String user) throws InterruptedException {
        Answer a = send(service, "GET", path, null, user, Map.of());
        if (a.status() != 200) {
            throw new IllegalStateException("GET " + path + " as " + user + ": " + a.status() + " " + a.raw());
        }
        return a.body();
    }

    // ---- tokens ----------------------------------------------------------------------------------------------------

    private void refreshTokens() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(120_000);
                refreshTokensOnce();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Keycloak stopped: keep the tokens already issued (they live 10 minutes).
                log("token refresh failed (kept the current tokens): " + e.getMessage());
            }
        }
    }

    private void refreshTokensOnce() {
        KeycloakTokens kc = stack.tokens();
        for (String user : List.of("coordinator-svn", "civil-society-svn", "focal-point-svn", "admin")) {
            tokens.put(user, kc.forUser(user));
        }
        tokens.put("ohchr", kc.forClient("ohchr", envOr("OHCHR_CLIENT_SECRET", "ohchr-demo-secret")));
    }

    // ---- small things ----------------------------------------------------------------------------------------------

    private long elapsedSeconds() {
        return (System.nanoTime() - started) / 1_000_000_000L;
    }

    private void sleepUntil(long second) throws InterruptedException {
        long wait = second * 1000 - (System.nanoTime() - started) / 1_000_000;
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static void sleepSeconds(long s) throws InterruptedException {
        Thread.sleep(s * 1000);
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static void log(String message) {
        System.out.println("[soak] " + Instant.now() + " " + message);
    }
}
