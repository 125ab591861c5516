package org.opennrtd.indicators;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
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
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.TestTokens;

/**
 * An observation export is sent while its rows are read: when the client has its first bytes, the transaction that
 * reads them is still open (a body built first, then sent, would have ended it), and there is no Content-Length.
 * Country XOS. Times are not measured here.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ObservationExportStreamingTest {

    static final int YEARS = 40;
    /** 1 MB a note: 40 MB in all, far more than the socket buffers and queues between server and client hold. */
    static final int NOTE_REPEATS = 50_000;
    static final String WORDS = "Survey note ";

    @Inject
    DataSource dataSource;

    @Test
    void theRowsAreStillBeingReadWhenTheFirstBytesArrive() throws Exception {
        String token = TestTokens.token("coordinator-xos", "coordinator", "XOS", null);
        String id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Fixtures.indicator("XOS", "XOS-STREAM", List.of("SEX"))).when().post(Fixtures.INDICATORS)
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Fixtures.observation("1981", 1, Map.of()))
                .when().post(Fixtures.INDICATORS + "/" + id + "/observations").then().statusCode(201);
        // The other years as the first one, with long notes.
        sql("insert into observation (id, indicator_id, period, period_start, period_end, dims_key, dims, value, status,"
                + " note, created_at, updated_at, version) select gen_random_uuid(), o.indicator_id, cast(1980 + g as text),"
                + " make_date(1980 + g, 1, 1), make_date(1980 + g, 12, 31), o.dims_key, o.dims, g, 'FINAL',"
                + " repeat('" + WORDS + "', " + NOTE_REPEATS + ") || g, now(), now(), 0 from observation o,"
                + " generate_series(2, " + YEARS + ") g where o.indicator_id = '" + id + "'");

        HttpRequest get = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
                + Fixtures.INDICATORS + "/" + id + "/export?format=CSV")).header("Authorization", "Bearer " + token).build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(get, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Length").isEmpty(), response.headers().map().toString());
            assertEquals("INDICATOR", new String(body.readNBytes(9), StandardCharsets.UTF_8));

            assertEquals(1, openExportReads(), "the export's read is still in its transaction");

            Iterator<CSVRecord> records = CSVFormat.DEFAULT.parse(new InputStreamReader(body, StandardCharsets.UTF_8))
                    .iterator();
            records.next(); // the rest of the header
            int rows = 0;
            while (records.hasNext()) {
                CSVRecord row = records.next();
                rows++;
                String g = String.valueOf(Integer.parseInt(row.get(1)) - 1980);
                String note = row.get(row.size() - 1);
                if (rows > 1) {
                    assertEquals(WORDS.length() * NOTE_REPEATS + g.length(), note.length(), row.get(1));
                    assertTrue(note.endsWith(WORDS + g), row.get(1));
                }
            }
            assertEquals(YEARS, rows);
        }
    }

    /** Sessions other than this one waiting inside a transaction whose last statement read observations. */
    private long openExportReads() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from pg_stat_activity where pid <> pg_backend_pid()"
                        + " and state = 'idle in transaction' and query ilike '%from observation%'")) {
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
