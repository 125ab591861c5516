package org.opennrtd.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Serves at /q/openapi what the code defines (a SmallRye scan) instead of the contract file, so that a test can
 * compare the code's endpoints with the contract.
 */
public class CodeScanProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mp.openapi.scan.disable", "false",
                "quarkus.smallrye-openapi.ignore-static-document", "true");
    }
}
