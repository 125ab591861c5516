package org.opennrtd.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The deployed shape of the HTTP ports in a test: the management interface enabled (as in the prod profile), on a
 * free port of its own; tests reach it at the {@code test.management.url} Quarkus sets.
 */
public class ManagementInterfaceProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.management.enabled", "true",
                "quarkus.management.test-port", "0");
    }
}
