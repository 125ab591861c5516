package org.opennrtd.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where everything lives and on which ports it listens. Two shapes: {@link #localRun} (fixed ports, data kept
 * under {@code deploy/local/.run/} between runs) and {@link #throwAway} (free ports, everything under a folder the
 * caller deletes, used by the end-to-end tests).
 *
 * @param repositoryRoot  the repository root; each service is {@code <root>/<module>/target/quarkus-app/quarkus-run.jar}
 * @param runDirectory    logs, PID files and (for local runs) the PostgreSQL data and Keycloak copy
 * @param keycloakDistribution the unpacked {@code keycloak-quarkus-dist} (built by this module)
 * @param realmFile       the realm export imported at Keycloak's first start
 * @param persistent      keep PostgreSQL's and Keycloak's data between runs
 * @param servicePorts    each service's API port (the API and its contract, /q/openapi)
 * @param managementPorts each service's management port (health, metrics, Swagger UI): the services run their prod
 *                        profile, which serves those on the management interface only
 */
public record StackSettings(
        Path repositoryRoot,
        Path runDirectory,
        Path keycloakDistribution,
        Path realmFile,
        boolean persistent,
        int postgresPort,
        int keycloakPort,
        Map<String, Integer> servicePorts,
        Map<String, Integer> managementPorts) {

    public static final String REALM = "opennrtd";
    public static final String KEYCLOAK_VERSION = "26.5.6";
    /** The three services, in start order; each owns a database, a user and a password of the same name locally. */
    public static final List<Service> SERVICES = List.of(
            new Service("recommendations-service", "recommendations", 8081, 9081),
            new Service("indicators-service", "indicators", 8082, 9082),
            new Service("reporting-service", "reporting", 8083, 9083));

    /** One OpenNRTD service module, with the API and management ports its configuration defaults to. */
    public record Service(String module, String database, int defaultPort, int defaultManagementPort) {
    }

    /** The README's local stack: fixed, documented ports; data kept in {@code deploy/local/.run/}. */
    public static StackSettings localRun(Path repositoryRoot) {
        Path local = repositoryRoot.resolve("deploy/local");
        return new StackSettings(repositoryRoot, local.resolve(".run"),
                local.resolve("target/keycloak/keycloak-" + KEYCLOAK_VERSION),
                repositoryRoot.resolve("deploy/keycloak/opennrtd-realm.json"), true, 15432, 8180,
                Map.of("recommendations-service", 8081, "indicators-service", 8082, "reporting-service", 8083),
                Map.of("recommendations-service", 9081, "indicators-service", 9082, "reporting-service", 9083));
    }

    /** A stack for tests: free ports, nothing kept. */
    public static StackSettings throwAway(Path repositoryRoot, Path runDirectory, Path keycloakDistribution,
            Path realmFile) {
        return new StackSettings(repositoryRoot, runDirectory, keycloakDistribution, realmFile, false, freePort(),
                freePort(), Map.of("recommendations-service", freePort(), "indicators-service", freePort(),
                        "reporting-service", freePort()),
                Map.of("recommendations-service", freePort(), "indicators-service", freePort(),
                        "reporting-service", freePort()));
    }

    public int port(Service service) {
        return servicePorts.get(service.module());
    }

    public String serviceUrl(Service service) {
        return "http://localhost:" + port(service);
    }

    public String serviceUrl(String module) {
        return "http://localhost:" + servicePorts.get(module);
    }

    public int managementPort(Service service) {
        return managementPorts.get(service.module());
    }

    /** Health, metrics and the Swagger UI of a service: its management interface. */
    public String managementUrl(Service service) {
        return "http://localhost:" + managementPort(service);
    }

    public String managementUrl(String module) {
        return "http://localhost:" + managementPorts.get(module);
    }

    /** What says a service is ready: its readiness check, on the management port. */
    public String readinessUrl(Service service) {
        return managementUrl(service) + "/q/health/ready";
    }

    /** Keycloak's base URL; also the token issuer's host, fixed with {@code --hostname}. */
    public String keycloakUrl() {
        return "http://localhost:" + keycloakPort;
    }

    public String issuer() {
        return keycloakUrl() + "/realms/" + REALM;
    }

    public Path logDirectory() {
        return runDirectory.resolve("logs");
    }

    public Path pidDirectory() {
        return runDirectory.resolve("pids");
    }

    public Path serviceJar(Service service) {
        return repositoryRoot.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /**
     * A module that is still a placeholder (no {@code src/main}) has nothing to run yet; one with sources but no
     * built jar is an error the caller reports.
     */
    public boolean isPlaceholder(Service service) {
        return !repositoryRoot.resolve(service.module()).resolve("src/main").toFile().isDirectory();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port", e);
        }
    }
}
