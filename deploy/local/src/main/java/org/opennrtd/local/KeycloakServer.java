package org.opennrtd.local;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keycloak from its server distribution ({@code org.keycloak:keycloak-quarkus-dist}, unpacked by this module's
 * build), in development mode with its file database, importing the OpenNRTD realm at first start.
 *
 * <p>{@code --hostname=http://localhost:<port>} fixes the token issuer, so a token requested through 127.0.0.1
 * carries the same {@code iss} that the services expect.
 */
final class KeycloakServer {

    /** Master realm administrator of the local Keycloak (admin console). Demo value; override with env. */
    static final String BOOTSTRAP_ADMIN = envOr("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    static final String BOOTSTRAP_PASSWORD = envOr("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");

    private KeycloakServer() {
    }

    static ManagedProcess start(StackSettings settings) throws IOException {
        Path home = prepareHome(settings);
        Path javaHome = javaHome();
        Map<String, String> env = new HashMap<>();
        env.put("JAVA_HOME", javaHome.toString());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", BOOTSTRAP_ADMIN);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", BOOTSTRAP_PASSWORD);
        if (javaMajor(javaHome).orElse(17) >= 24) {
            // Silences a harmless shutdown error on Java 24 and later.
            env.put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
        }
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + settings.keycloakPort(),
                "--hostname=" + settings.keycloakUrl(),
                "--import-realm"));
        return ManagedProcess.start("keycloak", command, home, env, settings);
    }

    static void awaitReady(ManagedProcess keycloak, StackSettings settings) throws InterruptedException {
        keycloak.awaitReady(settings.issuer() + "/.well-known/openid-configuration", Duration.ofMinutes(5));
    }

    /**
     * Local runs use a copy of the distribution under the run folder, so that Keycloak's data (the realm as
     * changed in the admin console) survives {@code mvn clean}. Tests use the unpacked distribution itself with
     * its data folder emptied first.
     */
    private static Path prepareHome(StackSettings settings) throws IOException {
        Path dist = settings.keycloakDistribution();
        if (!Files.isExecutable(dist.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak distribution at " + dist
                    + ": build deploy/local first (./mvnw -B -DskipTests install)");
        }
        Path home;
        if (settings.persistent()) {
            home = settings.runDirectory().resolve("keycloak-" + StackSettings.KEYCLOAK_VERSION);
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                copyTree(dist, home);
            }
        } else {
            home = dist;
            deleteTree(home.resolve("data"));
        }
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        // Imported only while the realm does not exist yet; later changes to the file need `run.sh reset`.
        Files.copy(settings.realmFile(), imports.resolve("opennrtd-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        return home;
    }

    /** Keycloak 26 wants Java 21 or later; use the newest such JDK under /usr/lib/jvm, else this JVM's. */
    static Path javaHome() {
        String explicit = System.getenv("KEYCLOAK_JAVA_HOME");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        Path current = Path.of(System.getProperty("java.home"));
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> candidates = Files.list(jvms)) {
                Optional<Path> best = candidates
                        .filter(p -> !Files.isSymbolicLink(p))
                        .filter(p -> Files.isExecutable(p.resolve("bin/java")))
                        .filter(p -> javaMajor(p).orElse(0) >= 21)
                        .max(Comparator.comparingInt(p -> javaMajor(p).orElse(0)));
                if (best.isPresent() && javaMajor(best.get()).orElse(0) > javaMajor(current).orElse(0)) {
                    return best.get();
                }
            } catch (IOException e) {
                // fall back to the current JVM
            }
        }
        return current;
    }

    private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

    static Optional<Integer> javaMajor(Path javaHome) {
        try {
            Matcher m = VERSION.matcher(Files.readString(javaHome.resolve("release")));
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Path partial = to.resolveSibling(to.getFileName() + ".partial");
        deleteTree(partial);
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(partial.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, partial.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                        LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
        Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
