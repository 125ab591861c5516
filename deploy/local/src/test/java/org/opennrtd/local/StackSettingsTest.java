package org.opennrtd.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The launcher's ports agree with the services' own configuration, and every part of the local stack listens on a
 * port of its own (the three services run on one machine, each with an API and a management port).
 */
class StackSettingsTest {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
    static final Pattern DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:(\\d+)}");

    @Test
    void localPortsAreTheServicesDefaultsAndAllDistinct() throws IOException {
        StackSettings settings = StackSettings.localRun(ROOT);
        List<Integer> ports = new ArrayList<>(List.of(settings.postgresPort(), settings.keycloakPort()));
        for (StackSettings.Service service : StackSettings.SERVICES) {
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(ROOT.resolve(service.module())
                    .resolve("src/main/resources/application.properties"))) {
                props.load(r);
            }
            assertEquals(Integer.parseInt(props.getProperty("quarkus.http.port")), settings.port(service), service.module());
            Matcher m = DEFAULT.matcher(props.getProperty("quarkus.management.port"));
            assertEquals(true, m.matches(), service.module() + " quarkus.management.port");
            assertEquals(Integer.parseInt(m.group(1)), settings.managementPort(service), service.module());
            assertEquals(service.defaultPort(), settings.port(service));
            assertEquals(service.defaultManagementPort(), settings.managementPort(service));
            ports.add(settings.port(service));
            ports.add(settings.managementPort(service));
        }
        assertEquals(ports.size(), new HashSet<>(ports).size(), "every port once: " + ports);
    }

    @Test
    void readinessIsAskedOfTheManagementPort() {
        StackSettings settings = StackSettings.localRun(ROOT);
        for (StackSettings.Service service : StackSettings.SERVICES) {
            assertEquals("http://localhost:" + service.defaultManagementPort() + "/q/health/ready",
                    settings.readinessUrl(service));
        }
    }

    @Test
    void eachServiceIsToldBothPortsOnTheLoopback() {
        StackSettings settings = StackSettings.throwAway(ROOT, ROOT.resolve("target/never-used"), ROOT, ROOT);
        for (StackSettings.Service service : StackSettings.SERVICES) {
            Map<String, String> env = LocalStack.ports(settings, service);
            assertEquals(Map.of(
                    "QUARKUS_HTTP_PORT", Integer.toString(settings.port(service)),
                    "QUARKUS_HTTP_HOST", "127.0.0.1",
                    "MANAGEMENT_PORT", Integer.toString(settings.managementPort(service)),
                    "QUARKUS_MANAGEMENT_HOST", "127.0.0.1"), env, service.module());
        }
    }
}
