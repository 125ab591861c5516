package org.opennrtd.reporting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.documentnavigation.outline.PDOutlineItem;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opennrtd.testing.PostgresTestResource;

/**
 * Every report type in every format from known upstream data (WireMock): the numbers are read back from the file
 * itself (PDFBox for PDF, POI for DOCX, Jackson for JSON, the markup for HTML).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(UpstreamServicesTestResource.class)
class ReportGenerationTest {

    static final String COUNTRY = "PRT";

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    WireMockServer upstream;

    @BeforeEach
    void stubUpstreams() {
        upstream = UpstreamServicesTestResource.server();
        upstream.resetAll();
        circuitBreakers.resetAll();
        ReportFixtures.stub(upstream, COUNTRY, ReportFixtures.known());
    }

    /** Generates a report through the API and returns the downloaded file. */
    static Response generate(String type, String format, String extra) {
        String jobId = given().contentType("application/json")
                .body(ReportFixtures.request(type, format, COUNTRY, extra))
                .when().post("/api/v1/report-jobs")
                .then().statusCode(202)
                .header("Location", containsString("/api/v1/report-jobs/"))
                .body("state", equalTo("QUEUED"))
                .body("progress", equalTo(0))
                .extract().path("id");
        JsonPath job = ReportFixtures.awaitJob(jobId);
        assertEquals("SUCCEEDED", job.getString("state"), () -> "job " + job.prettify());
        assertEquals(100, job.getInt("progress"));
        String reportId = job.getString("reportId");
        return given().when().get("/api/v1/reports/" + reportId + "/content")
                .then().statusCode(200).extract().response();
    }

    /** The text of the file, whatever its format, with whitespace collapsed. */
    static String text(String format, byte[] bytes) throws IOException {
        String text = switch (format) {
            case "PDF" -> {
                try (PDDocument pdf = Loader.loadPDF(bytes)) {
                    yield new PDFTextStripper().getText(pdf);
                }
            }
            case "DOCX" -> {
                try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(bytes))) {
                    StringBuilder all = new StringBuilder();
                    docx.getBodyElements().forEach(e -> {
                        if (e instanceof XWPFParagraph p) {
                            all.append(p.getText()).append('\n');
                        } else if (e instanceof XWPFTable t) {
                            t.getRows().forEach(r -> all.append(r.getTableCells().stream()
                                    .map(c -> c.getText()).collect(Collectors.joining(" "))).append('\n'));
                        }
                    });
                    yield all.toString();
                }
            }
            case "HTML" -> new String(bytes, StandardCharsets.UTF_8)
                    .replaceAll("<[^>]+>", " ").replace("&#39;", "'").replace("&amp;", "&");
            default -> new String(bytes, StandardCharsets.UTF_8);
        };
        return text.replaceAll("\\s+", " ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTML", "PDF", "DOCX", "JSON"})
    @TestSecurity(user = "admin-prt", roles = "admin")
    void theUprMidTermReportShowsEachThemeWithItsRecommendationsAndCounts(String format) throws IOException {
        Response file = generate("UPR_MID_TERM", format, "\"uprCycle\":4");
        String text = text(format, file.asByteArray());
        assertTrue(text.contains("UPR mid-term report"), text);
        // positions of the four UPR recommendations: 2 supported, 1 in part, 1 noted
        if (format.equals("JSON")) {
            JsonPath json = new JsonPath(new String(file.asByteArray(), StandardCharsets.UTF_8));
            assertEquals(List.of("Supported", "2"), json.getList("summary.tables.find { it.id == 'by-position' }.rows[0]"));
            assertEquals(List.of("Supported in part", "1"),
                    json.getList("summary.tables.find { it.id == 'by-position' }.rows[1]"));
            assertEquals(List.of("Noted", "1"), json.getList("summary.tables.find { it.id == 'by-position' }.rows[2]"));
            assertEquals(List.of("Education", "Justice", "Women's rights"), json.getList("sections.heading"));
            assertEquals(2, json.getList("sections[2].entries").size());
            assertEquals(4, json.getInt("counts.findAll { it.dimension == 'POSITION' }.count.sum()"));
        } else {
            assertTrue(text.contains("Supported 2"), text);
            assertTrue(text.contains("Supported in part 1"), text);
            assertTrue(text.contains("Noted 1"), text);
            // theme table: Women's rights has 2, both supported
            assertTrue(text.contains("Women's rights 2 2 0 0 0"), text);
            assertTrue(text.contains("A/HRC/52/10 ¶ 1.3"), text);
        }
        assertTrue(text.contains("Establish an independent police complaints body"), text);
        assertTrue(!text.contains("Raise the minimum age of marriage"), "treaty-body recommendations stay out");
        assertEquals(contentType(format), file.contentType().split(";")[0]);
    }

    @ParameterizedTest
    @CsvSource({"SDG_VNR_ANNEX,HTML", "SDG_VNR_ANNEX,PDF", "SDG_VNR_ANNEX,DOCX", "SDG_VNR_ANNEX,JSON"})
    @TestSecurity(user = "admin-prt", roles = "admin")
    void theSdgAnnexCountsTheRecommendationsOfEachGoal(String type, String format) throws IOException {
        String text = text(format, generate(type, format, null).asByteArray());
        // goal 4: 1 recommendation, goal 5: 3 (two UPR, one CEDAW), goal 16: 2
        if (format.equals("JSON")) {
            JsonPath json = new JsonPath(text);
            assertEquals(List.of(List.of("4", "Quality education", "1"), List.of("5", "Gender equality", "3"),
                    List.of("16", "Peace, justice and strong institutions", "2")),
                    json.getList("summary.tables.find { it.id == 'by-goal' }.rows"));
        } else {
            assertTrue(text.contains("4 Quality education 1"), text);
            assertTrue(text.contains("5 Gender equality 3"), text);
            assertTrue(text.contains("16 Peace, justice and strong institutions 2"), text);
        }
        assertTrue(text.contains("Goal 5: Gender equality"), text);
        assertTrue(text.contains("women and girls"), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTML", "PDF", "DOCX", "JSON"})
    @TestSecurity(user = "admin-prt", roles = "admin")
    void theTreatyBodyFollowUpGroupsByBodyAndDocument(String format) throws IOException {
        String text = text(format, generate("TREATY_BODY_FOLLOW_UP", format, null).asByteArray());
        if (format.equals("JSON")) {
            JsonPath json = new JsonPath(text);
            assertEquals(List.of("CEDAW", "CRC"), json.getList("sections.heading"));
            assertEquals("Concluding observations CEDAW/C/PRT/CO/10", json.getString("sections[0].facts[1].label"));
        } else {
            assertTrue(text.contains("CEDAW 1 0 0 0 1"), text);
            assertTrue(text.contains("CRC 1 0 0 0 1"), text);
            assertTrue(text.contains("Concluding observations CRC/C/PRT/CO/5-6"), text);
        }
        assertTrue(text.contains("Raise the minimum age of marriage to 18 years"), text);
        assertTrue(!text.contains("Establish an independent police complaints body"), "UPR recommendations stay out");
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTML", "PDF", "DOCX", "JSON"})
    @TestSecurity(user = "admin-prt", roles = "admin")
    void theActionPlanReportSaysWhenNoActionIsReportedYet(String format) throws IOException {
        String text = text(format, generate("ACTION_PLAN_PROGRESS", format, null).asByteArray());
        assertTrue(text.contains("National action plan: progress report"), text);
        assertTrue(text.contains("No action of the national plan has been reported for these recommendations."), text);
    }

    @org.junit.jupiter.api.Test
    @TestSecurity(user = "admin-prt", roles = "admin")
    void thePdfIsTaggedWithBookmarksAndTheDocxHasHeadingsAndAContentsField() throws IOException {
        byte[] pdfBytes = generate("UPR_MID_TERM", "PDF", null).asByteArray();
        try (PDDocument pdf = Loader.loadPDF(pdfBytes)) {
            var catalog = pdf.getDocumentCatalog();
            assertNotNull(catalog.getStructureTreeRoot(), "tagged PDF has a structure tree");
            assertTrue(catalog.getMarkInfo() != null && catalog.getMarkInfo().isMarked(), "marked content");
            assertEquals("en", catalog.getLanguage());
            assertEquals("UPR mid-term report – PRT", pdf.getDocumentInformation().getTitle());
            List<String> bookmarks = new java.util.ArrayList<>();
            for (PDOutlineItem item : catalog.getDocumentOutline().children()) {
                bookmarks.add(item.getTitle());
            }
            assertEquals(List.of("Summary", "Education", "Justice", "Women's rights"), bookmarks);
        }
        byte[] docxBytes = generate("UPR_MID_TERM", "DOCX", null).asByteArray();
        try (XWPFDocument docx = new XWPFDocument(new ByteArrayInputStream(docxBytes))) {
            List<String> headings = docx.getParagraphs().stream().filter(p -> "Heading1".equals(p.getStyle()))
                    .map(XWPFParagraph::getText).toList();
            assertEquals(List.of("Contents", "Summary", "Education", "Justice", "Women's rights"), headings);
            assertNotNull(docx.getStyles().getStyle("Heading1"));
            assertTrue(docx.getParagraphs().stream().anyMatch(p -> p.getCTP().getFldSimpleList().stream()
                    .anyMatch(f -> f.getInstr().startsWith("TOC"))), "a table-of-contents field");
            assertEquals(2, docx.getAllPictures().size(), "two charts: by position, status by theme");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "fr,,Synthèse,Acceptée,Rapport à mi-parcours de l’EPU",
        "es,,Resumen,Aceptada,Informe de mitad de período del EPU",
        ",fr-CA,Synthèse,Prise en note,Rapport à mi-parcours de l’EPU",
        ",'de, es;q=0.8',Resumen,Tomada en cuenta,Informe de mitad de período del EPU",
        ",,Summary,Noted,UPR mid-term report"})
    @TestSecurity(user = "admin-prt", roles = "admin")
    void labelsFollowTheLanguageParameterElseAcceptLanguage(String language, String acceptLanguage, String summary,
                                                            String position, String title) throws IOException {
        var request = given().contentType("application/json").body(ReportFixtures.request("UPR_MID_TERM", "PDF",
                COUNTRY, language == null ? null : "\"language\":\"" + language + "\""));
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        String jobId = request.when().post("/api/v1/report-jobs").then().statusCode(202).extract().path("id");
        JsonPath job = ReportFixtures.awaitJob(jobId);
        assertEquals("SUCCEEDED", job.getString("state"));
        byte[] pdf = given().when().get("/api/v1/reports/" + job.getString("reportId") + "/content")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        String text = text("PDF", pdf);
        assertTrue(text.contains(summary), text);
        assertTrue(text.contains(position), text);
        assertTrue(text.contains(title), text);
    }

    static String contentType(String format) {
        return switch (format) {
            case "HTML" -> "text/html";
            case "PDF" -> "application/pdf";
            case "DOCX" -> "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            default -> "application/json";
        };
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
