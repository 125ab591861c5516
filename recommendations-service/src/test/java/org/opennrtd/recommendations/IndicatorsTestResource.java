package org.opennrtd.recommendations;

import java.util.List;
import org.opennrtd.testing.UpstreamWireMockResource;

/**
 * A WireMock server standing in for the indicators service and the realm's token endpoint (client credentials),
 * which the service calls for SDG target texts. Tests stub and verify it through {@link #server()}.
 */
public class IndicatorsTestResource extends UpstreamWireMockResource {

    static final String CLIENT_SECRET = "recommendations-test-secret";

    @Override
    protected List<String> restClients() {
        return List.of("indicators");
    }

    @Override
    protected String clientSecret() {
        return CLIENT_SECRET;
    }
}
