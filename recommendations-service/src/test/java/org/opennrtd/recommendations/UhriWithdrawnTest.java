package org.opennrtd.recommendations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/**
 * Annotations a later complete UHRI export no longer holds: kept, marked withdrawn with the time they were last
 * seen, filterable, brought back when an export holds them again; partial files and other States never withdraw.
 * Each test has States of its own (Mongolia and Namibia, Kenya and Ghana), which no other test imports.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class UhriWithdrawnTest {

    private static final String RECOMMENDATIONS = "/api/v1/recommendations";

    @Inject
    AgroalDataSource dataSource;

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aDeletedRecommendationTakesItsSightingWithIt() throws SQLException {
        imported(upload(export(record('9', 1, "Lesotho", "Keep a sighting"), record('9', 2, "Lesotho", "Lose it")), false));
        String kept = read("LSO", annotation('9', 1)).getString("id");
        String gone = read("LSO", annotation('9', 2)).getString("id");
        assertEquals(1, sightings(kept));
        assertEquals(1, sightings(gone));
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("delete from audit_event where resource_id = '" + gone + "'");
            st.execute("delete from recommendation where id = '" + gone + "'");
        }
        assertEquals(0, sightings(gone), "the trigger forgets the sighting of a deleted recommendation");
        assertEquals(1, sightings(kept), "and no other");
    }

    private int sightings(String recommendation) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                var rs = st.executeQuery("select count(*) from uhri_sighting where recommendation_id = '" + recommendation
                        + "'")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The annotation id of record {@code n} of a test's own series {@code series} (one hex digit). */
    static String annotation(char series, int n) {
        return String.format("7d1%c%04d-0000-4000-8000-%012d", series, n, n);
    }

    /** One record of a UHRI bulk export, as in {@code export-full-en-sample.json}. */
    static String record(char series, int n, String country, String text) {
        return """
                {"AnnotationId": "%s", "DocumentId": "a81f0001-0000-4000-8000-00000000d001",
                 "Symbol": "A/HRC/W%c/1", "AnnotationType": "- Recommendation", "Body": "- UPR",
                 "Countries": ["%s"], "Regions": [], "Themes": ["- A41 Constitutional and legislative framework"],
                 "AffectedPersons": [], "Sdgs": [], "PublicationDate": "2025-04-10T00:00:00",
                 "PublicationDateOnUhri": "2025-05-02T09:12:31.417", "Text": "%d.%d %s (Ghana);", "UprCycle": 4,
                 "UprSession": [48], "UprPositions": ["Supported"], "UprRecommendingCountry": ["Ghana"],
                 "UprRecommendingRegions": ["African States"]}""".formatted(annotation(series, n), series, country,
                100 + n, n, text);
    }

    static byte[] export(String... records) {
        return ("[" + String.join(",\n", records) + "]").getBytes(StandardCharsets.UTF_8);
    }

    private static RequestSpecification upload(byte[] file, boolean complete) {
        RequestSpecification request = ImportTest.upload(file, "export-full-en.json", "application/json");
        return complete ? request.multiPart("complete", "true") : request;
    }

    private static JsonPath imported(RequestSpecification request) {
        JsonPath job = ImportTest.importFile(request);
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        return job;
    }

    /** The recommendation of {@code country} with {@code annotationId}, read by id. */
    static JsonPath read(String country, String annotationId) {
        List<Map<String, Object>> items = given().queryParam("country", country).queryParam("limit", 100)
                .when().get(RECOMMENDATIONS).then().statusCode(200).extract().jsonPath().getList("items");
        Object id = items.stream().filter(i -> annotationId.equals(i.get("uhriAnnotationId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + country + " record with annotation " + annotationId))
                .get("id");
        return given().when().get(RECOMMENDATIONS + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static List<String> annotationsWhere(String country, boolean withdrawn) {
        return given().queryParam("country", country).queryParam("withdrawnFromUhri", withdrawn)
                .queryParam("limit", 100).when().get(RECOMMENDATIONS).then().statusCode(200).extract().jsonPath()
                .getList("items.uhriAnnotationId");
    }

    private static List<Map<String, Object>> history(String id) {
        return given().queryParam("limit", 100).when().get(RECOMMENDATIONS + "/" + id + "/history").then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    private static OffsetDateTime time(JsonPath r, String property) {
        String value = r.getString(property);
        return value == null ? null : OffsetDateTime.parse(value);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anAnnotationACompleteExportLacksIsWithdrawnWithItsLastSightingAndComesBackWhenHeldAgain() {
        String r1 = record('a', 1, "Mongolia", "Ratify the Optional Protocol to the Convention against Torture");
        String r2 = record('a', 2, "Mongolia", "Adopt a law against discrimination");
        String r3 = record('a', 3, "Mongolia", "Reduce statelessness");
        String other = record('a', 4, "Namibia", "Guarantee free pre-school education");
        JsonPath first = imported(upload(export(r1, r2, r3, other), true));
        assertEquals(4, first.getInt("created"), first.prettify());
        assertEquals(0, first.getInt("withdrawn"));
        assertTrue(first.getBoolean("complete"));
        JsonPath before = read("MNG", annotation('a', 3));
        OffsetDateTime seen = time(before, "uhriLastSeenAt");
        assertNotNull(seen, before.prettify());
        assertNull(before.get("uhriWithdrawnAt"));
        JsonPath namibia = read("NAM", annotation('a', 4));
        String manual = given().contentType("application/json").body(Map.of("text", "A recommendation entered by hand",
                        "mechanism", "UPR", "body", "UPR", "country", "MNG"))
                .when().post(RECOMMENDATIONS).then().statusCode(201).extract().path("id");

        // A complete export without the third record, and without any record for Namibia.
        JsonPath lacking = imported(upload(export(r1, r2), true));
        assertEquals(1, lacking.getInt("withdrawn"), lacking.prettify());
        assertEquals(0, lacking.getInt("restored"));
        assertEquals(2, lacking.getInt("unchanged"));
        JsonPath withdrawn = read("MNG", annotation('a', 3));
        assertEquals("Reduce statelessness (Ghana);", withdrawn.getString("text"), "still readable, unchanged");
        assertEquals(seen, time(withdrawn, "uhriLastSeenAt"), "the time the UHRI last held it");
        OffsetDateTime withdrawnAt = time(withdrawn, "uhriWithdrawnAt");
        assertNotNull(withdrawnAt, withdrawn.prettify());
        assertTrue(withdrawnAt.isAfter(seen));
        assertEquals(before.getLong("version") + 1, withdrawn.getLong("version"));
        JsonPath held = read("MNG", annotation('a', 1));
        assertTrue(time(held, "uhriLastSeenAt").isAfter(seen), "a record the export holds is seen again");
        assertEquals(withdrawnAt, time(held, "uhriLastSeenAt"), "in the same transaction");
        assertNull(held.get("uhriWithdrawnAt"));
        Map<String, Object> last = history(withdrawn.getString("id")).get(history(withdrawn.getString("id")).size() - 1);
        assertEquals("IMPORT_WITHDRAW", last.get("action"));
        assertEquals("admin", last.get("actor"));
        assertNull(((Map<?, ?>) last.get("before")).get("uhriWithdrawnAt"));
        assertEquals(withdrawnAt, OffsetDateTime.parse((String) ((Map<?, ?>) last.get("after")).get("uhriWithdrawnAt")));

        assertEquals(List.of(annotation('a', 3)), annotationsWhere("MNG", true));
        List<String> present = annotationsWhere("MNG", false);
        assertEquals(3, present.size(), "the two the export holds and the one entered by hand: " + present);
        assertTrue(present.containsAll(List.of(annotation('a', 1), annotation('a', 2))), present.toString());
        given().when().get(RECOMMENDATIONS + "/" + manual).then().statusCode(200)
                .body("uhriWithdrawnAt", equalTo(null)).body("uhriLastSeenAt", equalTo(null));
        JsonPath namibiaAfter = read("NAM", annotation('a', 4));
        assertNull(namibiaAfter.get("uhriWithdrawnAt"), "a State the file holds no records for is not touched");
        assertEquals(namibia.getLong("version"), namibiaAfter.getLong("version"));
        assertEquals(time(namibia, "uhriLastSeenAt"), time(namibiaAfter, "uhriLastSeenAt"));

        // A partial file (not complete) lacking the second record withdraws nothing.
        JsonPath partial = imported(upload(export(r1), false));
        assertEquals(0, partial.getInt("withdrawn"), partial.prettify());
        assertEquals(false, partial.getBoolean("complete"));
        assertEquals(List.of(annotation('a', 3)), annotationsWhere("MNG", true));

        // A complete export holding the third record again brings it back.
        JsonPath again = imported(upload(export(r1, r2, r3), true));
        assertEquals(1, again.getInt("restored"), again.prettify());
        assertEquals(0, again.getInt("withdrawn"));
        assertEquals(0, again.getInt("created"));
        JsonPath back = read("MNG", annotation('a', 3));
        assertNull(back.get("uhriWithdrawnAt"), back.prettify());
        assertTrue(time(back, "uhriLastSeenAt").isAfter(withdrawnAt));
        assertEquals(withdrawn.getLong("version") + 1, back.getLong("version"));
        List<Map<String, Object>> entries = history(back.getString("id"));
        Map<String, Object> restore = entries.get(entries.size() - 1);
        assertEquals("IMPORT_RESTORE", restore.get("action"));
        assertEquals(withdrawnAt, OffsetDateTime.parse((String) ((Map<?, ?>) restore.get("before")).get("uhriWithdrawnAt")));
        assertNull(((Map<?, ?>) restore.get("after")).get("uhriWithdrawnAt"));
        assertEquals(List.of(), annotationsWhere("MNG", true));
    }

    @Test
    @TestSecurity(user = "coordinator-ken", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "KEN"))
    void aCoordinatorsCompleteImportWithdrawsInTheirOwnStateOnly() {
        String k1 = record('b', 1, "Kenya", "Ratify the Convention on the Rights of Migrant Workers");
        String k2 = record('b', 2, "Kenya", "Combat female genital mutilation");
        String g1 = record('b', 3, "Ghana", "Abolish the death penalty");
        String g2 = record('b', 4, "Ghana", "Protect human rights defenders");
        JsonPath first = imported(upload(export(k1, k2, g1, g2), true));
        assertEquals(2, first.getInt("created"), first.prettify());
        assertEquals(2, first.getInt("outOfScope"));
        // The same export again, lacking the second record of each State: Ghana is out of this import's scope.
        JsonPath lacking = imported(upload(export(k1, g1), true));
        assertEquals(1, lacking.getInt("withdrawn"), lacking.prettify());
        assertEquals(List.of(annotation('b', 2)), annotationsWhere("KEN", true));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anAdministratorsImportForOneStateWithdrawsInNoOther() {
        String k1 = record('c', 1, "Kenya", "Establish a national preventive mechanism");
        String g1 = record('c', 2, "Ghana", "Ratify the Optional Protocol on a communications procedure");
        String g2 = record('c', 3, "Ghana", "Decriminalise defamation");
        JsonPath first = imported(upload(export(k1, g1, g2), true));
        assertEquals(3, first.getInt("created"), first.prettify());
        JsonPath forKenya = imported(upload(export(k1, g1), true).multiPart("country", "KEN"));
        assertEquals(0, forKenya.getInt("withdrawn"), forKenya.prettify());
        assertNull(read("GHA", annotation('c', 3)).get("uhriWithdrawnAt"));
        assertTrue(annotationsWhere("GHA", true).stream().noneMatch(a -> a.startsWith("7d1c")));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void onlyAUhriExportCanBeComplete() {
        long jobs = given().when().get(ImportTest.IMPORTS + "?limit=1").then().statusCode(200).extract().jsonPath()
                .getLong("page.total");
        byte[] csv = org.opennrtd.recommendations.importing.TemplateCsv.template().getBytes(StandardCharsets.UTF_8);
        given().multiPart("file", "template.csv", csv, "text/csv").multiPart("country", "MNG")
                .multiPart("complete", "true").when().post(ImportTest.IMPORTS).then().statusCode(422)
                .contentType("application/problem+json").body("violations[0].field", equalTo("complete"))
                .body("detail", containsString("UHRI"));
        assertEquals(jobs, given().when().get(ImportTest.IMPORTS + "?limit=1").then().statusCode(200).extract()
                .jsonPath().getLong("page.total"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aWithdrawnFilterOrCompleteFlagThatIsNoBooleanIsABadRequestNamingIt() {
        given().queryParam("withdrawnFromUhri", "maybe").when().get(RECOMMENDATIONS).then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("withdrawnFromUhri"));
        long jobs = given().when().get(ImportTest.IMPORTS + "?limit=1").then().statusCode(200).extract().jsonPath()
                .getLong("page.total");
        ImportTest.upload(export(record('d', 1, "Mongolia", "Do it")), "export.json", "application/json")
                .multiPart("complete", "yes").when().post(ImportTest.IMPORTS).then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("complete"));
        assertEquals(jobs, given().when().get(ImportTest.IMPORTS + "?limit=1").then().statusCode(200).extract()
                .jsonPath().getLong("page.total"));
        given().queryParam("withdrawnFromUhri", "TRUE").queryParam("country", "MNG").when().get(RECOMMENDATIONS)
                .then().statusCode(200);
    }
}
