package org.opennrtd.reporting;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.CodeScanProfile;
import org.opennrtd.testing.ContractAssertions;
import org.opennrtd.testing.PostgresTestResource;

/** The generated REST clients of the other services are interfaces with JAX-RS paths too: they must not show. */
@QuarkusTest
@TestProfile(CodeScanProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
class CodeContractTest {

    @Test
    void endpointsInTheCodeAreTheContractsEndpoints() {
        ContractAssertions.assertCodeMatches(ContractAssertions.specFile("reporting"));
    }
}
