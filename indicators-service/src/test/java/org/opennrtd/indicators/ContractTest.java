package org.opennrtd.indicators;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.opennrtd.indicators.rest.SdgFrameworkResource;
import org.opennrtd.testing.ContractAssertions;
import org.opennrtd.testing.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ContractTest {

    @Test
    void servedDocumentIsTheContract() {
        ContractAssertions.assertServedDocumentMatches(ContractAssertions.specFile("indicators"));
    }

    @Test
    void rolesInForceAreTheRolesTheContractDeclares() {
        ContractAssertions.assertRolesMatch(ContractAssertions.specFile("indicators"),
                ContractAssertions.resourcesBeside(SdgFrameworkResource.class));
    }
}
