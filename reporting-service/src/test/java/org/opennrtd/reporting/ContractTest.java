package org.opennrtd.reporting;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.opennrtd.reporting.rest.CountryStatusResource;
import org.opennrtd.reporting.rest.ReportJobResource;
import org.opennrtd.reporting.rest.ReportResource;
import org.opennrtd.testing.ContractAssertions;
import org.opennrtd.testing.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ContractTest {

    @Test
    void servedDocumentIsTheContract() {
        ContractAssertions.assertServedDocumentMatches(ContractAssertions.specFile("reporting"));
    }

    @Test
    void rolesInForceAreTheRolesTheContractDeclares() {
        ContractAssertions.assertRolesMatch(ContractAssertions.specFile("reporting"), CountryStatusResource.class,
                ReportJobResource.class, ReportResource.class);
    }
}
