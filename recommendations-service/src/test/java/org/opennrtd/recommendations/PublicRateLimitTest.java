package org.opennrtd.recommendations;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.PublicRateLimitAssertions;
import org.opennrtd.testing.TestTokens;

/** The public view's per-address limit with the connection's peer as the client (proxy forwarding off). */
@QuarkusTest
@TestProfile(PublicRateLimitAssertions.SmallLimitProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class PublicRateLimitTest {

    @Test
    void thePublicViewIsLimitedPerAddressAndNothingElseIs() {
        PublicRateLimitAssertions.limitsThePublicViewPerPeer("/api/v1/public/countries/ECU/recommendations",
                "/api/v1/country-publications/ECU", TestTokens.token("admin", "admin", null, null));
    }
}
