package org.opennrtd.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** deploy/CONFIGURATION.md lists every environment variable any service reads. */
class ConfigurationReferenceTest {

    @Test
    void everyVariableAServiceReadsIsDocumented() throws IOException {
        String reference = Files.readString(ServiceConfig.ROOT.resolve("deploy/CONFIGURATION.md"));
        for (String service : ServiceConfig.SERVICES) {
            for (String variable : ServiceConfig.of(service).environment().keySet()) {
                assertTrue(reference.contains("| `" + variable + "` |"),
                        variable + " (read by " + service + ") is missing from deploy/CONFIGURATION.md");
            }
        }
    }
}
