package org.opennrtd.indicators;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.opennrtd.indicators.rest.DisaggregationResource;
import org.opennrtd.indicators.rest.HumanRightsFrameworkResource;
import org.opennrtd.indicators.rest.NationalIndicatorResource;
import org.opennrtd.indicators.rest.ObservationImportResource;
import org.opennrtd.indicators.rest.ObservationResource;
import org.opennrtd.indicators.rest.ProgressSummaryResource;
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
        ContractAssertions.assertRolesMatch(ContractAssertions.specFile("indicators"), SdgFrameworkResource.class,
                HumanRightsFrameworkResource.class, DisaggregationResource.class, NationalIndicatorResource.class,
                ObservationResource.class, ProgressSummaryResource.class, ObservationImportResource.class);
    }
}
