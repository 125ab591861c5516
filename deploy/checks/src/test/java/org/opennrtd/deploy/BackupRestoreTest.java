package org.opennrtd.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The backup and restore that deploy/README.md documents, for each service's database: the schema made by the
 * service's own Flyway migrations, filled with representative rows, dumped with {@code pg_dump --format=custom},
 * then changed (rows deleted, changed and added, as happens after a backup) and restored with
 * {@code pg_restore --clean --if-exists}: afterwards every table, the schema and Flyway's history are as dumped.
 */
class BackupRestoreTest {

    static final Path CLIENT_BIN = Path.of("/usr/lib/postgresql/15/bin");
    static EmbeddedPostgres server;

    @BeforeAll
    static void startServer() throws IOException {
        assertTrue(Files.isExecutable(CLIENT_BIN.resolve("pg_dump")), "pg_dump 15 is needed (Debian: postgresql-client-15)");
        server = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"recommendations", "indicators", "reporting"})
    void aDumpRestoresTheDatabaseAsItWas(String service) throws Exception {
        String url = createDatabase(service);
        Flyway.configure().dataSource(url, "postgres", "postgres")
                .locations("filesystem:" + ServiceConfig.ROOT.resolve(service + "-service/src/main/resources/db/migration"))
                .load().migrate();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement()) {
            st.execute(new String(getClass().getResourceAsStream("/backup/" + service + ".sql").readAllBytes(),
                    StandardCharsets.UTF_8));
        }
        Map<String, String> before = contents(url);
        String schemaBefore = dump(service, "--schema-only");
        assertTrue(before.values().stream().anyMatch(v -> !v.startsWith("0 ")), "the fixture filled no table");

        Path backup = Files.createTempFile(service, ".dump");
        run(CLIENT_BIN.resolve("pg_dump").toString(), "--format=custom", "--no-owner", "--file=" + backup,
                connection(service));

        // Life goes on after the backup: rows deleted, changed and added in every filled table.
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement()) {
            st.execute("delete from audit_event where ctid in (select ctid from audit_event limit 5)");
            st.execute("insert into audit_event (id, occurred_at, actor, action, resource_type, resource_id)"
                    + " values (gen_random_uuid(), now(), 'late', 'CREATE', 'x', gen_random_uuid())");
            if (service.equals("recommendations")) {
                st.execute("update recommendation set text = 'changed after the backup', version = version + 1"
                        + " where paragraph = '121.7'");
            }
        }
        assertNotEquals(before, contents(url));

        run(CLIENT_BIN.resolve("pg_restore").toString(), "--clean", "--if-exists", "--no-owner", "--exit-on-error",
                "--dbname=" + connection(service), backup.toString());
        assertEquals(before, contents(url), "every table as it was when dumped");
        assertEquals(schemaBefore, dump(service, "--schema-only"), "the same schema, indexes and constraints");
        Files.delete(backup);
    }

    /** Each table of the public schema: its row count and a digest of all its rows, in a stable order. */
    static Map<String, String> contents(String url) throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres"); Statement st = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String table : names) {
                try (ResultSet rs = st.executeQuery("select count(*) || ' ' || coalesce(md5(string_agg(t::text, '|'"
                        + " order by t::text)), '') from \"" + table + "\" t")) {
                    rs.next();
                    tables.put(table, rs.getString(1));
                }
            }
        }
        return tables;
    }

    static String createDatabase(String name) throws SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + name);
            st.execute("create database " + name);
        }
        return server.getJdbcUrl("postgres", name);
    }

    static String connection(String database) {
        return "postgresql://postgres:postgres@localhost:" + server.getPort() + "/" + database;
    }

    static String dump(String database, String... options) throws Exception {
        Path out = Files.createTempFile(database, ".sql");
        List<String> command = new ArrayList<>(List.of(CLIENT_BIN.resolve("pg_dump").toString(), "--no-owner",
                "--file=" + out));
        command.addAll(List.of(options));
        command.add(connection(database));
        run(command.toArray(String[]::new));
        // pg_dump brackets its output with "restrict" and "unrestrict" meta-commands carrying a random key.
        String text = String.join("\n", Files.readAllLines(out).stream()
                .filter(line -> !line.startsWith("\\restrict") && !line.startsWith("\\unrestrict")).toList());
        Files.delete(out);
        return text;
    }

    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + "\n" + output);
    }
}
