package org.opennrtd.recommendations;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.rest.ClusterResource;
import org.opennrtd.recommendations.rest.ImportResource;
import org.opennrtd.recommendations.rest.NearDuplicateResource;
import org.opennrtd.recommendations.rest.RecommendationResource;
import org.opennrtd.recommendations.rest.SdgLinkResource;
import org.opennrtd.recommendations.rest.TaxonomyResource;
import org.opennrtd.testing.ContractAssertions;
import org.opennrtd.testing.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ContractTest {

    @Test
    void servedDocumentIsTheContract() {
        ContractAssertions.assertServedDocumentMatches(ContractAssertions.specFile("recommendations"));
    }

    @Test
    void rolesInForceAreTheRolesTheContractDeclares() {
        ContractAssertions.assertRolesMatch(ContractAssertions.specFile("recommendations"), RecommendationResource.class,
                ImportResource.class, TaxonomyResource.class, NearDuplicateResource.class, ClusterResource.class,
                SdgLinkResource.class);
    }
}
