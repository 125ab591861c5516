package org.opennrtd.recommendations;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.OperationsAssertions;
import org.opennrtd.testing.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class OperationsTest {

    @Test
    void readinessChecksTheDatabase() {
        OperationsAssertions.assertReadinessChecksTheDatabase();
    }

    @Test
    void metricsArePublishedForPrometheus() {
        OperationsAssertions.assertMetricsCountRequests("/api/v1/recommendations");
    }

    @Test
    void swaggerUiIsServed() {
        OperationsAssertions.assertSwaggerUiIsServed();
    }
}
