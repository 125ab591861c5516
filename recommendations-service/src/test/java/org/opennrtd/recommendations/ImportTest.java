package org.opennrtd.recommendations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.importing.ImportApplier;
import org.opennrtd.testing.PostgresTestResource;

/**
 * Imports through the real HTTP path and a real PostgreSQL: each accepted format, the real OHCHR matrix,
 * idempotent re-import, history of changed records, and atomicity.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ImportTest {

    static final String IMPORTS = "/api/v1/imports";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Inject
    EntityManager em;

    static RequestSpecification upload(byte[] content, String name, String type) {
        return given().multiPart("file", name, content, type);
    }

    /** Submits, expects 202, waits for the job to finish and returns it. */
    static JsonPath importFile(RequestSpecification request) {
        Response accepted = request.when().post(IMPORTS);
        accepted.then().statusCode(202).header("Location", containsString(IMPORTS + "/"));
        String id = accepted.path("id");
        for (int i = 0; i < 600; i++) {
            JsonPath job = given().when().get(IMPORTS + "/" + id).then().statusCode(200).extract().jsonPath();
            String state = job.getString("state");
            if (state.equals("SUCCEEDED") || state.equals("FAILED")) {
                return job;
            }
            sleep();
        }
        throw new AssertionError("import job " + id + " did not finish");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    @TestSecurity(user = "coordinator-svn", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "SVN"))
    void theRealUprMatrixImportsExactlyAndReimportChangesNothing() {
        byte[] matrix = ImportFiles.resource(ImportFiles.MATRIX);
        JsonPath job = importFile(upload(matrix, "matrix.docx", DOCX).multiPart("uprCycle", "3").multiPart("uprSession", "34"));
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals("UPR_MATRIX_DOCX", job.getString("format"));
        assertEquals(215, job.getInt("created"));
        assertEquals(215, job.getInt("rowsRead"));
        assertEquals(215, job.getInt("rowsTotal"));

        given().when().get("/api/v1/recommendation-statistics?country=SVN").then().statusCode(200)
                .body("byPosition.find { it.key == 'SUPPORTED' }.count", equalTo(182))
                .body("byPosition.find { it.key == 'NOTED' }.count", equalTo(33));

        // Checked by hand against the Word file.
        given().when().get("/api/v1/recommendations?country=SVN&documentSymbol=A/HRC/43/15&q=Enforced Disappearance&sort=paragraph&limit=100")
                .then().statusCode(200)
                .body("items.find { it.paragraph == '121.1' }.text", equalTo(
                        "Ratify the International Convention for the Protection of All Persons from Enforced Disappearance"))
                .body("items.find { it.paragraph == '121.1' }.recommendingStates", contains("France", "Lithuania"))
                .body("items.find { it.paragraph == '121.1' }.themes", contains("Acceptance of international norms",
                        "Enforced disappearances"))
                .body("items.find { it.paragraph == '121.1' }.sdgGoals", contains(16))
                .body("items.find { it.paragraph == '121.1' }.affectedPersons", contains("Disappeared persons"))
                .body("items.find { it.paragraph == '121.1' }.position", equalTo("SUPPORTED"))
                .body("items.find { it.paragraph == '121.1' }.uprCycle", equalTo(3))
                .body("items.find { it.paragraph == '121.2' }.recommendingStates", contains("Ukraine", "Slovakia"))
                .body("items.find { it.paragraph == '122.11' }.themes", contains("Acceptance of international norms",
                        "Arbitrary arrest & detention", "Cooperation & Follow up with Treaty Bodies", "Enforced disappearances"));
        given().when().get("/api/v1/recommendations?country=SVN&q=official development assistance").then().statusCode(200)
                .body("items.paragraph", hasItem("122.63"))
                .body("items.find { it.paragraph == '122.63' }.recommendingStates", contains("Luxembourg"));
        given().when().get("/api/v1/taxonomies/themes?country=SVN&limit=100").then().statusCode(200)
                .body("items.term", hasItem("Acceptance of international norms"));
        given().when().get("/api/v1/taxonomies/recommending-states?country=SVN&limit=100").then().statusCode(200)
                .body("items.term", hasItem("Lithuania"));

        long audit = auditCount();
        JsonPath again = importFile(upload(matrix, "matrix.docx", DOCX).multiPart("uprCycle", "3").multiPart("uprSession", "34"));
        assertEquals("SUCCEEDED", again.getString("state"));
        assertEquals(0, again.getInt("created"));
        assertEquals(0, again.getInt("updated"));
        assertEquals(215, again.getInt("unchanged"));
        assertEquals(audit + 1, auditCount(), "only the submission itself is audited the second time");
        assertEquals(215L, count("SVN"));

        // Each created row's audit entry holds its full state as created, exactly as the stored row reads.
        assertEquals(215L, ((Number) single("select count(*) from audit_event a join recommendation r on r.id = a.resource_id"
                + " where a.action = 'IMPORT_CREATE' and r.country = 'SVN' and r.document_symbol = 'A/HRC/43/15'"
                + " and a.before_state is null and a.actor = 'coordinator-svn'"
                + " and a.after_state = " + ImportApplier.auditStateSql("r"))).longValue());
    }

    static List<String> uhriRow(String text, String country, String body, String symbol, String themes, String sdgs,
            String date, String states, String position, String id) {
        return List.of(text, country, body, symbol, themes, "- Women\n- Girls", sdgs, date, states, position,
                "Recommendation", id, "UPR 41", "- Europe");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void uhriCsvJsonAndXlsxImportWithHistoryOfChanges() {
        String id1 = "5c1c1c1c-0000-4000-8000-000000000001";
        String id2 = "5c1c1c1c-0000-4000-8000-000000000002";
        List<List<String>> rows = List.of(ImportFiles.UHRI_HEADER,
                uhriRow("138.1 Criminalize marital rape", "Montenegro", "UPR", "A/HRC/56/11",
                        "- Violence against women\n- Women's rights", "- 5.2 - Eliminate all forms of violence against women",
                        "45123", "- Austria\n- Chile", "Supported", id1),
                uhriRow("Adopt a comprehensive anti-discrimination law", "Montenegro\n- Serbia", "CEDAW", "CEDAW/C/MNE/CO/3",
                        "- Equality & non-discrimination", "- 10.3 - Ensure equal opportunity", "2024-03-01", "", "", id2));
        JsonPath csvJob = importFile(upload(ImportFiles.csv(';', rows).getBytes(StandardCharsets.UTF_8), "export.txt", "text/csv"));
        assertEquals("SUCCEEDED", csvJob.getString("state"), csvJob.prettify());
        assertEquals("UHRI_CSV", csvJob.getString("format"));
        assertEquals(3, csvJob.getInt("created"), "one record per State concerned");

        given().when().get("/api/v1/recommendations?country=MNE&documentSymbol=A/HRC/56/11").then().statusCode(200)
                .body("page.total", equalTo(1))
                .body("items[0].paragraph", equalTo("138.1"))
                .body("items[0].text", equalTo("Criminalize marital rape"))
                .body("items[0].mechanism", equalTo("UPR"))
                .body("items[0].uprSession", equalTo(41))
                .body("items[0].uprCycle", equalTo(4))
                .body("items[0].sdgTargets", contains("5.2"))
                .body("items[0].publicationDate", equalTo("2023-07-16"))
                .body("items[0].regions", contains("Europe"))
                .body("items[0].recommendingStates", contains("Austria", "Chile"));
        given().when().get("/api/v1/recommendations?country=SRB&mechanism=TREATY_BODY").then().statusCode(200)
                .body("page.total", equalTo(1)).body("items[0].position", equalTo("PENDING"));

        // The same records as JSON, one of them changed: an update whose history keeps the old text.
        String json = "{\"records\": [{\"AnnotationId\": \"" + id1 + "\", \"Symbol\": \"A/HRC/56/11\", \"Text\": \"138.1 Criminalize"
                + " marital rape in all circumstances\", \"PublicationDate\": \"2023-07-16\", \"AnnotationType\": \"Recommendation\","
                + " \"Countries\": [\"MNE\"], \"AffectedPersons\": [\"Women\", \"Girls\"], \"Themes\": [\"Violence against women\","
                + " \"Women's rights\"], \"Sdgs\": [\"5.2 - Eliminate all forms of violence against women\"], \"Regions\": [\"Europe\"],"
                + " \"Body\": \"UPR\", \"UprPosition\": \"Supported\", \"UprRecommendingStates\": [\"Austria\", \"Chile\"],"
                + " \"UprSession\": 41}]}";
        JsonPath jsonJob = importFile(upload(json.getBytes(StandardCharsets.UTF_8), "export.json", "application/json"));
        assertEquals("SUCCEEDED", jsonJob.getString("state"), jsonJob.prettify());
        assertEquals(1, jsonJob.getInt("updated"));
        assertEquals(0, jsonJob.getInt("created"));
        String before = (String) single("select cast(before_state ->> 'text' as text) from audit_event where action = 'IMPORT_UPDATE'"
                + " and after_state ->> 'text' = 'Criminalize marital rape in all circumstances'");
        assertEquals("Criminalize marital rape", before);
        given().when().get("/api/v1/recommendations?country=MNE&documentSymbol=A/HRC/56/11").then()
                .body("items[0].text", equalTo("Criminalize marital rape in all circumstances"))
                .body("items[0].version", equalTo(1));

        // Excel: columns in another order, the correct spelling, an Excel serial date.
        List<List<Object>> sheet = List.of(
                List.of("OHCHR Annotation Id", "Recommending Body", "Text", "Countries Concerned", "Document Publication Date",
                        "Sdgs", "Themes"),
                List.of("5c1c1c1c-0000-4000-8000-000000000003", "SR on the right to food", "Guarantee the right to adequate food",
                        "Slovenia", 45000, "- 2.1 - End hunger", "- Right to food"));
        JsonPath xlsxJob = importFile(upload(ImportFiles.xlsx(sheet), "food.bin", XLSX));
        assertEquals("SUCCEEDED", xlsxJob.getString("state"), xlsxJob.prettify());
        assertEquals("UHRI_XLSX", xlsxJob.getString("format"));
        given().when().get("/api/v1/recommendations?country=SVN&mechanism=SPECIAL_PROCEDURE").then().statusCode(200)
                .body("page.total", equalTo(1))
                .body("items[0].body", equalTo("SR on the right to food"))
                .body("items[0].publicationDate", equalTo("2023-03-15"))
                .body("items[0].sdgGoals", contains(2));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aFailureWhileApplyingRollsBackTheWholeFile() {
        String stored = "5c1c1c1c-0000-4000-8000-0000000000a1";
        String template = "documentSymbol,paragraph,text,position,uhriAnnotationId\r\n"
                + "A/HRC/99/1,7.1,Ratify the Optional Protocol,Supported," + stored + "\r\n";
        JsonPath first = importFile(upload(template.getBytes(StandardCharsets.UTF_8), "mine.csv", "text/csv")
                .multiPart("country", "ALB"));
        assertEquals("SUCCEEDED", first.getString("state"), first.prettify());
        assertEquals("OPENNRTD_CSV", first.getString("format"));
        long before = count("ALB");
        long audit = auditCount();

        // Row 1 updates the stored record (its annotation id), rows 2 and 3 are new: row 2 shares the stored record's
        // paragraph but has another annotation id, so it is a recommendation of its own. The database refuses row 3
        // while the file is applied: nothing of it may land, neither the update nor row 2.
        String json = "[" + record(stored, "A/HRC/99/1", "Ratify it now") + ","
                + record("5c1c1c1c-0000-4000-8000-0000000000a2", "A/HRC/99/1", "7.1 Another text") + ","
                + record("5c1c1c1c-0000-4000-8000-0000000000a3", "A/HRC/99/1", "7.9 REFUSED-BY-THE-DATABASE") + "]";
        execute("create function refuse_marked_alb() returns trigger language plpgsql as"
                + " $$ begin raise exception 'refused by the test'; end $$");
        execute("create trigger refuse_marked_alb before insert on recommendation for each row"
                + " when (new.text like '%REFUSED-BY-THE-DATABASE%') execute function refuse_marked_alb()");
        try {
            JsonPath job = importFile(upload(json.getBytes(StandardCharsets.UTF_8), "x.json", "application/json"));
            assertEquals("FAILED", job.getString("state"), job.prettify());
            assertEquals("The import failed and was rolled back.", job.getString("error"));
        } finally {
            execute("drop trigger refuse_marked_alb on recommendation");
            execute("drop function refuse_marked_alb()");
        }
        assertEquals(before, count("ALB"));
        assertEquals(audit + 1, auditCount(), "only the submission is audited");
        given().when().get("/api/v1/recommendations?country=ALB").then()
                .body("items[0].text", equalTo("Ratify the Optional Protocol"));

        // Accepted by the database, the same file updates the stored record and adds the other two.
        JsonPath job = importFile(upload(json.getBytes(StandardCharsets.UTF_8), "x.json", "application/json"));
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals(1, job.getInt("updated"));
        assertEquals(2, job.getInt("created"));
        given().when().get("/api/v1/recommendations?country=ALB&documentSymbol=A/HRC/99/1&sort=paragraph").then()
                .body("page.total", equalTo(3))
                .body("items.find { it.uhriAnnotationId == '" + stored + "' }.text", equalTo("Ratify it now"))
                .body("items.find { it.uhriAnnotationId == '" + stored + "' }.paragraph", equalTo("7.1"))
                .body("items.find { it.uhriAnnotationId == '5c1c1c1c-0000-4000-8000-0000000000a2' }.paragraph",
                        equalTo("7.1"))
                .body("items.find { it.uhriAnnotationId == '5c1c1c1c-0000-4000-8000-0000000000a2' }.text",
                        equalTo("Another text"));
    }

    @Test
    @TestSecurity(user = "admin\\importer \"quoted\"", roles = "admin")
    void createdRowsAreAuditedWithTheirStoredStateWhateverCharactersTheyHold() {
        // Quotes, backslashes, tabs, line breaks, accents and an emoji, in texts and in lists;
        // no position (stored as PENDING), no date, no symbol, a bare SDG goal.
        List<List<String>> rows = List.of(ImportFiles.UHRI_HEADER,
                uhriRow("12.3 Say \"no\" to C:\\path\\ and\ttabs\r\nand lines Łódź 😀", "GEO", "UPR", "A/HRC/60/4",
                        "- Theme with \"quotes\", commas\n- Back\\slash {braces}", "- 5 - GENDER EQUALITY\n- 16.3 - Rule of law",
                        "", "- Côte d'Ivoire\n- NULL", "", "5c1c1c1c-0000-4000-8000-0000000000e1"),
                uhriRow("Plain text", "GEO", "CEDAW", "", "", "", "2024-02-29", "", "Noted",
                        "5c1c1c1c-0000-4000-8000-0000000000e2"));
        JsonPath job = importFile(upload(ImportFiles.csv(',', rows).getBytes(StandardCharsets.UTF_8), "odd.csv", "text/csv"));
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals(2, job.getInt("created"));
        given().when().get("/api/v1/recommendations?country=GEO&documentSymbol=A/HRC/60/4").then().statusCode(200)
                .body("items[0].text", equalTo("Say \"no\" to C:\\path\\ and\ttabs\r\nand lines Łódź 😀"))
                .body("items[0].themes", contains("Theme with \"quotes\", commas", "Back\\slash {braces}"))
                .body("items[0].position", equalTo("PENDING"));
        assertEquals(2L, ((Number) single("select count(*) from audit_event a join recommendation r on r.id = a.resource_id"
                + " where a.action = 'IMPORT_CREATE' and r.country = 'GEO' and a.before_state is null"
                + " and a.actor = 'admin\\importer \"quoted\"' and a.occurred_at = r.created_at"
                + " and a.after_state = " + ImportApplier.auditStateSql("r"))).longValue());
    }

    private static String record(String id, String symbol, String text) {
        return "{\"AnnotationId\": \"" + id + "\", \"Symbol\": \"" + symbol + "\", \"Text\": \"" + text
                + "\", \"Countries\": [\"Albania\"], \"Body\": \"UPR\"}";
    }

    @Test
    @TestSecurity(user = "coordinator-mlt", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "MLT"))
    void theTemplateCanBeDownloadedAndImportedAsIs() {
        String template = given().when().get("/api/v1/import-template").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        JsonPath job = importFile(upload(template.getBytes(StandardCharsets.UTF_8), "template.csv", "text/csv"));
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals(1, job.getInt("created"));
        assertEquals("MLT", job.getString("country"));
        given().when().get(IMPORTS).then().statusCode(200).body("items.country", hasItem("MLT"))
                .body("items.findAll { it.country != 'MLT' }.size()", equalTo(0));
    }

    @Transactional
    long count(String country) {
        return ((Number) em.createNativeQuery("select count(*) from recommendation where country = ?1")
                .setParameter(1, country).getSingleResult()).longValue();
    }

    @Transactional
    void execute(String sql) {
        em.createNativeQuery(sql).executeUpdate();
    }

    @Transactional
    long auditCount() {
        return ((Number) em.createNativeQuery("select count(*) from audit_event").getSingleResult()).longValue();
    }

    @Transactional
    Object single(String sql) {
        return em.createNativeQuery(sql).getSingleResult();
    }

}
