package org.opennrtd.recommendations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opennrtd.testing.PostgresTestResource;

/**
 * The control-character rule (api-spec/README.md): U+0000–U+001F other than tab, line feed and carriage return are
 * refused wherever text comes in, with a 400 (or, in an import file, a row problem) naming the field, and nothing is
 * stored. Before the rule a NUL reached PostgreSQL, which refuses it, and the caller got a 500.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@TestSecurity(user = "admin", roles = "admin")
class ControlCharacterTest {

    static final String PATH = "/api/v1/recommendations";
    static final String ID = "5c1c1c1c-0000-4000-8000-0000000c0c01";

    @Inject
    EntityManager em;

    @Inject
    RecommendationFixtures fixtures;

    static Map<String, Object> recommendation(String text, List<String> themes) {
        return Map.of("text", text, "mechanism", "UPR", "body", "UPR", "country", "NRU", "themes", themes);
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0000", "001B"})
    void aControlCharacterInABodyFieldIsABadRequestNamingIt(String code) {
        String c = String.valueOf((char) Integer.parseInt(code, 16));
        long before = count("recommendation");
        given().contentType(ContentType.JSON).body(recommendation("Ratify" + c + " the convention", List.of("Women")))
                .when().post(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations[0].field", equalTo("body.text"))
                .body("violations[0].message", containsString("U+" + code));
        // Nested: the second item of an array.
        given().contentType(ContentType.JSON).body(recommendation("Ratify the convention", List.of("Women", "Ro" + c + "ma")))
                .when().post(PATH).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("body.themes[1]"))
                .body("violations[0].message", containsString("U+" + code));
        // As JSON writes it on the wire: an escape.
        given().contentType(ContentType.JSON)
                .body("{\"text\": \"Ratify\\u" + code + "\", \"mechanism\": \"UPR\", \"body\": \"UPR\", \"country\": \"NRU\"}")
                .when().post(PATH).then().statusCode(400).body("violations[0].field", equalTo("body.text"));
        assertEquals(before, count("recommendation"));
    }

    @Test
    void anUpdateOrACommentWithANulChangesNothing() {
        UUID id = fixtures.insert("NRU", "Adopt a national action plan");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(recommendation("Adopt a national\u0000 action plan", List.of()))
                .when().put(PATH + "/" + id).then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("body.text"));
        given().contentType(ContentType.JSON).body(Map.of("text", "Agreed\u001B[31m"))
                .when().post(PATH + "/" + id + "/comments").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("body.text"));
        given().when().get(PATH + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("text", equalTo("Adopt a national action plan"));
        given().when().get(PATH + "/" + id + "/comments").then().statusCode(200).body("page.total", equalTo(0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"q", "documentSymbol", "body"})
    void aControlCharacterInAQueryParameterIsABadRequestNamingIt(String parameter) {
        given().queryParam(parameter, "A/HRC\u0000").when().get(PATH).then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body("violations[0].field", equalTo(parameter))
                .body("violations[0].message", containsString("U+0000"));
        given().queryParam(parameter, "A/HRC\u001B").when().get(PATH).then().statusCode(400)
                .body("violations[0].field", equalTo(parameter))
                .body("violations[0].message", containsString("U+001B"));
    }

    @Test
    void aControlCharacterInAMultipartFieldIsABadRequestNamingIt() {
        long jobs = count("import_job");
        byte[] csv = ImportRejectionTest.uhri(ImportRejectionTest.row("Do it", "Nauru", "", "", "Supported", ID))
                .getBytes(StandardCharsets.UTF_8);
        given().multiPart("file", "x.csv", csv, "text/csv").multiPart("country", "NRU\u0000")
                .when().post("/api/v1/imports").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("country"));
        given().multiPart("file", "x\u001B.csv", csv, "text/csv").multiPart("country", "NRU")
                .when().post("/api/v1/imports").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("file"));
        assertEquals(jobs, count("import_job"));
    }

    @Test
    void aControlCharacterInAnImportCellIsARowProblemAndImportsNothing() {
        long recommendations = count("recommendation");
        long jobs = count("import_job");
        // A NUL byte in a CSV cell: a text file with a control character, not a binary file.
        byte[] csv = ImportRejectionTest.uhri(ImportRejectionTest.row("Do it", "Nauru", "", "", "Supported", ID),
                ImportRejectionTest.row("Do\u0000 it", "Nauru", "", "", "Supported", "5c1c1c1c-0000-4000-8000-0000000c0c02"))
                .getBytes(StandardCharsets.UTF_8);
        given().multiPart("file", "x.csv", csv, "text/csv").multiPart("country", "NRU")
                .when().post("/api/v1/imports").then().statusCode(422).contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("violations.field", hasItem("row 3, Text"))
                .body("violations[0].message", containsString("U+0000"));
        // Excel writes a control character in a cell as the escape _x001B_, which the reader decodes.
        byte[] xlsx = replaceInZip(ImportFiles.xlsx(List.of(List.of("Text", "OHCHR Annotation Id", "Countries Concerned"),
                List.of("Do it", ID, "Slo-venia"))), "Slo-venia", "Slo_x001B_venia");
        given().multiPart("file", "x.xlsx", xlsx, ImportRejectionTest.XLSX).multiPart("country", "NRU")
                .when().post("/api/v1/imports").then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("row 2, Countries Concerned"))
                .body("violations[0].message", containsString("U+001B"));
        byte[] json = ("[{\"AnnotationId\": \"" + ID + "\", \"Text\": \"Do it\", \"Countries\": [\"Nauru\", \"Na\\u001Buru\"]}]")
                .getBytes(StandardCharsets.UTF_8);
        given().multiPart("file", "x.json", json, "application/json").multiPart("country", "NRU")
                .when().post("/api/v1/imports").then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("row 1, Countries[1]"))
                .body("violations[0].message", containsString("U+001B"));
        assertEquals(recommendations, count("recommendation"));
        assertEquals(jobs, count("import_job"));
    }

    @Test
    void tabLineFeedAndCarriageReturnAreStillAccepted() {
        String text = "Ratify the convention:\n\ta) first\r\n\tb) second\rend";
        String id = given().contentType(ContentType.JSON).body(recommendation(text, List.of("Women\tand girls")))
                .when().post(PATH).then().statusCode(201).extract().path("id");
        given().when().get(PATH + "/" + id).then().statusCode(200)
                .body("text", equalTo(text))
                .body("themes", hasItem("Women\tand girls"));
        given().queryParam("q", "Ratify\tthe").when().get(PATH).then().statusCode(200);
    }

    /** {@code zip} with {@code from} replaced by {@code to} in each entry (the test's files are small XML parts). */
    static byte[] replaceInZip(byte[] zip, String from, String to) {
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip));
                var bytes = new java.io.ByteArrayOutputStream();
                var out = new java.util.zip.ZipOutputStream(bytes)) {
            java.util.zip.ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String content = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
                out.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                out.write(content.replace(from, to).getBytes(StandardCharsets.ISO_8859_1));
                out.closeEntry();
            }
            out.finish();
            return bytes.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Transactional
    long count(String table) {
        return ((Number) em.createNativeQuery("select count(*) from " + table).getSingleResult()).longValue();
    }
}
