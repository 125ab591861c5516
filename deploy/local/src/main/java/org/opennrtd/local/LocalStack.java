package org.opennrtd.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The whole system as plain processes: PostgreSQL, Keycloak and the three services. {@link #start} returns once
 * every part answers; {@link #close} stops them in reverse order. Used by {@code run.sh} (through
 * {@link LocalStackMain}) and by the end-to-end tests.
 */
public final class LocalStack implements AutoCloseable {

    /** Demo secret of the reporting service's client; override with REPORTING_CLIENT_SECRET. */
    static final String REPORTING_DEMO_SECRET = "reporting-service-demo-secret";

    private final StackSettings settings;
    private final List<StackSettings.Service> running = new ArrayList<>();
    private final List<ManagedProcess> services = new ArrayList<>();
    private Database database;
    private ManagedProcess keycloak;
    private Duration keycloakStartup;
    private boolean closed;

    private LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    public static LocalStack start(StackSettings settings) throws IOException, InterruptedException {
        LocalStack stack = new LocalStack(settings);
        try {
            stack.startAll();
            return stack;
        } catch (IOException | InterruptedException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() throws IOException, InterruptedException {
        Files.createDirectories(settings.logDirectory());
        List<Integer> ports = new ArrayList<>(List.of(settings.postgresPort(), settings.keycloakPort()));
        List<StackSettings.Service> toRun = new ArrayList<>();
        String only = System.getenv("LOCAL_STACK_SERVICES");
        for (StackSettings.Service service : StackSettings.SERVICES) {
            if (only != null && !only.isBlank() && !List.of(only.split("\\s*,\\s*")).contains(service.module())) {
                log("Skipping " + service.module() + ": not in LOCAL_STACK_SERVICES=" + only);
                continue;
            }
            if (settings.isPlaceholder(service)) {
                log("Skipping " + service.module() + ": the module is still a placeholder (no src/main)");
                continue;
            }
            if (!Files.isRegularFile(settings.serviceJar(service))) {
                throw new IllegalStateException("Missing " + settings.serviceJar(service)
                        + ": build first (./mvnw -B -DskipTests install)");
            }
            toRun.add(service);
            ports.add(settings.port(service));
            ports.add(settings.managementPort(service));
        }
        for (int port : ports) {
            if (inUse(port)) {
                throw new IllegalStateException("Port " + port + " is already in use: is the stack (or something else)"
                        + " already running? See deploy/local/run.sh status");
            }
        }

        // Keycloak is by far the slowest; PostgreSQL starts while it boots.
        long keycloakStart = System.nanoTime();
        log("Starting Keycloak on " + settings.keycloakUrl() + " (first start 25–100 s)");
        keycloak = KeycloakServer.start(settings);
        log("Starting PostgreSQL on port " + settings.postgresPort());
        database = Database.start(settings);
        KeycloakServer.awaitReady(keycloak, settings);
        keycloakStartup = Duration.ofNanos(System.nanoTime() - keycloakStart);
        log("Keycloak ready after " + keycloakStartup.toSeconds() + " s");

        for (StackSettings.Service service : toRun) {
            log("Starting " + service.module() + " on " + settings.serviceUrl(service));
            services.add(ManagedProcess.start(service.module(), List.of(javaExecutable(), "-jar",
                    settings.serviceJar(service).toString()), settings.repositoryRoot(), environment(service), settings));
            running.add(service);
        }
        ExecutorService waiting = Executors.newFixedThreadPool(Math.max(1, services.size()));
        try {
            List<Future<?>> readiness = new ArrayList<>();
            for (int i = 0; i < services.size(); i++) {
                ManagedProcess process = services.get(i);
                String url = settings.readinessUrl(running.get(i));
                readiness.add(waiting.submit(() -> {
                    process.awaitReady(url, Duration.ofMinutes(3));
                    return null;
                }));
            }
            for (Future<?> f : readiness) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            waiting.shutdownNow();
        }
        log("All services ready");
    }

    private Map<String, String> environment(StackSettings.Service service) {
        Map<String, String> env = ports(settings, service);
        env.put("DB_URL", database.jdbcUrl(service.database()));
        env.put("DB_USER", service.database());
        env.put("DB_PASSWORD", service.database());
        env.put("OIDC_AUTH_SERVER_URL", settings.issuer());
        if (service.module().equals("recommendations-service")) {
            // SDG target texts for suggestions; the client secret defaults to the realm's demo value.
            env.put("INDICATORS_URL", settings.serviceUrl("indicators-service"));
        }
        if (service.module().equals("reporting-service")) {
            env.put("RECOMMENDATIONS_URL", settings.serviceUrl("recommendations-service"));
            env.put("INDICATORS_URL", settings.serviceUrl("indicators-service"));
            String secret = System.getenv("REPORTING_CLIENT_SECRET");
            env.put("REPORTING_CLIENT_SECRET", secret == null || secret.isBlank() ? REPORTING_DEMO_SECRET : secret);
        }
        return env;
    }

    /**
     * Where a service listens: its API port and its management port (health, metrics, Swagger UI: the services run
     * their prod profile, with the management interface), both on the loopback only, since a local stack with demo
     * secrets stays on this machine.
     */
    static Map<String, String> ports(StackSettings settings, StackSettings.Service service) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(settings.port(service)));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("MANAGEMENT_PORT", Integer.toString(settings.managementPort(service)));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        return env;
    }

    public StackSettings settings() {
        return settings;
    }

    /** The services that run (a module still being a placeholder does not). */
    public List<StackSettings.Service> runningServices() {
        return List.copyOf(running);
    }

    public boolean isRunning(String module) {
        return running.stream().anyMatch(s -> s.module().equals(module));
    }

    public Duration keycloakStartup() {
        return keycloakStartup;
    }

    public KeycloakTokens tokens() {
        return new KeycloakTokens(settings.issuer());
    }

    // Faults, for the soak (org.opennrtd.local.Soak): each part can be killed or stopped and started again while
    // the rest runs. The data stays: PostgreSQL's folder and Keycloak's home are the run folder's.

    /** SIGKILL to a service (and whatever it started), as a crash or an out-of-memory kill would. */
    public synchronized void killService(String module) {
        ManagedProcess process = services.get(indexOf(module));
        process.kill();
    }

    /** Starts a service that was killed, with the environment it had, and waits until it is ready. */
    public synchronized void startService(String module) throws IOException, InterruptedException {
        int i = indexOf(module);
        StackSettings.Service service = running.get(i);
        ManagedProcess process = ManagedProcess.start(service.module(), List.of(javaExecutable(), "-jar",
                settings.serviceJar(service).toString()), settings.repositoryRoot(), environment(service), settings);
        services.set(i, process);
        process.awaitReady(settings.readinessUrl(service), Duration.ofMinutes(3));
    }

    public synchronized void stopKeycloak() {
        keycloak.close();
    }

    /**
     * Starts Keycloak again on its data. Its embedded H2 file can stay locked for a while after a stop, and Keycloak
     * then exits at once: up to three tries, ten seconds apart.
     */
    public synchronized void startKeycloak() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            keycloak = KeycloakServer.start(settings);
            try {
                KeycloakServer.awaitReady(keycloak, settings);
                return;
            } catch (IllegalStateException e) {
                keycloak.close();
                if (attempt == 3) {
                    throw e;
                }
                log("Keycloak did not start (" + e.getMessage().lines().findFirst().orElse("") + "); again in 10 s");
                Thread.sleep(10_000);
            }
        }
    }

    /** A fast shutdown of PostgreSQL (open connections are cut) and a start on the same data. */
    public synchronized void restartDatabase() throws IOException {
        database.close();
        database = Database.start(settings);
    }

    private int indexOf(String module) {
        for (int i = 0; i < running.size(); i++) {
            if (running.get(i).module().equals(module)) {
                return i;
            }
        }
        throw new IllegalArgumentException(module + " does not run");
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = services.size() - 1; i >= 0; i--) {
            log("Stopping " + services.get(i).name());
            services.get(i).close();
        }
        if (keycloak != null) {
            log("Stopping Keycloak");
            keycloak.close();
        }
        if (database != null) {
            log("Stopping PostgreSQL");
            try {
                database.close();
            } catch (IOException e) {
                log("PostgreSQL did not stop cleanly: " + e);
            }
        }
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static boolean inUse(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void log(String message) {
        System.out.println("[local-stack] " + message);
    }
}
