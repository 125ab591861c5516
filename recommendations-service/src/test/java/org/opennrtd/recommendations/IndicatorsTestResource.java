package org.opennrtd.recommendations;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A WireMock server standing in for the indicators service and the realm's token endpoint (client credentials),
 * which the service calls for SDG target texts. Tests stub and verify it through {@link #server()}.
 */
public class IndicatorsTestResource implements QuarkusTestResourceLifecycleManager {

    static final String REALM_PATH = "/realms/opennrtd";
    static final String TOKEN_PATH = REALM_PATH + "/protocol/openid-connect/token";
    static final String CLIENT_SECRET = "recommendations-test-secret";

    private static WireMockServer server;

    static WireMockServer server() {
        return server;
    }

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
            server.start();
        }
        String base = "http://127.0.0.1:" + server.port();
        return Map.of(
                "quarkus.rest-client.indicators.url", base,
                "quarkus.oidc-client.auth-server-url", base + REALM_PATH,
                "quarkus.oidc-client.credentials.secret", CLIENT_SECRET);
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
