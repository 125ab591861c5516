package org.opennrtd.reporting;

import java.util.List;
import org.opennrtd.testing.UpstreamWireMockResource;

/**
 * One WireMock server standing in for everything the reporting service calls: the recommendations service, the
 * indicators service and the realm's token endpoint (client credentials). Tests stub and verify it through
 * {@link #server()}.
 */
public class UpstreamServicesTestResource extends UpstreamWireMockResource {

    static final String CLIENT_SECRET = "reporting-test-secret";

    @Override
    protected List<String> restClients() {
        return List.of("recommendations", "indicators");
    }

    @Override
    protected String clientSecret() {
        return CLIENT_SECRET;
    }
}
