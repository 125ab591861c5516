package org.opennrtd.reporting;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.HttpHardeningAssertions;
import org.opennrtd.testing.PostgresTestResource;

/** nosniff on every answer, no-store unless an answer sets its own caching, and 414 as a problem document. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class HttpHardeningTest {

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anAuthenticatedReadIsNeitherSniffedNorStored() {
        HttpHardeningAssertions.assertAuthenticatedReadIsNotStored("/api/v1/reports");
    }

    @Test
    void anUnauthorizedAnswerCarriesTheHeaders() {
        HttpHardeningAssertions.assertUnauthorizedIsHardened("/api/v1/reports");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aNotFoundProblemCarriesTheHeaders() {
        HttpHardeningAssertions.assertNotFoundProblemIsHardened("/api/v1/reports/00000000-0000-4000-8000-000000000001");
    }

    @Test
    void theContractDocumentCarriesTheHeaders() {
        HttpHardeningAssertions.assertContractDocumentIsHardened();
    }

    @Test
    void anOverLongRequestTargetGetsAProblemDocument() {
        HttpHardeningAssertions.assertOverLongRequestTargetIsProblem("/api/v1/reports");
    }
}
