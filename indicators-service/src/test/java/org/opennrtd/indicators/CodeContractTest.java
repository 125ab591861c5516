package org.opennrtd.indicators;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.CodeScanProfile;
import org.opennrtd.testing.ContractAssertions;
import org.opennrtd.testing.PostgresTestResource;

@QuarkusTest
@TestProfile(CodeScanProfile.class)
@QuarkusTestResource(PostgresTestResource.class)
class CodeContractTest {

    @Test
    void endpointsInTheCodeAreTheContractsEndpoints() {
        ContractAssertions.assertCodeMatches(ContractAssertions.specFile("indicators"));
    }
}
