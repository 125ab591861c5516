package org.opennrtd.reporting;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
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

    /** The columns, not the rows: other test classes of the module generate (audited) reports before or after. */
    @Test
    void flywayCreatedTheAuditTrail() throws Exception {
        List<String> columns = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select column_name from information_schema.columns"
                        + " where table_name = 'audit_event' order by ordinal_position")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(List.of("id", "occurred_at", "actor", "action", "resource_type",
                "resource_id", "before_state", "after_state"), columns);
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
