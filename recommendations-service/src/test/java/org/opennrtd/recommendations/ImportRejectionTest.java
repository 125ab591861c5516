package org.opennrtd.recommendations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/** Hostile and malformed uploads: each is a clear 4xx problem, and nothing is stored, not even a job. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ImportRejectionTest {

    static final String CSV = "text/csv";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    static final String ID = "5c1c1c1c-0000-4000-8000-00000000beef";

    @Inject
    EntityManager em;

    static String uhri(String... rows) {
        return String.join(",", ImportFiles.UHRI_HEADER) + "\r\n" + String.join("\r\n", rows) + "\r\n";
    }

    static String row(String text, String country, String sdgs, String date, String position, String id) {
        return ImportFiles.csv(',', List.of(List.of(text, country, "UPR", "A/HRC/1/1", "- Theme", "- Women", sdgs, date,
                "- Chile", position, "Recommendation", id, "34", "- Europe"))).strip();
    }

    static Arguments file(String name, int status, byte[] content, String type, String detail) {
        return Arguments.of(name, status, content, type, detail);
    }

    static Stream<Arguments> hostileFiles() {
        byte[] matrix = ImportFiles.resource(ImportFiles.MATRIX);
        byte[] random = new byte[4096];
        new Random(7).nextBytes(random);
        random[0] = 1;
        return Stream.of(
                file("empty file", 422, new byte[0], CSV, "empty"),
                file("random bytes", 415, random, "application/octet-stream", "format"),
                file("truncated docx", 422, Arrays.copyOf(matrix, matrix.length / 2), DOCX, "damaged"),
                file("zip that is no office file", 415, ImportFiles.zip(new String[] {"readme.txt"}, 10), "application/zip", "zip"),
                file("zip bomb", 422, ImportFiles.xlsxBomb(40 << 20), XLSX, "inflates"),
                file("entity expansion in a workbook", 422, ImportFiles.xlsxWithEntityExpansion(), XLSX, "not well-formed"),
                file("PDF", 415, "%PDF-1.7\n1 0 obj".getBytes(StandardCharsets.US_ASCII), "application/pdf", "PDF"),
                file("legacy xls", 415, new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0, 0, 0}, "application/vnd.ms-excel", "xlsx"),
                file("CSV sent as an image", 415, uhri(row("Do it", "Slovenia", "", "", "Supported", ID)).getBytes(StandardCharsets.UTF_8),
                        "image/png", "image/png"),
                file("xlsx sent as JSON", 415, ImportFiles.xlsx(List.of(List.of("Text"), List.of("x"))), "application/json", "Excel"),
                file("invalid UTF-8", 422, ("Text,OHCHR Annotation Id\r\n\"caf\u00e9\"," + ID).getBytes(StandardCharsets.ISO_8859_1),
                        CSV, "UTF-8"),
                file("formula cell", 422, ImportFiles.xlsx(List.of(List.of("Text", "OHCHR Annotation Id", "Countries Concerned"),
                        List.of("=HYPERLINK(\"http://example.org\",\"click\")", ID, "Slovenia"))), XLSX, "formula"),
                file("missing key column", 422, "Text,Countries Concerned\r\nDo it,Slovenia\r\n".getBytes(StandardCharsets.UTF_8),
                        CSV, "OHCHR Annotation Id"),
                file("CSV with unknown columns", 422, "name,colour\r\nx,red\r\n".getBytes(StandardCharsets.UTF_8), CSV, "key columns"),
                file("duplicate keys in one file", 422, uhri(row("Do it", "Slovenia", "", "", "Supported", ID),
                        row("Do it again", "Slovenia", "", "", "Supported", ID)).getBytes(StandardCharsets.UTF_8), CSV, "repeats"),
                file("huge cell", 422, uhri(row("x".repeat(60_000), "Slovenia", "", "", "Supported", ID)).getBytes(StandardCharsets.UTF_8),
                        CSV, "longer than"),
                file("annotation id not a UUID", 422, uhri(row("Do it", "Slovenia", "", "", "Supported", "abc")).getBytes(StandardCharsets.UTF_8),
                        CSV, "not a UUID"),
                file("unknown country", 422, uhri(row("Do it", "Atlantis", "", "", "Supported", ID)).getBytes(StandardCharsets.UTF_8),
                        CSV, "Atlantis"),
                file("bad SDG", 422, uhri(row("Do it", "Slovenia", "- 18.1 - Nothing", "", "Supported", ID)).getBytes(StandardCharsets.UTF_8),
                        CSV, "SDG"),
                file("bad date", 422, uhri(row("Do it", "Slovenia", "", "the 3rd of never", "Supported", ID)).getBytes(StandardCharsets.UTF_8),
                        CSV, "not a date"),
                file("empty text", 422, uhri(row("", "Slovenia", "", "", "Supported", ID)).getBytes(StandardCharsets.UTF_8), CSV, "no text"),
                file("unbalanced quotes", 422, ("Text,OHCHR Annotation Id\r\n\"Do it," + ID + "\r\nmore\"x\"y").getBytes(StandardCharsets.UTF_8),
                        CSV, "malformed"),
                file("malformed JSON", 422, "[{\"AnnotationId\": ".getBytes(StandardCharsets.UTF_8), "application/json", "malformed"),
                file("JSON that is not a list of records", 422, "{\"data\": 1}".getBytes(StandardCharsets.UTF_8), "application/json",
                        "records"),
                file("JSON record with a wrong type", 422, ("[{\"AnnotationId\": \"" + ID + "\", \"Text\": \"x\", \"Countries\": \"Slovenia\"}]")
                        .getBytes(StandardCharsets.UTF_8), "application/json", "array"),
                file("Word file that is not a UPR matrix", 415, docxWithoutTable(), DOCX, "header"),
                file("file over the size limit", 413, new byte[2_100_000], CSV, "at most"));
    }

    private static byte[] docxWithoutTable() {
        try (var doc = new org.apache.poi.xwpf.usermodel.XWPFDocument(); var out = new java.io.ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("Meeting notes");
            doc.write(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    @TestSecurity(user = "admin", roles = "admin")
    void isRefusedWithAProblemAndChangesNothing(String name, int status, byte[] content, String type, String detail) {
        long recommendations = count("recommendation");
        long jobs = count("import_job");
        long audit = count("audit_event");
        given().multiPart("file", "upload.bin", content, type).multiPart("country", "SVN")
                .when().post("/api/v1/imports")
                .then().statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("detail", containsString(detail))
                .body("detail", not(containsString("Exception")));
        assertEquals(recommendations, count("recommendation"), name);
        assertEquals(jobs, count("import_job"), name);
        assertEquals(audit, count("audit_event"), name);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void rowProblemsNameTheirRows() {
        given().multiPart("file", "x.csv", uhri(row("Do it", "Slovenia", "", "", "Supported", ID),
                        row("Do it", "Slovenia", "", "the 3rd of never", "Supported", "5c1c1c1c-0000-4000-8000-00000000bee2"))
                        .getBytes(StandardCharsets.UTF_8), CSV)
                .when().post("/api/v1/imports").then().statusCode(422)
                .body("violations[0].field", startsWith("row 3, "))
                .body("violations[0].message", containsString("3rd of never"));
    }

    @Test
    @TestSecurity(user = "ngo-svn", roles = "civil-society")
    @OidcSecurity(claims = @Claim(key = "country", value = "SVN"))
    void civilSocietyCannotImport() {
        given().multiPart("file", "x.csv", "a,b".getBytes(StandardCharsets.UTF_8), CSV).when().post("/api/v1/imports")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "coordinator-svn", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "SVN"))
    void aCoordinatorImportsForItsOwnCountryOnly() {
        given().multiPart("file", "x.csv", uhri(row("Do it", "Slovenia", "", "", "Supported", ID)).getBytes(StandardCharsets.UTF_8), CSV)
                .multiPart("country", "HRV").when().post("/api/v1/imports")
                .then().statusCode(403).contentType("application/problem+json");
        given().multiPart("file", "x.csv", "a".getBytes(StandardCharsets.UTF_8), CSV).multiPart("country", "Slovenia")
                .when().post("/api/v1/imports").then().statusCode(400).body("violations[0].field", equalTo("country"));
    }

    @Test
    void anonymousCannotImport() {
        given().multiPart("file", "x.csv", "a,b".getBytes(StandardCharsets.UTF_8), CSV).when().post("/api/v1/imports")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Transactional
    long count(String table) {
        return ((Number) em.createNativeQuery("select count(*) from " + table).getSingleResult()).longValue();
    }
}
