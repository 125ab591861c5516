package org.opennrtd.recommendations;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A WireMock server on the loopback address standing in for a UHRI-compatible export endpoint, which the scheduled
 * pull is configured to fetch. Tests stub it and read what it received over its admin API (a WireMock client on
 * {@code scheduled-pull-server.port}): this class and the test do not share a class loader.
 */
public class ScheduledPullServerTestResource implements QuarkusTestResourceLifecycleManager {

    static final String PATH = "/uhri/mng/export-full-en.json";

    private WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return Map.of(
                "opennrtd.import.scheduled-pull.url", "http://127.0.0.1:" + server.port() + PATH,
                "opennrtd.import.scheduled-pull.country", "MNG",
                "scheduled-pull-server.port", String.valueOf(server.port()));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
