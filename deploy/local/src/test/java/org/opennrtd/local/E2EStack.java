package org.opennrtd.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * One real stack for every end-to-end test of the JVM: a throw-away PostgreSQL, Keycloak with the shipped realm
 * and the three services' built jars, on free ports. Started on first use, stopped when the test JVM exits.
 */
final class E2EStack {

    private static LocalStack stack;
    private static RuntimeException failure;
    private static final Map<String, String> TOKENS = new HashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private E2EStack() {
    }

    static synchronized LocalStack get() {
        if (failure != null) {
            throw new IllegalStateException("The stack could not start (see the first failure)", failure);
        }
        if (stack == null) {
            Path root = Path.of(required("opennrtd.root"));
            Path work = Path.of(required("opennrtd.work"));
            StackSettings settings = StackSettings.throwAway(root, work, Path.of(required("opennrtd.keycloak.dist")),
                    Path.of(required("opennrtd.realm")));
            long started = System.nanoTime();
            try {
                Files.createDirectories(work);
                stack = LocalStack.start(settings);
            } catch (IOException | RuntimeException e) {
                failure = new IllegalStateException("Cannot start the stack; logs in " + settings.logDirectory(), e);
                throw failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("Interrupted while starting the stack", e);
                throw failure;
            }
            LocalStack.log("Stack up in " + Duration.ofNanos(System.nanoTime() - started).toSeconds()
                    + " s (Keycloak " + stack.keycloakStartup().toSeconds() + " s); logs in " + settings.logDirectory());
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "e2e-stack-stop"));
        }
        return stack;
    }

    /** A test of a service whose module is still a placeholder is skipped, visibly; any other absence fails. */
    static void assumeRunning(String module) {
        assumeTrue(get().isRunning(module), module + " is still a placeholder module (no src/main): nothing to test yet");
    }

    static String url(String module) {
        return get().settings().serviceUrl(module);
    }

    /** Health, metrics and the Swagger UI: the service's management port. */
    static String managementUrl(String module) {
        return get().settings().managementUrl(module);
    }

    /** Real tokens from Keycloak, one per demo user for the whole run (they live 10 minutes). */
    static synchronized String userToken(String username) {
        return TOKENS.computeIfAbsent("user:" + username, k -> get().tokens().forUser(username));
    }

    static synchronized String clientToken(String clientId, String secret) {
        return TOKENS.computeIfAbsent("client:" + clientId, k -> get().tokens().forClient(clientId, secret));
    }

    /** The token's payload, decoded without checking the signature: the services check that. */
    static JsonNode claims(String token) {
        String[] parts = token.split("\\.");
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        } catch (IOException e) {
            throw new IllegalStateException("Not a JWT: " + token, e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property + " is not set (the failsafe configuration"
                    + " of deploy/local/pom.xml sets it)");
        }
        return value;
    }
}
