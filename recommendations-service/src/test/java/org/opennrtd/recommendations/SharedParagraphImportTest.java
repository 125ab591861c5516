package org.opennrtd.recommendations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/**
 * The annotation id is the identity of a UHRI record; the document symbol and paragraph identify only a record
 * without one. The UHRI annotates one paragraph more than once (a sub-paragraph whose letter is not in the text, one
 * paragraph as "Concerns/Observations" and as "Recommendation"): such annotations import as recommendations of their
 * own, and one collision never refuses a whole export. Through the HTTP API and a real PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class SharedParagraphImportTest {

    @Inject
    EntityManager em;

    /** A UHRI JSON record of the bulk export for {@code country}, its text starting with its paragraph number. */
    static String annotation(String id, String country, String symbol, String type, String body, String text) {
        return "{\"AnnotationId\": \"" + id + "\", \"Symbol\": \"" + symbol + "\", \"AnnotationType\": \"- " + type
                + "\", \"Body\": \"- " + body + "\", \"Countries\": [\"" + country + "\"], \"Text\": \"" + text
                + "\", \"PublicationDate\": \"2024-06-14T00:00:00\"}";
    }

    static byte[] export(String... records) {
        return ("[" + String.join(",\n", records) + "]").getBytes(StandardCharsets.UTF_8);
    }

    static JsonPath importJson(byte[] json) {
        return ImportTest.importFile(ImportTest.upload(json, "export-full-en.json", "application/json"));
    }

    /** The OpenNRTD template (documentSymbol, paragraph, text, position), none of its rows with an annotation id. */
    static JsonPath importTemplate(String country, String... rows) {
        String csv = "documentSymbol,paragraph,text,position\r\n" + String.join("\r\n", rows) + "\r\n";
        return ImportTest.importFile(ImportTest.upload(csv.getBytes(StandardCharsets.UTF_8), "matrix.csv", "text/csv")
                .multiPart("country", country));
    }

    /** The stored recommendations of one document, by paragraph. */
    static List<Map<String, Object>> document(String country, String symbol) {
        return given().queryParam("country", country).queryParam("documentSymbol", symbol).queryParam("sort", "paragraph")
                .queryParam("limit", 100).when().get("/api/v1/recommendations").then().statusCode(200).extract()
                .jsonPath().getList("items");
    }

    /** The recommendation with annotation {@code id}, without when the UHRI last held it (every UHRI import sets it). */
    static Map<String, Object> withAnnotation(List<Map<String, Object>> items, String id) {
        Map<String, Object> found = new java.util.HashMap<>(items.stream().filter(i -> id.equals(i.get("uhriAnnotationId")))
                .findFirst().orElseThrow(() -> new AssertionError("no recommendation with annotation " + id + " in " + items)));
        found.remove("uhriLastSeenAt");
        return found;
    }

    static List<Map<String, Object>> problems(JsonPath job) {
        return job.getList("problems");
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void twoAnnotationsOfOneParagraphImportAsTwoRecommendationsAndReimportChangesNothing() {
        String concern = "b7a00001-0000-4000-8000-000000000001";
        String recommendation = "b7a00001-0000-4000-8000-000000000002";
        String other = "b7a00001-0000-4000-8000-000000000003";
        byte[] file = export(
                annotation(concern, "Bhutan", "CRC/C/BTN/CO/6-7", "Concerns/Observations", "CRC",
                        "24. The Committee is concerned that birth registration remains low in remote districts."),
                annotation(recommendation, "Bhutan", "CRC/C/BTN/CO/6-7", "Recommendation", "CRC",
                        "24. The Committee recommends that the State party ensure free birth registration."),
                annotation(other, "Bhutan", "CRC/C/BTN/CO/6-7", "Recommendation", "CRC",
                        "25. Strengthen the juvenile justice system."));
        JsonPath job = importJson(file);
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals(3, job.getInt("created"), job.prettify());
        assertEquals(0, job.getInt("rejected"));
        assertTrue(problems(job).isEmpty(), job.prettify());

        List<Map<String, Object>> stored = document("BTN", "CRC/C/BTN/CO/6-7");
        assertEquals(3, stored.size());
        Map<String, Object> first = withAnnotation(stored, concern);
        Map<String, Object> second = withAnnotation(stored, recommendation);
        assertEquals("24", first.get("paragraph"));
        assertEquals("24", second.get("paragraph"));
        assertEquals("Concerns/Observations", first.get("annotationType"));
        assertEquals("Recommendation", second.get("annotationType"));
        assertEquals("The Committee is concerned that birth registration remains low in remote districts.",
                first.get("text"));
        assertEquals("The Committee recommends that the State party ensure free birth registration.", second.get("text"));
        assertEquals("25", withAnnotation(stored, other).get("paragraph"));

        // The same export again: each annotation matches its own recommendation, none is created or changed.
        long audit = auditCount();
        JsonPath again = importJson(file);
        assertEquals("SUCCEEDED", again.getString("state"), again.prettify());
        assertEquals(0, again.getInt("created"));
        assertEquals(0, again.getInt("updated"));
        assertEquals(3, again.getInt("unchanged"));
        assertEquals(0, again.getInt("rejected"));
        assertEquals(audit + 1, auditCount(), "only the submission is audited");
        List<Map<String, Object>> after = document("BTN", "CRC/C/BTN/CO/6-7");
        for (String id : List.of(concern, recommendation, other)) {
            assertEquals(withAnnotation(stored, id), withAnnotation(after, id));
            assertEquals(0, withAnnotation(after, id).get("version"));
        }

        // Now that Bhutan has stored recommendations: a new annotation of the same paragraph 24 takes over neither
        // stored annotation, and two new annotations sharing paragraph 30 are two recommendations too.
        String third = "b7a00001-0000-4000-8000-000000000004";
        String a30 = "b7a00001-0000-4000-8000-000000000005";
        String b30 = "b7a00001-0000-4000-8000-000000000006";
        JsonPath more = importJson(export(
                annotation(third, "Bhutan", "CRC/C/BTN/CO/6-7", "Recommendation", "CRC",
                        "24. Train registrars in every district."),
                annotation(a30, "Bhutan", "CRC/C/BTN/CO/6-7", "Concerns/Observations", "CRC",
                        "30. The Committee is concerned about child labour."),
                annotation(b30, "Bhutan", "CRC/C/BTN/CO/6-7", "Recommendation", "CRC",
                        "30. End child labour in agriculture."),
                annotation(concern, "Bhutan", "CRC/C/BTN/CO/6-7", "Concerns/Observations", "CRC",
                        "24. The Committee is concerned that birth registration remains low in remote districts.")));
        assertEquals("SUCCEEDED", more.getString("state"), more.prettify());
        assertEquals(3, more.getInt("created"), more.prettify());
        assertEquals(1, more.getInt("unchanged"));
        assertEquals(0, more.getInt("updated"));
        assertEquals(0, more.getInt("rejected"));
        List<Map<String, Object>> now = document("BTN", "CRC/C/BTN/CO/6-7");
        assertEquals(6, now.size());
        assertEquals(List.of("24", "24", "24", "25", "30", "30"), now.stream().map(i -> (String) i.get("paragraph")).toList());
        assertEquals(first, withAnnotation(now, concern));
        assertEquals(second, withAnnotation(now, recommendation));
        assertEquals("Train registrars in every district.", withAnnotation(now, third).get("text"));
        assertEquals("End child labour in agriculture.", withAnnotation(now, b30).get("text"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aMatrixRowWhoseParagraphTwoAnnotationsShareIsARowProblemAndTheRestImports() {
        String symbol = "A/HRC/57/5";
        String a = "b7a00002-0000-4000-8000-000000000001";
        String b = "b7a00002-0000-4000-8000-000000000002";
        String c = "b7a00002-0000-4000-8000-000000000003";
        JsonPath uhri = importJson(export(
                annotation(a, "Lesotho", symbol, "Recommendation", "UPR", "112.4 Ratify the Optional Protocol (Chile);"),
                annotation(b, "Lesotho", symbol, "Recommendation", "UPR", "112.4 Ratify the Optional Protocol (Ghana);"),
                annotation(c, "Lesotho", symbol, "Recommendation", "UPR", "112.5 Abolish the death penalty (Spain);")));
        assertEquals("SUCCEEDED", uhri.getString("state"), uhri.prettify());
        assertEquals(3, uhri.getInt("created"));
        List<Map<String, Object>> before = document("LSO", symbol);
        long audit = number(LSO_AUDIT);

        // The matrix: paragraph 112.4 is both annotations' (which one?), 112.5 is one annotation's, 112.6 is new.
        JsonPath matrix = importTemplate("LSO",
                symbol + ",112.4,Ratify the Optional Protocol,Supported",
                symbol + ",112.5,Abolish the death penalty,Noted",
                symbol + ",112.6,Establish a national human rights institution,Supported");
        assertEquals("SUCCEEDED", matrix.getString("state"), matrix.prettify());
        assertEquals("OPENNRTD_CSV", matrix.getString("format"));
        assertEquals(1, matrix.getInt("created"), matrix.prettify());
        assertEquals(1, matrix.getInt("updated"));
        assertEquals(0, matrix.getInt("unchanged"));
        assertEquals(1, matrix.getInt("rejected"));
        List<Map<String, Object>> problems = problems(matrix);
        assertEquals(1, problems.size(), matrix.prettify());
        Map<String, Object> problem = problems.get(0);
        assertEquals(2, problem.get("row"), "the first line after the header");
        assertEquals(false, problem.get("fatal"));
        String message = (String) problem.get("message");
        assertTrue(message.contains("Row 2 "), message);
        assertTrue(message.contains("2 stored recommendations of LSO"), message);
        assertTrue(message.contains("document " + symbol + " paragraph 112.4"), message);
        assertTrue(message.contains("not imported"), message);

        // Neither annotation of 112.4 changed; 112.5 took the matrix's position; 112.6 is new, without annotation id.
        List<Map<String, Object>> after = document("LSO", symbol);
        assertEquals(4, after.size());
        assertEquals(withAnnotation(before, a), withAnnotation(after, a));
        assertEquals(withAnnotation(before, b), withAnnotation(after, b));
        Map<String, Object> enriched = withAnnotation(after, c);
        assertEquals("NOTED", enriched.get("position"));
        assertEquals("Abolish the death penalty", enriched.get("text"));
        assertEquals(1, enriched.get("version"));
        Map<String, Object> created = after.stream().filter(i -> "112.6".equals(i.get("paragraph"))).findFirst().orElseThrow();
        assertNull(created.get("uhriAnnotationId"));
        assertEquals("SUPPORTED", created.get("position"));
        assertEquals(audit + 2, number(LSO_AUDIT), "one update and one creation");
        assertEquals(0L, number("select count(*) from audit_event a join recommendation r on r.id = a.resource_id"
                + " where r.uhri_annotation_id in ('" + a + "', '" + b + "') and a.action <> 'IMPORT_CREATE'"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anAnnotationEnrichesTheStoredMatrixRowOfItsParagraphUnlessSeveralOfTheFileShareIt() {
        String symbol = "A/HRC/58/9";
        JsonPath matrix = importTemplate("NPL",
                symbol + ",99.1,Ratify the Convention on enforced disappearance,Supported",
                symbol + ",99.2,Criminalise torture,Supported");
        assertEquals("SUCCEEDED", matrix.getString("state"), matrix.prettify());
        assertEquals(2, matrix.getInt("created"));
        Map<String, Object> row991 = document("NPL", symbol).get(0);
        assertEquals("99.1", row991.get("paragraph"));

        // 99.1: one annotation, which enriches the matrix row. 99.2: two annotations, neither of which can be told to be
        // the matrix row: both are created, with a warning each, and the matrix row stays as it was.
        String one = "b7a00003-0000-4000-8000-000000000001";
        String twoA = "b7a00003-0000-4000-8000-000000000002";
        String twoB = "b7a00003-0000-4000-8000-000000000003";
        byte[] file = export(
                annotation(one, "Nepal", symbol, "Recommendation", "UPR",
                        "99.1 Ratify the Convention on enforced disappearance (France);"),
                annotation(twoA, "Nepal", symbol, "Recommendation", "UPR", "99.2 Criminalise torture (Denmark);"),
                annotation(twoB, "Nepal", symbol, "Recommendation", "UPR", "99.2 Criminalise torture (Ghana);"));
        JsonPath uhri = importJson(file);
        assertEquals("SUCCEEDED", uhri.getString("state"), uhri.prettify());
        assertEquals(1, uhri.getInt("updated"), uhri.prettify());
        assertEquals(2, uhri.getInt("created"));
        assertEquals(0, uhri.getInt("rejected"));
        List<Map<String, Object>> problems = problems(uhri);
        assertEquals(List.of(2, 3), problems.stream().map(p -> (Integer) p.get("row")).toList(), uhri.prettify());
        problems.forEach(p -> {
            assertEquals(false, p.get("fatal"));
            assertTrue(((String) p.get("message")).contains("paragraph 99.2"), (String) p.get("message"));
            assertTrue(((String) p.get("message")).contains("a recommendation of its own"), (String) p.get("message"));
        });

        List<Map<String, Object>> stored = document("NPL", symbol);
        assertEquals(4, stored.size(), "one matrix row enriched, no duplicate of it");
        Map<String, Object> enriched = withAnnotation(stored, one);
        assertEquals(row991.get("id"), enriched.get("id"));
        assertEquals("Ratify the Convention on enforced disappearance (France);", enriched.get("text"));
        assertEquals("SUPPORTED", enriched.get("position"), "the matrix's position is kept");
        Map<String, List<Object>> byParagraph = stored.stream().collect(Collectors.groupingBy(
                i -> (String) i.get("paragraph"), Collectors.mapping(i -> i.get("uhriAnnotationId"),
                        Collectors.toList())));
        assertEquals(List.of(one), byParagraph.get("99.1"));
        assertEquals(3, byParagraph.get("99.2").size());
        assertTrue(byParagraph.get("99.2").containsAll(List.of(twoA, twoB)));
        assertTrue(byParagraph.get("99.2").contains(null), "the matrix row of 99.2 is untouched");

        // Again: every annotation matches its own recommendation; nothing changes and nothing is warned about.
        JsonPath again = importJson(file);
        assertEquals("SUCCEEDED", again.getString("state"), again.prettify());
        assertEquals(0, again.getInt("created"));
        assertEquals(0, again.getInt("updated"));
        assertEquals(3, again.getInt("unchanged"));
        assertTrue(problems(again).isEmpty(), again.prettify());
        // And the matrix again still finds its own row of 99.2, the one without annotation id.
        JsonPath matrixAgain = importTemplate("NPL",
                symbol + ",99.1,Ratify the Convention on enforced disappearance,Supported",
                symbol + ",99.2,Criminalise torture,Supported");
        assertEquals("SUCCEEDED", matrixAgain.getString("state"), matrixAgain.prettify());
        assertEquals(0, matrixAgain.getInt("created"));
        assertEquals(0, matrixAgain.getInt("rejected"));
        assertEquals(1, matrixAgain.getInt("updated"), "99.1's text is the matrix's again");
        assertEquals(1, matrixAgain.getInt("unchanged"));
        assertEquals(4, document("NPL", symbol).size());
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void aFileRepeatingAnAnnotationIdIsStillRefused() {
        String id = "b7a00004-0000-4000-8000-000000000001";
        given().multiPart("file", "export-full-en.json", export(
                        annotation(id, "Maldives", "A/HRC/54/11", "Recommendation", "UPR", "118.1 Ratify the CRPD;"),
                        annotation(id, "Maldives", "A/HRC/54/11", "Recommendation", "UPR", "118.2 Ratify the CED;")),
                        "application/json")
                .when().post(ImportTest.IMPORTS).then().statusCode(422).contentType("application/problem+json")
                .body("detail", containsString("nothing was imported"))
                .body("detail", containsString("Row 2 repeats the key of row 1 (annotation " + id + ")"));
        assertEquals(0L, number("select count(*) from recommendation where country = 'MDV'"));

        // Two rows without annotation id repeating a paragraph contradict each other too.
        String csv = "documentSymbol,paragraph,text\r\nA/HRC/54/11,118.3,One\r\nA/HRC/54/11,118.3,Another\r\n";
        given().multiPart("file", "matrix.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("country", "MDV").when().post(ImportTest.IMPORTS).then().statusCode(422)
                .body("detail", containsString("repeats the key of row 2 (document A/HRC/54/11 paragraph 118.3)"));
        assertEquals(0L, number("select count(*) from recommendation where country = 'MDV'"));
    }

    private static final String LSO_AUDIT = "select count(*) from audit_event a join recommendation r"
            + " on r.id = a.resource_id where r.country = 'LSO'";

    @Transactional
    long auditCount() {
        return number("select count(*) from audit_event");
    }

    @Transactional
    long number(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
