package org.opennrtd.reporting;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opennrtd.reporting.TrackingFixtures.id;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opennrtd.testing.PostgresTestResource;

/**
 * Reports of GEO with implementation data from known upstream data (WireMock): statuses, actions with their lead and
 * supporting institutions, budgets and milestones (one overdue), the latest validated progress narrative, and linked
 * indicators with their progress and the groups left behind; read back from each format. A report of 400
 * recommendations of MDA reads them in a bounded number of upstream calls.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(UpstreamServicesTestResource.class)
class ImplementationReportTest {

    static final String GEO = "GEO";
    static final String MDA = "MDA";
    static final String UPR_DOC = "A/HRC/52/10";

    static final UUID REC_STRATEGY = id(GEO, UPR_DOC, "1.1");
    static final UUID REC_JUSTICE = id(GEO, UPR_DOC, "1.2");
    static final UUID REC_POLICE = id(GEO, UPR_DOC, "1.3");
    static final UUID REC_EDUCATION = id(GEO, UPR_DOC, "1.4");
    static final UUID REC_CEDAW = id(GEO, "CEDAW/C/PRT/CO/10", "12");
    static final UUID REC_CRC = id(GEO, "CRC/C/PRT/CO/5-6", "20");
    static final UUID JUSTICE = id("geo-justice");
    static final UUID EQUALITY = id("geo-equality");
    static final UUID VAW_ACTION = id("geo-vaw-action");
    static final UUID POLICE_ACTION = id("geo-police-action");
    static final UUID VAW_INDICATOR = id("geo-vaw-indicator");
    static final UUID EDU_INDICATOR = id("geo-edu-indicator");

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    WireMockServer upstream;

    @BeforeEach
    void stubUpstreams() {
        upstream = UpstreamServicesTestResource.server();
        upstream.resetAll();
        circuitBreakers.resetAll();
        ReportFixtures.stub(upstream, GEO, ReportFixtures.known());
        Map<String, String> none = Map.of();
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.FOLLOW_UPS, GEO, none, List.of(
                TrackingFixtures.followUp(REC_STRATEGY, GEO, "IN_PROGRESS"),
                TrackingFixtures.followUp(REC_JUSTICE, GEO, "IMPLEMENTED"),
                TrackingFixtures.followUp(REC_POLICE, GEO, "NOT_STARTED"),
                TrackingFixtures.followUp(REC_EDUCATION, GEO, "PARTIALLY_IMPLEMENTED"),
                TrackingFixtures.followUp(REC_CEDAW, GEO, "IN_PROGRESS"),
                TrackingFixtures.followUp(REC_CRC, GEO, "NOT_STARTED")));
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.INSTITUTIONS, GEO, none, List.of(
                TrackingFixtures.institution(JUSTICE, GEO, "Ministry of Justice"),
                TrackingFixtures.institution(EQUALITY, GEO, "Gender Equality Commission")));
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.ACTIONS, GEO, new HashMap<>(singleNull("updateDue")),
                List.of(TrackingFixtures.action(VAW_ACTION, GEO, "National strategy on violence against women",
                                List.of(REC_STRATEGY, REC_JUSTICE), JUSTICE, List.of(EQUALITY), "250000",
                                List.of(), "2025-01-01", "2099-01-01"),
                        TrackingFixtures.action(POLICE_ACTION, GEO, "Independent police complaints office",
                                List.of(REC_POLICE), JUSTICE, List.of(), null, List.of(), "2098-01-01",
                                "2099-01-01")));
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.MILESTONES, GEO, new HashMap<>(singleNull("due")), List.of(
                TrackingFixtures.milestone(id("m1"), VAW_ACTION, GEO, "Strategy adopted", "2025-03-01", "ACHIEVED",
                        null),
                TrackingFixtures.milestone(id("m2"), VAW_ACTION, GEO, "Shelters opened", "2025-06-30", "PLANNED",
                        "OVERDUE"),
                TrackingFixtures.milestone(id("m3"), POLICE_ACTION, GEO, "Office staffed", "2099-01-01", "PLANNED",
                        null)));
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.PROGRESS_UPDATES, GEO, Map.of("status", "VALIDATED"),
                List.of(TrackingFixtures.progressUpdate(id("u2"), VAW_ACTION, GEO,
                                "Forty shelter places opened in three regions", "2025-09-30", "2025-10-05T09:00:00Z"),
                        TrackingFixtures.progressUpdate(id("u1"), VAW_ACTION, GEO,
                                "Strategy adopted by the Council of Ministers", "2025-03-31", "2025-04-02T09:00:00Z")));
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.NATIONAL_INDICATORS, GEO, none, List.of(
                TrackingFixtures.indicator(EDU_INDICATOR, GEO, "EDU-3", "Children with disabilities in mainstream schools",
                        List.of(REC_EDUCATION), List.of(), List.of("4.5")),
                TrackingFixtures.indicator(VAW_INDICATOR, GEO, "VAW-1", "Women victims who reported to the police",
                        List.of(), List.of(VAW_ACTION), List.of("5.2"))));
        TrackingFixtures.stubIndicatorProgress(upstream, GEO, List.of(
                TrackingFixtures.indicatorProgress(EDU_INDICATOR,
                        TrackingFixtures.progress(EDU_INDICATOR, 50, 90, 80, "2024"), List.of(
                                TrackingFixtures.observation(EDU_INDICATOR, "2024", 80, Map.of()),
                                TrackingFixtures.observation(EDU_INDICATOR, "2024", 78, Map.of("SEX", "F")),
                                TrackingFixtures.observation(EDU_INDICATOR, "2024", 82, Map.of("SEX", "M")))),
                TrackingFixtures.indicatorProgress(VAW_INDICATOR,
                        TrackingFixtures.progress(VAW_INDICATOR, 20, 60, 40, "2025"), List.of(
                                TrackingFixtures.observation(VAW_INDICATOR, "2025", 40, Map.of()),
                                TrackingFixtures.observation(VAW_INDICATOR, "2025", 30, Map.of("URBANISATION", "RUR")),
                                TrackingFixtures.observation(VAW_INDICATOR, "2025", 45, Map.of("URBANISATION", "URB"))))));
    }

    static Map<String, String> singleNull(String name) {
        Map<String, String> m = new HashMap<>();
        m.put(name, null);
        return m;
    }

    static byte[] generate(String country, String type, String format, String extra) {
        String jobId = given().contentType("application/json")
                .body(ReportFixtures.request(type, format, country, extra))
                .when().post("/api/v1/report-jobs").then().statusCode(202).extract().path("id");
        JsonPath job = ReportFixtures.awaitJob(jobId);
        assertEquals("SUCCEEDED", job.getString("state"), () -> "job " + job.prettify());
        return given().when().get("/api/v1/reports/" + job.getString("reportId") + "/content")
                .then().statusCode(200).extract().asByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTML", "PDF", "DOCX", "JSON"})
    @TestSecurity(user = "admin-geo", roles = "admin")
    void theMidTermReportShowsStatusActionsBudgetMilestonesNarrativeAndIndicators(String format) throws IOException {
        byte[] bytes = generate(GEO, "UPR_MID_TERM", format, "\"uprCycle\":4");
        String text = ReportGenerationTest.text(format, bytes);
        if (format.equals("JSON")) {
            JsonPath json = new JsonPath(new String(bytes, StandardCharsets.UTF_8));
            assertEquals(List.of(List.of("Implemented", "1"), List.of("In progress", "1"), List.of("Not started", "1"),
                            List.of("Partially implemented", "1")),
                    json.getList("summary.tables.find { it.id == 'by-status' }.rows"));
            assertEquals(4, json.getInt("counts.findAll { it.dimension == 'STATUS' }.count.sum()"));
        } else {
            assertTrue(text.contains("Implemented 1"), text);
            assertTrue(text.contains("Partially implemented 1"), text);
        }
        assertTrue(text.contains("National strategy on violence against women (Delayed; lead: Ministry of Justice;"
                + " supporting: Gender Equality Commission; Budget: 250,000 EUR; Milestones: Strategy adopted"), text);
        assertTrue(text.contains("Shelters opened"), text);
        assertTrue(text.contains("– Overdue"), text);
        assertTrue(text.contains("Independent police complaints office (Not started; lead: Ministry of Justice;"
                + " Budget: not reported"), text);
        assertTrue(text.contains("Forty shelter places opened in three regions"), text);
        assertFalse(text.contains("Strategy adopted by the Council of Ministers"), "only the latest validated one");
        assertTrue(text.contains("VAW-1 Women victims who reported to the police: 40 (2025) / 60, Progress (%): 50"),
                text);
        assertTrue(text.contains("EDU-3 Children with disabilities in mainstream schools: 80 (2024) / 90, Progress (%): 75"),
                text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTML", "PDF", "DOCX", "JSON"})
    @TestSecurity(user = "admin-geo", roles = "admin")
    void theActionPlanReportShowsEachActionsBudgetMilestonesAndStatus(String format) throws IOException {
        byte[] bytes = generate(GEO, "ACTION_PLAN_PROGRESS", format, null);
        String text = ReportGenerationTest.text(format, bytes);
        if (format.equals("JSON")) {
            JsonPath json = new JsonPath(new String(bytes, StandardCharsets.UTF_8));
            assertEquals(List.of(List.of("National strategy on violence against women", "Delayed",
                            "Ministry of Justice, Gender Equality Commission", "250,000 EUR", "1 / 2"),
                    List.of("Independent police complaints office", "Not started", "Ministry of Justice", "not reported",
                            "0 / 1")), json.getList("summary.tables.find { it.id == 'actions' }.rows"));
            assertEquals(List.of("National strategy on violence against women", "Independent police complaints office"),
                    json.getList("sections.heading"));
        } else if (!format.equals("PDF")) {
            assertTrue(text.contains("National strategy on violence against women Delayed Ministry of Justice, Gender"
                    + " Equality Commission 250,000 EUR 1 / 2"), text);
        }
        assertTrue(text.contains("250,000 EUR"), text);
        assertTrue(text.contains("Shelters opened"), text);
        assertTrue(text.contains("Overdue"), text);
        assertFalse(text.contains("No action of the national plan has been reported"), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTML", "PDF", "DOCX", "JSON"})
    @TestSecurity(user = "admin-geo", roles = "admin")
    void theVnrAnnexShowsEachGoalsIndicatorProgressAndTheGroupsLeftBehind(String format) throws IOException {
        byte[] bytes = generate(GEO, "SDG_VNR_ANNEX", format, null);
        String text = ReportGenerationTest.text(format, bytes);
        if (format.equals("JSON")) {
            JsonPath json = new JsonPath(new String(bytes, StandardCharsets.UTF_8));
            List<String> headings = json.getList("sections.heading");
            int goal4 = headings.indexOf("Goal 4: Quality education");
            int goal5 = headings.indexOf("Goal 5: Gender equality");
            assertEquals("SEX F", json.getString("sections[" + goal4 + "].facts.find { it.label == 'Groups left behind' }.value"));
            assertEquals("URBANISATION RUR",
                    json.getString("sections[" + goal5 + "].facts.find { it.label == 'Groups left behind' }.value"));
            assertEquals(List.of("VAW-1 Women victims who reported to the police (PERCENT)", "20", "60", "40 (2025)", "50"),
                    json.getList("sections[" + goal5 + "].table.rows[0]"));
        } else {
            assertTrue(text.contains("SEX F"), text);
            assertTrue(text.contains("URBANISATION RUR"), text);
            assertFalse(text.contains("URBANISATION URB"), "a group ahead of the total is not left behind");
        }
        assertTrue(text.contains("Women victims who reported to the police"), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"HTML", "PDF", "DOCX", "JSON"})
    @TestSecurity(user = "admin-geo", roles = "admin")
    void theTreatyBodyFollowUpCountsImplementationStatusPerBody(String format) throws IOException {
        byte[] bytes = generate(GEO, "TREATY_BODY_FOLLOW_UP", format, null);
        String text = ReportGenerationTest.text(format, bytes);
        if (format.equals("JSON")) {
            JsonPath json = new JsonPath(new String(bytes, StandardCharsets.UTF_8));
            assertEquals(List.of(List.of("CEDAW", "1", "1", "0"), List.of("CRC", "1", "0", "1")),
                    json.getList("summary.tables.find { it.id == 'by-body' }.rows"));
        } else {
            assertTrue(text.contains("CEDAW 1 1 0"), text);
            assertTrue(text.contains("CRC 1 0 1"), text);
        }
        assertTrue(text.contains("In progress"), text);
    }

    @Test
    @TestSecurity(user = "admin-mda", roles = "admin")
    void aReportOf400RecommendationsReadsTheirTrackingInABoundedNumberOfCalls() {
        int n = 400;
        List<ReportFixtures.Rec> recs = ReportBenchmark.synthetic(n);
        ReportBenchmark.stubRecommendationPages(upstream, MDA, recs);
        ReportBenchmark.stubTracking(upstream, MDA, recs);
        upstream.resetRequests();

        byte[] bytes = generate(MDA, "UPR_MID_TERM", "JSON", "\"uprCycle\":4");
        JsonPath json = new JsonPath(new String(bytes, StandardCharsets.UTF_8));
        assertEquals(n, json.getInt("counts.findAll { it.dimension == 'STATUS' }.count.sum()"));
        // 4 pages each of recommendations, follow-ups, actions, milestones and validated updates; 1 of institutions,
        // clusters and national indicators; 1 bulk read of the progress and latest values of the 5 linked
        // indicators (it was 2 calls per indicator, 10, before the bulk read); 2 SDG reads
        int calls = upstream.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching("/api/v1/.*"))).size();
        assertEquals(4 * 5 + 3 + 1 + 2, calls);
        assertEquals(4, TrackingFixtures.requestsTo(upstream, TrackingFixtures.ACTIONS));
        List<LoggedRequest> bulk = upstream.findAll(getRequestedFor(urlPathEqualTo(TrackingFixtures.INDICATOR_PROGRESS)));
        assertEquals(1, bulk.size());
        assertEquals(List.of(MDA), bulk.get(0).queryParameter("country").values());
        assertEquals(List.of("100"), bulk.get(0).queryParameter("limit").values());
        // The linked indicators, in code order: IND-0 ... IND-4.
        assertEquals(TrackingFixtures.repeat(ReportBenchmark.INDICATORS,
                        k -> TrackingFixtures.id(MDA + "-indicator-" + k).toString()),
                bulk.get(0).queryParameter("indicatorId").values());
    }

    @Test
    @TestSecurity(user = "admin-kaz", roles = "admin")
    void moreThanAHundredLinkedIndicatorsAreReadInBulkReadsOfAHundredIds() throws IOException {
        String kaz = "KAZ";
        List<ReportFixtures.Rec> recs = ReportBenchmark.synthetic(150);
        ReportBenchmark.stubRecommendationPages(upstream, kaz, recs);
        List<UUID> indicatorIds = new ArrayList<>();
        List<String> indicators = new ArrayList<>();
        List<String> progress = new ArrayList<>();
        for (int k = 0; k < recs.size(); k++) {
            UUID indicator = id(kaz + "-indicator-" + k);
            indicatorIds.add(indicator);
            indicators.add(TrackingFixtures.indicator(indicator, kaz, "IND-%03d".formatted(k), "Indicator " + k,
                    List.of(id(kaz, recs.get(k).symbol(), recs.get(k).paragraph())), List.of(), List.of("5.2")));
            progress.add(TrackingFixtures.indicatorProgress(indicator,
                    TrackingFixtures.progress(indicator, 10, 50, 30, "2025"),
                    List.of(TrackingFixtures.observation(indicator, "2025", 30, Map.of()))));
        }
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.NATIONAL_INDICATORS, kaz, Map.of(), indicators);
        // Each bulk read answers exactly the ids it names, as the indicators service does.
        for (int from = 0; from < 150; from += 100) {
            int to = Math.min(150, from + 100);
            upstream.stubFor(get(urlPathEqualTo(TrackingFixtures.INDICATOR_PROGRESS)).atPriority(1)
                    .withQueryParam("country", equalTo(kaz)).withQueryParam("offset", equalTo("0"))
                    .withQueryParam("indicatorId", havingExactly(indicatorIds.subList(from, to).stream()
                            .map(UUID::toString).toArray(String[]::new)))
                    .willReturn(okJson("{\"items\":[" + String.join(",", progress.subList(from, to))
                            + "],\"page\":{\"offset\":0,\"limit\":100,\"total\":" + (to - from) + "}}")));
        }
        upstream.resetRequests();

        String text = ReportGenerationTest.text("JSON", generate(kaz, "UPR_MID_TERM", "JSON", "\"uprCycle\":4"));
        for (int k : List.of(0, 99, 100, 149)) {
            String line = "IND-%03d Indicator %d: 30 (2025) / 50, Progress (%%): 50".formatted(k, k);
            assertTrue(text.contains(line), () -> line + " in\n" + text);
        }
        // Two distinct reads, the ids in code order (a read the guard retried shows twice in the journal).
        List<List<String>> reads = upstream.findAll(getRequestedFor(urlPathEqualTo(TrackingFixtures.INDICATOR_PROGRESS)))
                .stream().map(r -> r.queryParameter("indicatorId").values()).distinct().toList();
        List<String> all = indicatorIds.stream().map(UUID::toString).toList();
        assertEquals(List.of(all.subList(0, 100), all.subList(100, 150)), reads);
    }
}
