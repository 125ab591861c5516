package org.opennrtd.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opennrtd.deploy.Kustomize.at;
import static org.opennrtd.deploy.Kustomize.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/compose agrees with the services (ports, images, health, environment) and commits no secret. */
class ComposeFileTest {

    static final Path COMPOSE = ServiceConfig.ROOT.resolve("deploy/compose");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::?[-?][^}]*)?}");

    @Test
    void eachServiceRunsAsItsConfigurationSays() throws IOException {
        Map<String, Object> services = map(Kustomize.readOne(COMPOSE.resolve("compose.yaml")).get("services"));
        assertTrue(services.keySet().containsAll(List.of("postgres", "keycloak")));
        for (String service : ServiceConfig.SERVICES) {
            ServiceConfig config = ServiceConfig.of(service);
            Map<String, Object> s = map(services.get(service));
            String image = withDefaults((String) s.get("image"));
            assertEquals(config.image(), image.substring(0, image.lastIndexOf(':')), service);
            // The API port is published; the management port (health, metrics, Swagger UI) only on the host's loopback.
            assertEquals(List.of(config.port() + ":" + config.port(),
                    "127.0.0.1:" + config.managementPort() + ":" + config.managementPort()), s.get("ports"), service);
            assertEquals(List.of("CMD", "curl", "-fsS", "http://localhost:" + config.managementPort() + "/q/health/ready"),
                    at(s, "healthcheck", "test"), service);
            Map<String, Object> env = map(s.get("environment"));
            for (String variable : env.keySet()) {
                assertTrue(config.environment().containsKey(variable) || variable.startsWith("QUARKUS_"),
                        service + " is given " + variable + ", which its configuration does not read");
                if (variable.contains("PASSWORD") || variable.contains("SECRET")) {
                    assertTrue(String.valueOf(env.get(variable)).matches("\\$\\{[A-Z_]+(:\\?[^}]*)?}"),
                            service + " " + variable + " must come from .env, not from the file");
                }
            }
            config.environment().forEach((variable, fallback) -> {
                if (fallback == null || fallback.contains("localhost")) {
                    assertTrue(env.containsKey(variable), service + " needs " + variable);
                }
            });
        }
    }

    @Test
    void everyVariableIsInTheExampleAndNoSecretIsCommitted() throws IOException {
        String compose = Files.readString(COMPOSE.resolve("compose.yaml"));
        Properties example = new Properties();
        try (var in = Files.newBufferedReader(COMPOSE.resolve(".env.example"))) {
            example.load(in);
        }
        Set<String> used = new TreeSet<>();
        Matcher m = INTERPOLATION.matcher(compose);
        while (m.find()) {
            used.add(m.group(1));
        }
        assertFalse(used.isEmpty());
        for (String variable : used) {
            assertTrue(example.containsKey(variable), ".env.example lacks " + variable);
        }
        for (String variable : example.stringPropertyNames()) {
            if (variable.contains("PASSWORD") || variable.contains("SECRET")) {
                assertEquals("CHANGE-ME", example.getProperty(variable), variable + " in .env.example");
            }
        }
        assertFalse(compose.contains("-demo-secret"));
        assertTrue(Files.readString(ServiceConfig.ROOT.resolve(".gitignore")).lines().anyMatch(l -> l.strip().equals(".env")),
                ".env must be ignored by git");
    }

    /** Compose's ${NAME:-default} replaced by its default. */
    static String withDefaults(String value) {
        return value.replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1");
    }
}
