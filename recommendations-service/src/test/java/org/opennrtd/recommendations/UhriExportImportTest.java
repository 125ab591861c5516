package org.opennrtd.recommendations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opennrtd.testing.PostgresTestResource;

/**
 * The UHRI's bulk export as OHCHR publishes it ({@code export-full-en.json}), imported through the HTTP API with
 * every field of every record checked. The fixture is written from the format's description (see its README).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class UhriExportImportTest {

    static final String FIXTURE = "/fixtures/uhri/export-full-en-sample.json";

    /** The fixture with its annotation ids and document symbols made distinct, so that each test imports anew. */
    static byte[] fixture(String variant) {
        String json = new String(ImportFiles.resource(FIXTURE), StandardCharsets.UTF_8);
        return json.replace("\"5c2d", "\"" + variant + "c2d").replace("\"Symbol\": \"", "\"Symbol\": \"" + variant + "-")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static JsonPath record(String country, String annotationId) {
        for (int offset = 0; ; offset += 100) {
            JsonPath page = given().queryParam("country", country).queryParam("limit", 100).queryParam("offset", offset)
                    .when().get("/api/v1/recommendations").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            if (items.isEmpty()) {
                throw new AssertionError("no " + country + " record with annotation " + annotationId);
            }
            var found = items.stream().filter(i -> annotationId.equals(i.get("uhriAnnotationId"))).findFirst();
            if (found.isPresent()) {
                return given().when().get("/api/v1/recommendations/" + found.get().get("id")).then().statusCode(200)
                        .extract().jsonPath();
            }
        }
    }

    private static long count(String country) {
        return given().queryParam("country", country).queryParam("limit", 1).when().get("/api/v1/recommendations")
                .then().statusCode(200).extract().jsonPath().getLong("page.total");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void theBulkExportImportsEveryFieldExactly() {
        JsonPath job = ImportTest.importFile(ImportTest.upload(fixture("5"), "export-full-en.json", "application/json"));
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals("UHRI_JSON", job.getString("format"));
        // 11 records: 9 stored for one State each, one for two States (Croatia and Serbia), one for an unknown State.
        assertEquals(11, job.getInt("created"), job.prettify());
        assertEquals(1, job.getInt("rejected"));
        assertEquals(0, job.getInt("outOfScope"));
        List<Map<String, Object>> problems = job.getList("problems");
        assertTrue(problems.stream().anyMatch(p -> ((int) p.get("row")) == 10 && String.valueOf(p.get("message"))
                .contains("'Atlantis'") && !((boolean) p.get("fatal"))), job.prettify());
        assertTrue(problems.stream().anyMatch(p -> ((int) p.get("row")) == 4 && String.valueOf(p.get("message"))
                .contains("'Deferred to a later session'") && String.valueOf(p.get("message")).contains("PENDING")
                && !((boolean) p.get("fatal"))), job.prettify());

        JsonPath r = record("HRV", "5c2d0001-0000-4000-8000-000000000001");
        assertEquals("Ratify the Optional Protocol to the Convention against Torture (Ghana);", r.getString("text"));
        assertEquals("140.7", r.getString("paragraph"));
        assertEquals("5-A/HRC/59/15", r.getString("documentSymbol"));
        assertEquals("UPR", r.getString("mechanism"));
        assertEquals("UPR", r.getString("body"));
        assertEquals("Recommendation", r.getString("annotationType"));
        assertEquals("SUPPORTED", r.getString("position"));
        assertEquals(4, r.getInt("uprCycle"));
        assertEquals(48, r.getInt("uprSession"));
        assertEquals(List.of("Ghana"), r.getList("recommendingStates"));
        assertEquals(List.of("African States"), r.getList("recommendingRegions"));
        assertEquals(List.of("Eastern European States"), r.getList("regions"));
        assertEquals(List.of("A41 Constitutional and legislative framework", "A12 Acceptance of international norms"),
                r.getList("themes"));
        assertEquals(List.of("Children", "Persons deprived of their liberty"), r.getList("affectedPersons"));
        assertEquals(List.of("16.2"), r.getList("sdgTargets"));
        assertEquals(List.of(16), r.getList("sdgGoals"));
        assertEquals("2025-04-10", r.getString("publicationDate"));
        assertEquals("2025-05-02", r.getString("uhriPublicationDate"));
        assertEquals("a81f0001-0000-4000-8000-00000000d001", r.getString("uhriDocumentId"));

        r = record("HRV", "5c2d0002-0000-4000-8000-000000000002");
        assertEquals("140.8", r.getString("paragraph"));
        assertEquals("Step up efforts to combat discrimination against Roma & other minorities,\nin particular in education;"
                + "\n\nensure equal access to housing (Austria, Belgium);", r.getString("text"));
        assertEquals("NOTED", r.getString("position"));
        assertEquals(List.of("Austria", "Belgium"), r.getList("recommendingStates"));
        assertEquals(List.of("B31 Equality & non-discrimination"), r.getList("themes"));
        assertEquals(List.of("Minorities", "Roma"), r.getList("affectedPersons"));
        assertEquals(List.of("10.3"), r.getList("sdgTargets"));
        assertEquals(List.of(5, 10), r.getList("sdgGoals"));

        r = record("HRV", "5c2d0003-0000-4000-8000-000000000003");
        assertEquals("140.9", r.getString("paragraph"));
        assertEquals("PENDING", r.getString("position"), "an empty UprPositions is not yet decided");
        assertEquals(List.of("Holy See"), r.getList("recommendingStates"));
        assertEquals(List.of(), r.getList("recommendingRegions"));
        assertEquals(List.of(), r.getList("themes"));
        assertEquals(List.of(), r.getList("sdgTargets"));

        r = record("HRV", "5c2d0004-0000-4000-8000-000000000004");
        assertEquals("PENDING", r.getString("position"), "an unknown position is stored as PENDING, with a warning");
        assertEquals(List.of("State of Palestine"), r.getList("recommendingStates"));

        r = record("HRV", "5c2d0005-0000-4000-8000-000000000005");
        assertEquals("4", r.getString("paragraph"));
        assertEquals("The Committee is concerned about the segregation of Roma children in schools & the low rate of their"
                + " enrolment in pre-school education.", r.getString("text"));
        assertEquals("TREATY_BODY", r.getString("mechanism"));
        assertEquals("CRC", r.getString("body"));
        assertEquals("Concerns/Observations", r.getString("annotationType"));
        assertNull(r.get("uprCycle"));
        assertNull(r.get("uprSession"));
        assertEquals(List.of(), r.getList("recommendingStates"));
        assertEquals(List.of("4.5"), r.getList("sdgTargets"));
        assertEquals("2023-02-28", r.getString("publicationDate"));

        r = record("HRV", "5c2d0006-0000-4000-8000-000000000006");
        assertEquals("12(a)", r.getString("paragraph"));
        assertEquals("Adopt a comprehensive strategy to eliminate gender-based violence against women;", r.getString("text"));
        assertEquals("CEDAW", r.getString("body"));
        assertEquals(List.of("Women & girls"), r.getList("affectedPersons"));

        r = record("HRV", "5c2d0007-0000-4000-8000-000000000007");
        assertEquals("87(b)", r.getString("paragraph"));
        assertEquals("Guarantee free pre-school education for every child.", r.getString("text"));
        assertEquals("SPECIAL_PROCEDURE", r.getString("mechanism"));
        assertEquals("SR on the right to education", r.getString("body"));
        assertNull(r.get("uprCycle"));
        assertEquals("PENDING", r.getString("position"), "no position recorded: not yet decided");

        r = record("TUR", "5c2d0008-0000-4000-8000-000000000008");
        assertEquals("45.21", r.getString("paragraph"));
        assertEquals(47, r.getInt("uprSession"));
        assertEquals(List.of("Croatia"), r.getList("recommendingStates"));

        r = record("BOL", "5c2d0009-0000-4000-8000-000000000009");
        assertEquals(List.of("Viet Nam"), r.getList("recommendingStates"));

        for (String country : List.of("HRV", "SRB")) {
            r = record(country, "5c2d0011-0000-4000-8000-000000000011");
            assertEquals("63", r.getString("paragraph"));
            assertEquals("Detention of migrants should be a measure of last resort.", r.getString("text"));
            assertEquals("WG on Arbitrary Detention", r.getString("body"));
            assertEquals("SPECIAL_PROCEDURE", r.getString("mechanism"));
        }

        // The same export again changes nothing.
        JsonPath again = ImportTest.importFile(ImportTest.upload(fixture("5"), "export-full-en.json", "application/json"));
        assertEquals("SUCCEEDED", again.getString("state"), again.prettify());
        assertEquals(0, again.getInt("created"));
        assertEquals(0, again.getInt("updated"));
        assertEquals(11, again.getInt("unchanged"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aGzipCompressedExportImportsAsTheSameRecords() {
        JsonPath job = ImportTest.importFile(ImportTest.upload(gzip(fixture("7")), "export-full-en.json.gz",
                "application/gzip"));
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals("UHRI_JSON", job.getString("format"));
        assertEquals(11, job.getInt("created"));
        JsonPath r = record("HRV", "7c2d0002-0000-4000-8000-000000000002");
        assertEquals("140.8", r.getString("paragraph"));
        assertEquals("NOTED", r.getString("position"));
    }

    @Test
    @TestSecurity(user = "coordinator-hrv", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "HRV"))
    void aCoordinatorsImportOfTheWholeExportKeepsItsOwnStateAndCountsTheRest() {
        long croatia = count("HRV");
        JsonPath job = ImportTest.importFile(ImportTest.upload(fixture("6"), "export-full-en.json", "application/json"));
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals("HRV", job.getString("country"));
        // Croatia's 7 records and its part of the record for Croatia and Serbia.
        assertEquals(8, job.getInt("created"), job.prettify());
        assertEquals(8, job.getInt("rowsTotal"));
        // Türkiye's, Bolivia's and Serbia's part of the joint record: out of scope, neither rejected nor failed.
        assertEquals(3, job.getInt("outOfScope"));
        assertEquals(List.of("BOL", "SRB", "TUR"), job.getList("outOfScopeCountries"));
        assertEquals(1, job.getInt("rejected"), "the record for an unknown State");
        assertEquals(croatia + 8, count("HRV"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aCoordinatorsImportChangesNoOtherCountry() {
        long turkey = count("TUR");
        long serbia = count("SRB");
        long bolivia = count("BOL");
        // An administrator's import for one State is scoped as a coordinator's is.
        JsonPath job = ImportTest.importFile(ImportTest.upload(fixture("9"), "export-full-en.json", "application/json")
                .multiPart("country", "HRV"));
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals(3, job.getInt("outOfScope"));
        assertEquals(turkey, count("TUR"));
        assertEquals(serbia, count("SRB"));
        assertEquals(bolivia, count("BOL"));
    }

    @Test
    @TestSecurity(user = "coordinator-hrv", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "HRV"))
    void aFileWithNothingForTheCoordinatorsStateIsRefused() {
        String other = new String(fixture("4"), StandardCharsets.UTF_8).replace("\"Croatia\"", "\"Serbia\"");
        given().multiPart("file", "export.json", other.getBytes(StandardCharsets.UTF_8), "application/json")
                .when().post(ImportTest.IMPORTS).then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("HRV"));
    }

    private static final String GOOD = "{\"AnnotationId\": \"5c2d00ff-0000-4000-8000-0000000000ff\", \"Symbol\": \"A/HRC/59/15\","
            + " \"Body\": \"- UPR\", \"Countries\": [\"Croatia\"], \"Text\": \"140.99 Do it (Ghana);\", \"UprCycle\": 4,"
            + " \"UprSession\": [48], \"UprPositions\": [\"Supported\"], \"PublicationDate\": \"2025-04-10T00:00:00\"}";

    /** The good record with one field replaced by {@code json}. */
    private static String with(String field, String json) {
        String record = GOOD.replaceFirst("\"" + field + "\": (\\[[^\\]]*\\]|\"[^\"]*\"|\\d+)", "\"" + field + "\": "
                + java.util.regex.Matcher.quoteReplacement(json));
        if (record.equals(GOOD)) {
            throw new IllegalArgumentException(field);
        }
        return "[" + record + "]";
    }

    static List<Arguments> hostileFiles() {
        String deep = "[".repeat(1000) + "]".repeat(1000);
        return List.of(
                Arguments.of("truncated JSON", ("[" + GOOD + ", {\"AnnotationId\": \"5c2d").getBytes(StandardCharsets.UTF_8),
                        "truncated"),
                Arguments.of("deeply nested arrays", with("Countries", deep).getBytes(StandardCharsets.UTF_8), "nested"),
                Arguments.of("a 1.9 MB text", with("Text", "\"" + "x".repeat(1_900_000) + "\"").getBytes(StandardCharsets.UTF_8),
                        "longer than"),
                Arguments.of("not JSON with a .json name", "Text;Countries\nnothing here".getBytes(StandardCharsets.UTF_8), ""),
                Arguments.of("binary with a .json name", new byte[] {0, 1, 2, 3, 4, 5}, "binary"),
                Arguments.of("content after the array", ("[" + GOOD + "] [" + GOOD + "]").getBytes(StandardCharsets.UTF_8),
                        "after"),
                Arguments.of("a gzip bomb", gzipBomb(), "bomb"),
                Arguments.of("damaged gzip", java.util.Arrays.copyOf(gzip(("[" + GOOD + "]").getBytes(StandardCharsets.UTF_8)), 30),
                        "gzip"),
                Arguments.of("AnnotationId a number", with("AnnotationId", "5").getBytes(StandardCharsets.UTF_8), "AnnotationId"),
                Arguments.of("AnnotationId not a UUID", with("AnnotationId", "\"abc\"").getBytes(StandardCharsets.UTF_8), "UUID"),
                Arguments.of("Countries a string", with("Countries", "\"Croatia\"").getBytes(StandardCharsets.UTF_8), "array"),
                Arguments.of("Countries of numbers", with("Countries", "[1]").getBytes(StandardCharsets.UTF_8), "array"),
                Arguments.of("Text an object", with("Text", "{\"a\": 1}").getBytes(StandardCharsets.UTF_8), "string"),
                Arguments.of("Symbol a list of two", with("Symbol", "[\"a\", \"b\"]").getBytes(StandardCharsets.UTF_8), "string"),
                Arguments.of("UprCycle a word", with("UprCycle", "\"four\"").getBytes(StandardCharsets.UTF_8), "whole number"),
                Arguments.of("UprSession of words", with("UprSession", "[\"x\"]").getBytes(StandardCharsets.UTF_8), "whole number"),
                Arguments.of("UprPositions an object", with("UprPositions", "{}").getBytes(StandardCharsets.UTF_8), "array"),
                Arguments.of("PublicationDate not a date", with("PublicationDate", "\"soon\"").getBytes(StandardCharsets.UTF_8),
                        "date"),
                Arguments.of("a record that is not an object", ("[" + GOOD + ", 7]").getBytes(StandardCharsets.UTF_8), "object"));
    }

    /** 64 MiB of blanks inside an array, compressed to a few hundred kilobytes. */
    private static byte[] gzipBomb() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write('[');
            byte[] blanks = new byte[1 << 20];
            java.util.Arrays.fill(blanks, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                gz.write(blanks);
            }
            gz.write(']');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    @TestSecurity(user = "admin", roles = "admin")
    void aHostileFileIsRefusedWithAProblemAndChangesNothing(String name, byte[] content, String detail) {
        long croatia = count("HRV");
        long jobs = given().when().get(ImportTest.IMPORTS + "?limit=1").then().statusCode(200).extract().jsonPath()
                .getLong("page.total");
        int status = given().multiPart("file", "export-full-en.json", content, "application/octet-stream").when()
                .post(ImportTest.IMPORTS).then().contentType("application/problem+json")
                .body("detail", containsString(detail)).extract().statusCode();
        assertTrue(status >= 400 && status < 500, name + ": " + status);
        assertEquals(croatia, count("HRV"));
        assertEquals(jobs, given().when().get(ImportTest.IMPORTS + "?limit=1").then().statusCode(200).extract().jsonPath()
                .getLong("page.total"));
    }
}
