package org.opennrtd.recommendations;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.PublicRateLimitAssertions;

/** The public view's per-address limit behind a proxy (Quarkus proxy forwarding on): X-Forwarded-For names the client. */
@QuarkusTest
@TestProfile(PublicRateLimitAssertions.ForwardedProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ForwardedPublicRateLimitTest {

    @Test
    void eachForwardedClientHasItsOwnLimit() {
        PublicRateLimitAssertions.limitsEachForwardedClient("/api/v1/public/countries/ECU/recommendations");
    }
}
