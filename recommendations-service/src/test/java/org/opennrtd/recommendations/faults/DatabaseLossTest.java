package org.opennrtd.recommendations.faults;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/**
 * The database's connections are cut under the service (as a PostgreSQL restart or a network cut does): every answer
 * is a 200 or a 503 problem with {@code Retry-After}, never a 500, and the service recovers by itself.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class DatabaseLossTest {

    @Test
    @TestSecurity(user = "coordinator-svn", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "SVN"))
    void lostConnectionsAnswer503WithRetryAfterThenRecover() throws SQLException {
        // Warm the pool so that it holds connections to cut.
        for (int i = 0; i < 5; i++) {
            given().when().get("/api/v1/recommendations?country=SVN&limit=5").then().statusCode(200);
        }
        int cut = terminateServiceConnections();
        assertTrue(cut > 0, "the service held no connection to cut");

        List<Integer> statuses = new ArrayList<>();
        boolean recovered = false;
        for (int i = 0; i < 40 && !recovered; i++) {
            Response r = given().when().get("/api/v1/recommendations?country=SVN&limit=5");
            statuses.add(r.statusCode());
            if (r.statusCode() == 503) {
                assertEquals("application/problem+json", r.contentType().split(";")[0]);
                assertEquals("5", r.header("Retry-After"));
                assertTrue(r.jsonPath().getString("type").endsWith("/database-unavailable"), r.asString());
                assertFalse(r.asString().contains("Exception"), r.asString());
            }
            recovered = r.statusCode() == 200;
        }
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 503), "answers: " + statuses);
        assertTrue(statuses.contains(503), "no request met a cut connection: " + statuses);
        assertTrue(recovered, "the service did not recover: " + statuses);
    }

    /** Terminates every other client connection to the test database, from a connection of the test's own. */
    private static int terminateServiceConnections() throws SQLException {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.username", String.class);
        String password = config.getValue("quarkus.datasource.password", String.class);
        try (Connection c = DriverManager.getConnection(url, user, password);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) filter (where pg_terminate_backend(pid))"
                     + " from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"
                     + " and backend_type = 'client backend'")) {
            r.next();
            return r.getInt(1);
        }
    }
}
