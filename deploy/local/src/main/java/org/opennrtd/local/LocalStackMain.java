package org.opennrtd.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * The launcher behind {@code deploy/local/run.sh}.
 *
 * <ul>
 *   <li>{@code up}: starts the stack, loads the demo data, writes {@code .run/ready} (the summary run.sh prints)
 *   and then stays in the foreground as the supervisor until it receives SIGTERM, when it stops everything it
 *   started. On failure it writes {@code .run/failed} and exits 1.</li>
 *   <li>{@code status}: asks every part (PostgreSQL, Keycloak, each service) whether it is ready; exits 3 when
 *   one is not.</li>
 * </ul>
 * Argument after the command: the repository root (default: the current folder).
 */
public final class LocalStackMain {

    static final List<String[]> DEMO_LOGINS = List.of(
            new String[] {"admin", "admin", "every country, reads and writes"},
            new String[] {"coordinator-svn", "coordinator", "SVN, government-office-for-human-rights"},
            new String[] {"focal-point-svn", "focal-point", "SVN, ministry-of-justice"},
            new String[] {"nhri-svn", "nhri", "SVN, ombudsman"},
            new String[] {"civil-society-svn", "civil-society", "SVN, human-rights-ngo"},
            new String[] {"ohchr-analyst", "ohchr", "no country: reads every country"},
            new String[] {"coordinator-hrv", "coordinator", "HRV, government-office-for-human-rights"});

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length > 0 ? args[0] : "up";
        Path root = Path.of(args.length > 1 ? args[1] : ".").toAbsolutePath().normalize();
        StackSettings settings = StackSettings.localRun(root);
        switch (command) {
            case "up" -> System.exit(up(settings));
            case "status" -> System.exit(status(settings));
            default -> {
                System.err.println("Usage: LocalStackMain up|status [repository-root]");
                System.exit(2);
            }
        }
    }

    private static int up(StackSettings settings) throws IOException {
        Path ready = settings.runDirectory().resolve("ready");
        Path failed = settings.runDirectory().resolve("failed");
        Files.createDirectories(settings.runDirectory());
        Files.deleteIfExists(ready);
        Files.deleteIfExists(failed);
        LocalStack stack;
        try {
            stack = LocalStack.start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
            LocalStack.log("Loading demo data");
            DemoData.Result demo = DemoData.load(settings.repositoryRoot().resolve("deploy/local/demo-data/recommendations.json"),
                    settings.serviceUrl("recommendations-service"), stack.tokens());
            String summary = summary(stack, demo);
            writeAtomically(ready, summary);
            System.out.println(summary);
        } catch (Exception e) {
            e.printStackTrace(System.out);
            writeAtomically(failed, String.valueOf(e.getMessage()));
            return 1;
        }
        // Supervise: everything stops with this JVM (SIGTERM from `run.sh down`).
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static String summary(LocalStack stack, DemoData.Result demo) {
        StackSettings s = stack.settings();
        StringBuilder b = new StringBuilder();
        b.append("OpenNRTD is running (data in ").append(s.runDirectory()).append(", logs in ")
                .append(s.logDirectory()).append(")\n\n");
        for (StackSettings.Service service : stack.runningServices()) {
            String url = s.serviceUrl(service);
            String management = s.managementUrl(service);
            b.append(String.format("  %-24s %s   OpenAPI %s/q/openapi%n", service.module(), url, url));
            b.append(String.format("  %-24s %s   Swagger UI %s/q/swagger-ui   health %s/q/health   metrics %s/q/metrics%n",
                    "  management", management, management, management, management));
        }
        b.append(String.format("  %-24s %s   admin console %s/admin (%s / %s, demo only)%n", "Keycloak",
                s.keycloakUrl(), s.keycloakUrl(), KeycloakServer.BOOTSTRAP_ADMIN,
                KeycloakServer.BOOTSTRAP_PASSWORD.equals("admin") ? "admin" : "password from KC_BOOTSTRAP_ADMIN_PASSWORD"));
        b.append(String.format("  %-24s jdbc:postgresql://localhost:%d/<recommendations|indicators|reporting>"
                + " (user = password = database name)%n", "PostgreSQL", s.postgresPort()));
        b.append("\nDemo logins, realm ").append(StackSettings.REALM)
                .append(" (password = user name; demo only):\n");
        for (String[] login : DEMO_LOGINS) {
            b.append(String.format("  %-18s %-14s %s%n", login[0], login[1], login[2]));
        }
        b.append("  client ohchr       (client credentials, secret ohchr-demo-secret) reads every country\n");
        b.append("\nDemo data: ").append(demo.created()).append(" recommendations created, ")
                .append(demo.existing()).append(" already there; ").append(demo.moderatorsGranted())
                .append(" moderator grants made.\n");
        b.append("\nA token for curl:\n  curl -s -d grant_type=password -d client_id=opennrtd-cli -d username=coordinator-svn"
                + " -d password=coordinator-svn ").append(s.issuer()).append("/protocol/openid-connect/token\n");
        b.append("\nStop with: deploy/local/run.sh down\n");
        return b.toString();
    }

    private static int status(StackSettings settings) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int down = 0;
        down += probePostgres(settings.postgresPort());
        down += probe(http, "Keycloak", settings.issuer() + "/.well-known/openid-configuration");
        for (StackSettings.Service service : StackSettings.SERVICES) {
            if (!settings.isPlaceholder(service)) {
                down += probe(http, service.module(), settings.readinessUrl(service));
            }
        }
        return down == 0 ? 0 : 3;
    }

    /** PostgreSQL is ready when it accepts a login to one of the services' databases and answers a query. */
    private static int probePostgres(int port) {
        String url = "jdbc:postgresql://localhost:" + port + "/recommendations";
        String state;
        java.sql.DriverManager.setLoginTimeout(5);
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "recommendations", "recommendations");
             java.sql.Statement st = c.createStatement()) {
            st.execute("select 1");
            state = "ready";
        } catch (java.sql.SQLException e) {
            state = "not answering";
        }
        System.out.printf("  %-24s %-14s %s%n", "PostgreSQL", state, url);
        return state.equals("ready") ? 0 : 1;
    }

    private static int probe(HttpClient http, String name, String url) throws InterruptedException {
        String state;
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.discarding());
            state = r.statusCode() == 200 ? "ready" : "HTTP " + r.statusCode();
        } catch (IOException e) {
            state = "not answering";
        }
        System.out.printf("  %-24s %-14s %s%n", name, state, url);
        return state.equals("ready") ? 0 : 1;
    }

    private static void writeAtomically(Path file, String content) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
