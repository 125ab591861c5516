package org.opennrtd.testing;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One WireMock server standing in for the other OpenNRTD services a service calls (its generated REST clients)
 * and for the realm's token endpoint (client credentials). A service's tests extend it, naming the config keys of
 * their clients and the client secret, and stub and verify it through {@link #server()}. One server per test JVM.
 */
public abstract class UpstreamWireMockResource implements QuarkusTestResourceLifecycleManager {

    public static final String REALM_PATH = "/realms/opennrtd";
    public static final String TOKEN_PATH = REALM_PATH + "/protocol/openid-connect/token";

    private static WireMockServer server;

    /** The running server, null before the first test resource started it. */
    public static synchronized WireMockServer server() {
        return server;
    }

    /** The config keys of the REST clients pointed at the server ({@code quarkus.rest-client.<key>.url}). */
    protected abstract List<String> restClients();

    /** The client secret the service presents to the token endpoint. */
    protected abstract String clientSecret();

    @Override
    public Map<String, String> start() {
        String base;
        synchronized (UpstreamWireMockResource.class) {
            if (server == null) {
                server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
                server.start();
            }
            base = "http://127.0.0.1:" + server.port();
        }
        Map<String, String> config = new HashMap<>();
        restClients().forEach(key -> config.put("quarkus.rest-client." + key + ".url", base));
        config.put("quarkus.oidc-client.auth-server-url", base + REALM_PATH);
        config.put("quarkus.oidc-client.credentials.secret", clientSecret());
        return config;
    }

    @Override
    public void stop() {
        synchronized (UpstreamWireMockResource.class) {
            if (server != null) {
                server.stop();
                server = null;
            }
        }
    }
}
