package org.opennrtd.recommendations.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Iterator;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/**
 * An export is sent while its rows are read: when the client has its first bytes, the transaction that reads the rows
 * is still open (a file built first, then sent, would have ended it), and there is no Content-Length.
 * Times are not measured; the benchmark ExportStreamingBenchmark does that.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ExportStreamingTest {

    static final String COUNTRY = "XST";
    static final int ROWS = 40; // the test profile's export limit
    /** 1 MB a text: 40 MB in all, far more than the socket buffers and queues between server and client hold. */
    static final int TEXT_REPEATS = 50_000;
    static final String WORDS = "Recommendation text ";

    @Inject
    DataSource dataSource;

    @Test
    void theRowsAreStillBeingReadWhenTheFirstBytesArrive() throws Exception {
        sql("insert into recommendation (id, country, text, mechanism, body, document_symbol, paragraph, position,"
                + " recommending_states, affected_persons, created_at, updated_at, version)"
                + " select gen_random_uuid(), '" + COUNTRY + "', repeat('" + WORDS + "', " + TEXT_REPEATS + ") || g, 'UPR',"
                + " 'UPR', 'A/HRC/STREAM', '1.' || g, 'SUPPORTED', array['Chile'], array['Children'], now(), now(), 0"
                + " from generate_series(1, " + ROWS + ") g");
        try {
            HttpRequest get = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                            + "/api/v1/recommendation-exports?columns=paragraph,text&sort=paragraph"))
                    .header("Authorization", "Bearer " + Dialogue.token("coordinator", COUNTRY, null)).build();
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(get,
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                assertEquals(200, response.statusCode());
                assertTrue(response.headers().firstValue("Content-Length").isEmpty(), response.headers().map().toString());
                assertEquals(3, body.readNBytes(3).length, "the byte-order mark");

                assertEquals(1, openExportReads(), "the export's read is still in its transaction");

                Iterator<CSVRecord> records = CSVFormat.RFC4180.parse(new InputStreamReader(body, StandardCharsets.UTF_8))
                        .iterator();
                assertEquals("paragraph", records.next().get(0));
                int rows = 0;
                while (records.hasNext()) {
                    CSVRecord row = records.next();
                    rows++;
                    String g = row.get(0).substring(2);
                    assertEquals(WORDS.length() * TEXT_REPEATS + g.length(), row.get(1).length(), "paragraph 1." + g);
                    assertTrue(row.get(1).endsWith(WORDS + g), "paragraph 1." + g);
                }
                assertEquals(ROWS, rows);
            }
        } finally {
            sql("delete from recommendation where country = '" + COUNTRY + "'");
        }
    }

    /** Sessions other than this one waiting inside a transaction whose last statement read recommendations. */
    private long openExportReads() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from pg_stat_activity where pid <> pg_backend_pid()"
                        + " and state = 'idle in transaction' and query ilike '%from recommendation%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }
}
