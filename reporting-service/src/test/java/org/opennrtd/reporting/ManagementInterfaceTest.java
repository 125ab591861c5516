package org.opennrtd.reporting;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.ContractAssertions;
import org.opennrtd.testing.ManagementInterfaceProfile;
import org.opennrtd.testing.OperationsAssertions;
import org.opennrtd.testing.PostgresTestResource;

/** Deployed, health, metrics and the Swagger UI are on the management port only; the contract stays on the API port. */
@QuarkusTest
@TestProfile(ManagementInterfaceProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
class ManagementInterfaceTest {

    @Test
    void operationsEndpointsAreServedOnlyOnTheManagementPort() {
        OperationsAssertions.assertManagementEndpointsOnlyOnManagementPort("/api/v1/reports",
                ContractAssertions.specFile("reporting"));
    }
}
