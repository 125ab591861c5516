package org.opennrtd.recommendations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/**
 * The UHRI's export in French and Spanish: its texts become translations of the recommendations with the same
 * annotation id (never new records), served as {@code Accept-Language} asks, falling back to the original, and saying
 * which. Each test imports the fixtures under annotation ids and symbols of its own (see
 * {@link UhriExportImportTest#fixture}).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class UhriTranslationTest {

    private static final String RECOMMENDATIONS = "/api/v1/recommendations";
    private static final String FRENCH = "/fixtures/uhri/export-full-fr-sample.json";
    private static final String SPANISH = "/fixtures/uhri/export-full-es-sample.json";

    /** A fixture with its annotation ids and symbols made those of {@code variant}, as the English one's. */
    private static byte[] fixture(String path, String variant) {
        String json = new String(ImportFiles.resource(path), StandardCharsets.UTF_8);
        return json.replace("\"5c2d", "\"" + variant + "c2d").replace("\"Symbol\": \"", "\"Symbol\": \"" + variant + "-")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static JsonPath imported(byte[] file, String language) {
        var request = ImportTest.upload(file, "export-full-" + language + ".json", "application/json");
        JsonPath job = ImportTest.importFile(language.equals("en") ? request : request.multiPart("language", language));
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        return job;
    }

    private static String idOf(String country, String annotationId) {
        List<Map<String, Object>> items = given().queryParam("country", country).queryParam("limit", 100)
                .queryParam("documentSymbol", annotationId.charAt(0) + "-" + symbolOf(annotationId))
                .when().get(RECOMMENDATIONS).then().statusCode(200).extract().jsonPath().getList("items");
        return (String) items.stream().filter(i -> annotationId.equals(i.get("uhriAnnotationId"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + country + " record with annotation " + annotationId))
                .get("id");
    }

    /** The document symbol of the English fixture's records used here. */
    private static String symbolOf(String annotationId) {
        return switch (annotationId.substring(4, 8)) {
            case "0001", "0002", "0003" -> "A/HRC/59/15";
            case "0005" -> "CRC/C/HRV/CO/5-6";
            case "0006" -> "CEDAW/C/HRV/CO/6";
            case "0011" -> "A/HRC/54/70/Add.2";
            default -> throw new IllegalArgumentException(annotationId);
        };
    }

    private static Response read(String id, String acceptLanguage) {
        var request = given();
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        Response response = request.when().get(RECOMMENDATIONS + "/" + id);
        response.then().statusCode(200);
        return response;
    }

    private static long total(String country) {
        return given().queryParam("country", country).queryParam("limit", 1).when().get(RECOMMENDATIONS).then()
                .statusCode(200).extract().jsonPath().getLong("page.total");
    }

    private static List<Map<String, Object>> history(String id) {
        return given().queryParam("limit", 100).when().get(RECOMMENDATIONS + "/" + id + "/history").then()
                .statusCode(200).extract().jsonPath().getList("items");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aFrenchExportStoresTranslationsOfTheRecordsWithTheSameAnnotationIds() {
        JsonPath english = imported(UhriExportImportTest.fixture("8"), "en");
        assertEquals(11, english.getInt("created"), english.prettify());
        long croatia = total("HRV");
        long serbia = total("SRB");
        String ratify = idOf("HRV", "8c2d0001-0000-4000-8000-000000000001");
        long version = read(ratify, null).jsonPath().getLong("version");

        JsonPath french = imported(fixture(FRENCH, "8"), "fr");
        assertEquals("fr", french.getString("language"));
        assertEquals(0, french.getInt("created"), french.prettify());
        assertEquals(0, french.getInt("updated"));
        // Records 1, 2, 5 and 11 (for Croatia and for Serbia); record 99 has no original.
        assertEquals(5, french.getInt("translated"), french.prettify());
        assertEquals(1, french.getInt("rejected"));
        List<Map<String, Object>> problems = french.getList("problems");
        assertTrue(problems.stream().anyMatch(p -> ((int) p.get("row")) == 5 && "AnnotationId".equals(p.get("column"))
                && String.valueOf(p.get("message")).contains("8c2d0099-0000-4000-8000-000000000099")
                && !((boolean) p.get("fatal"))), french.prettify());
        assertEquals(croatia, total("HRV"), "no new records");
        assertEquals(serbia, total("SRB"));

        Response fr = read(ratify, "fr");
        fr.then().header("Content-Language", "fr").header("Vary", containsString("Accept-Language"))
                .body("language", equalTo("fr"))
                .body("text", equalTo("Ratifier le Protocole facultatif se rapportant à la Convention contre la torture"
                        + " (Ghana) ;"))
                .body("paragraph", equalTo("140.7")).body("body", equalTo("UPR")).body("position", equalTo("SUPPORTED"))
                .body("themes", equalTo(List.of("A41 Constitutional and legislative framework",
                        "A12 Acceptance of international norms")))
                .body("version", equalTo((int) version));
        read(ratify, "fr-CH, en;q=0.5").then().header("Content-Language", "fr").body("language", equalTo("fr"));
        read(ratify, null).then().header("Content-Language", "en").body("language", equalTo("en"))
                .body("text", equalTo("Ratify the Optional Protocol to the Convention against Torture (Ghana);"));
        read(ratify, "es").then().header("Content-Language", "en").body("language", equalTo("en"));
        read(idOf("HRV", "8c2d0002-0000-4000-8000-000000000002"), "fr").then()
                .body("text", equalTo("Intensifier les efforts de lutte contre la discrimination à l'égard des Roms & des"
                        + " autres minorités,\nen particulier dans l'éducation ;\n\ngarantir l'égalité d'accès au logement"
                        + " (Autriche, Belgique) ;"));
        read(idOf("HRV", "8c2d0005-0000-4000-8000-000000000005"), "fr").then().body("paragraph", equalTo("4"))
                .body("text", equalTo("Le Comité est préoccupé par la ségrégation des enfants roms dans les écoles."));
        read(idOf("SRB", "8c2d0011-0000-4000-8000-000000000011"), "fr").then().header("Content-Language", "fr")
                .body("text", equalTo("La détention des migrants devrait être une mesure de dernier recours."));
        // A record the French export does not hold falls back to the original and says so.
        String migrantWorkers = idOf("HRV", "8c2d0003-0000-4000-8000-000000000003");
        read(migrantWorkers, "fr").then().header("Content-Language", "en").body("language", equalTo("en"))
                .body("text", equalTo("Consider ratifying the Convention on the Rights of Migrant Workers (Holy See);"));

        // Lists say each item's language; free text still searches the original.
        JsonPath list = given().header("Accept-Language", "fr").queryParam("country", "HRV")
                .queryParam("documentSymbol", "8-A/HRC/59/15").when().get(RECOMMENDATIONS).then().statusCode(200)
                .header("Vary", containsString("Accept-Language")).extract().jsonPath();
        Map<Object, Object> languages = new java.util.HashMap<>();
        list.getList("items", Map.class).forEach(i -> languages.put(i.get("uhriAnnotationId"), i.get("language")));
        assertEquals(Map.of("8c2d0001-0000-4000-8000-000000000001", "fr", "8c2d0002-0000-4000-8000-000000000002", "fr",
                "8c2d0003-0000-4000-8000-000000000003", "en", "8c2d0004-0000-4000-8000-000000000004", "en"), languages,
                list.prettify());
        assertTrue(list.getList("items.text").contains(
                "Ratifier le Protocole facultatif se rapportant à la Convention contre la torture (Ghana) ;"));
        given().header("Accept-Language", "fr").queryParam("country", "HRV").queryParam("documentSymbol", "8-A/HRC/59/15")
                .queryParam("q", "torture ratify").when().get(RECOMMENDATIONS).then().statusCode(200)
                .body("page.total", equalTo(1)).body("items[0].language", equalTo("fr"));
        given().queryParam("country", "HRV").queryParam("documentSymbol", "8-A/HRC/59/15").queryParam("q", "égalité")
                .when().get(RECOMMENDATIONS).then().statusCode(200).body("page.total", equalTo(0));

        List<Map<String, Object>> entries = history(ratify);
        Map<String, Object> last = entries.get(entries.size() - 1);
        assertEquals("IMPORT_TRANSLATION", last.get("action"));
        assertEquals(null, last.get("before"));
        assertEquals(Map.of("language", "fr", "text", "Ratifier le Protocole facultatif se rapportant à la Convention"
                + " contre la torture (Ghana) ;"), last.get("after"));

        // The same translation again changes nothing.
        JsonPath again = imported(fixture(FRENCH, "8"), "fr");
        assertEquals(0, again.getInt("translated"), again.prettify());
        assertEquals(5, again.getInt("unchanged"));
        assertEquals(1, again.getInt("rejected"));
        assertEquals(entries.size(), history(ratify).size());
        assertEquals(croatia, total("HRV"));

        // A changed translation replaces the stored one, with the text before in its history.
        byte[] revised = new String(fixture(FRENCH, "8"), StandardCharsets.UTF_8)
                .replace("contre la torture (Ghana) ;", "contre la torture (Ghana).").getBytes(StandardCharsets.UTF_8);
        JsonPath changed = imported(revised, "fr");
        assertEquals(1, changed.getInt("translated"), changed.prettify());
        assertEquals(4, changed.getInt("unchanged"));
        read(ratify, "fr").then().body("text", endsWith("contre la torture (Ghana)."));
        entries = history(ratify);
        last = entries.get(entries.size() - 1);
        assertEquals("IMPORT_TRANSLATION", last.get("action"));
        assertEquals(Map.of("language", "fr", "text", "Ratifier le Protocole facultatif se rapportant à la Convention"
                + " contre la torture (Ghana) ;"), last.get("before"));

        // A second language beside the first; the caller's preference order decides.
        JsonPath spanish = imported(fixture(SPANISH, "8"), "es");
        assertEquals(2, spanish.getInt("translated"), spanish.prettify());
        read(ratify, "es").then().header("Content-Language", "es")
                .body("text", equalTo("Ratificar el Protocolo Facultativo de la Convención contra la Tortura (Ghana);"));
        read(ratify, "de, fr;q=0.9, es;q=0.8").then().header("Content-Language", "fr");
        read(ratify, "de, es;q=0.9, fr;q=0.8").then().header("Content-Language", "es");
        read(idOf("HRV", "8c2d0006-0000-4000-8000-000000000006"), "fr, es").then().header("Content-Language", "es");
        read(idOf("HRV", "8c2d0005-0000-4000-8000-000000000005"), "es").then().header("Content-Language", "en");
    }

    @Test
    @TestSecurity(user = "coordinator-hrv", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "HRV"))
    void aCoordinatorsTranslationCoversTheirOwnStateOnly() {
        JsonPath english = imported(UhriExportImportTest.fixture("3"), "en");
        assertEquals(8, english.getInt("created"), english.prettify());
        JsonPath french = imported(fixture(FRENCH, "3"), "fr");
        // Croatia's part of records 1, 2, 5 and 11; Serbia's part of record 11 is out of scope.
        assertEquals(4, french.getInt("translated"), french.prettify());
        assertEquals(1, french.getInt("outOfScope"));
        read(idOf("HRV", "3c2d0011-0000-4000-8000-000000000011"), "fr").then().header("Content-Language", "fr");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aLanguageThatIsNoneOfTheSixIsABadRequestNamingTheField() {
        long jobs = jobs();
        for (String language : List.of("de", "FR", "fr-FR", "french")) {
            ImportTest.upload(fixture(FRENCH, "2"), "export-full-de.json", "application/json")
                    .multiPart("language", language).when().post(ImportTest.IMPORTS).then().statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("language"))
                    .body("detail", containsString("language"));
        }
        given().contentType("application/json").body(Map.of("url", "https://example.org/export.json", "language", "de"))
                .when().post("/api/v1/url-imports").then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", containsString("language"));
        assertEquals(jobs, jobs());
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aTranslationIsOnlyOfAUhriExportAndNeverComplete() {
        long jobs = jobs();
        byte[] csv = org.opennrtd.recommendations.importing.TemplateCsv.template().getBytes(StandardCharsets.UTF_8);
        given().multiPart("file", "template.csv", csv, "text/csv").multiPart("country", "HRV")
                .multiPart("language", "fr").when().post(ImportTest.IMPORTS).then().statusCode(422)
                .contentType("application/problem+json").body("violations[0].field", equalTo("language"));
        ImportTest.upload(fixture(FRENCH, "2"), "export-full-fr.json", "application/json").multiPart("language", "fr")
                .multiPart("complete", "true").when().post(ImportTest.IMPORTS).then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("complete"));
        assertEquals(jobs, jobs());
    }

    private static long jobs() {
        return given().when().get(ImportTest.IMPORTS + "?limit=1").then().statusCode(200).extract().jsonPath()
                .getLong("page.total");
    }
}
