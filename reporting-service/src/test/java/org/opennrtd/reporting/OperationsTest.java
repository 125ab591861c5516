package org.opennrtd.reporting;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.OperationsAssertions;
import org.opennrtd.testing.PostgresTestResource;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class OperationsTest {

    @Inject
    DataSource dataSource;

    @Test
    void readinessChecksTheDatabase() {
        OperationsAssertions.assertReadinessChecksTheDatabase();
    }

    @Test
    void flywayCreatedTheAuditTrail() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select count(*) from audit_event")) {
            rs.next();
            org.junit.jupiter.api.Assertions.assertEquals(0, rs.getInt(1));
        }
    }

    @Test
    void metricsArePublishedForPrometheus() {
        OperationsAssertions.assertMetricsCountRequests("/api/v1/countries/SVN/status");
    }

    @Test
    void swaggerUiIsServed() {
        OperationsAssertions.assertSwaggerUiIsServed();
    }
}
