package org.opennrtd.reporting;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opennrtd.reporting.TrackingFixtures.id;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/**
 * The implementation part of the country status of SRB (JSON and CSV) from known upstream data: counts by status
 * and by theme and status, overdue milestones and progress updates with the oldest due date, indicator coverage, the
 * last update; and the stale snapshot when a tracking read fails. MNE has no snapshot and gets the 503.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(UpstreamServicesTestResource.class)
class CountryImplementationStatusTest {

    static final String SRB = "SRB";
    static final String MNE = "MNE";
    static final String DOC = "A/HRC/52/10";

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    WireMockServer upstream;

    @BeforeEach
    void stubUpstreams() {
        upstream = UpstreamServicesTestResource.server();
        upstream.resetAll();
        circuitBreakers.resetAll();
        ReportFixtures.stub(upstream, SRB, ReportFixtures.known());
        ReportFixtures.stubRecommendations(upstream, MNE, ReportFixtures.known());
        for (String country : List.of(SRB, MNE)) {
            upstream.stubFor(get(urlPathEqualTo(CountryStatusTest.STATISTICS)).withQueryParam("country", equalTo(country))
                    .willReturn(okJson("""
                            {"country":"%s","total":6,"byPosition":[],"byMechanism":[],"byBody":[],"bySdgGoal":[],
                             "lastUpdatedAt":"2026-01-10T10:00:00Z"}""".formatted(country))));
        }
        UUID strategy = id(SRB, DOC, "1.1");
        UUID justice = id(SRB, DOC, "1.2");
        UUID police = id(SRB, DOC, "1.3");
        UUID education = id(SRB, DOC, "1.4");
        UUID cedaw = id(SRB, "CEDAW/C/PRT/CO/10", "12");
        UUID crc = id(SRB, "CRC/C/PRT/CO/5-6", "20");
        Map<String, String> none = Map.of();
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.FOLLOW_UPS, SRB, none, List.of(
                TrackingFixtures.followUp(strategy, SRB, "IN_PROGRESS"),
                TrackingFixtures.followUp(justice, SRB, "IMPLEMENTED"),
                TrackingFixtures.followUp(police, SRB, "NOT_STARTED"),
                TrackingFixtures.followUp(education, SRB, "IN_PROGRESS"),
                TrackingFixtures.followUp(cedaw, SRB, "IN_PROGRESS"),
                TrackingFixtures.followUp(crc, SRB, "NOT_STARTED")));
        UUID ministry = id("srb-ministry");
        UUID vaw = id("srb-vaw");
        UUID marriage = id("srb-marriage");
        UUID linkedByAction = id("srb-ind-2");
        UUID namedByAction = id("srb-ind-3");
        String vawAction = TrackingFixtures.action(vaw, SRB, "Strategy against violence", List.of(strategy, justice),
                ministry, List.of(), "1000", List.of(), "2025-01-01", "2025-08-01");
        String marriageAction = TrackingFixtures.action(marriage, SRB, "Marriage age bill", List.of(crc), ministry,
                List.of(), null, List.of(namedByAction), "2025-01-01", "2099-01-01");
        Map<String, String> noUpdateDue = new HashMap<>();
        noUpdateDue.put("updateDue", null);
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.ACTIONS, SRB, noUpdateDue, List.of(vawAction,
                marriageAction));
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.MILESTONES, SRB, Map.of("due", "OVERDUE"), List.of(
                TrackingFixtures.milestone(id("srb-m1"), vaw, SRB, "Shelters opened", "2025-06-30", "PLANNED", "OVERDUE"),
                TrackingFixtures.milestone(id("srb-m2"), marriage, SRB, "Bill tabled", "2025-02-15", "PLANNED",
                        "OVERDUE")));
        UUID recent = id("srb-ind-1");
        UUID unlinked = id("srb-ind-4");
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.NATIONAL_INDICATORS, SRB, none, List.of(
                TrackingFixtures.indicator(recent, SRB, "IND-1", "Inclusive schools", List.of(education), List.of(),
                        List.of("4.5")),
                TrackingFixtures.indicator(linkedByAction, SRB, "IND-2", "Reported violence", List.of(), List.of(vaw),
                        List.of("5.2")),
                TrackingFixtures.indicator(namedByAction, SRB, "IND-3", "Child marriages", List.of(), List.of(),
                        List.of("5.3")),
                TrackingFixtures.indicator(unlinked, SRB, "IND-4", "Prison population", List.of(), List.of(),
                        List.of("16.3"))));
        String lastYear = String.valueOf(LocalDate.now(ZoneOffset.UTC).getYear() - 1);
        TrackingFixtures.stubIndicatorProgress(upstream, SRB, List.of(
                TrackingFixtures.indicatorProgress(recent, TrackingFixtures.progress(recent, 50, 90, 70, lastYear),
                        List.of()),
                TrackingFixtures.indicatorProgress(linkedByAction,
                        TrackingFixtures.progress(linkedByAction, 10, 40, 20, "2015"), List.of()),
                TrackingFixtures.indicatorProgress(namedByAction, """
                        {"indicatorId":"%s","dimensions":{},"status":"NO_DATA"}""".formatted(namedByAction), List.of()),
                TrackingFixtures.indicatorProgress(unlinked, TrackingFixtures.progress(unlinked, 10, 5, 8, lastYear),
                        List.of())));
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void countsStatusThemeOverdueAndCoverageExactly() {
        given().when().get("/api/v1/countries/SRB/status").then().statusCode(200)
                .body("implementation.byStatus.key", contains("IMPLEMENTED", "IN_PROGRESS", "NOT_STARTED"))
                .body("implementation.byStatus.count", contains(1, 3, 2))
                .body("implementation.byThemeAndStatus.theme",
                        contains("Children", "Education", "Justice", "Women's rights", "Women's rights"))
                .body("implementation.byThemeAndStatus.status",
                        contains("NOT_STARTED", "IN_PROGRESS", "NOT_STARTED", "IMPLEMENTED", "IN_PROGRESS"))
                .body("implementation.byThemeAndStatus.count", contains(1, 1, 1, 1, 2))
                .body("implementation.overdue.milestones.count", Matchers.equalTo(2))
                .body("implementation.overdue.milestones.oldestDueDate", Matchers.equalTo("2025-02-15"))
                .body("implementation.overdue.progressUpdates.count", Matchers.equalTo(1))
                .body("implementation.overdue.progressUpdates.oldestDueDate", Matchers.equalTo("2025-08-01"))
                // IND-1 -> 1.4 (recent); IND-2 through its action -> 1.1, 1.2 (old data); IND-3 named by an action
                // -> CRC 20 (no data); IND-4 linked to nothing
                .body("implementation.indicatorCoverage.recommendationsWithIndicator", Matchers.equalTo(4))
                .body("implementation.indicatorCoverage.recommendationsWithRecentObservation", Matchers.equalTo(1))
                .body("implementation.indicatorCoverage.indicators", Matchers.equalTo(4))
                .body("implementation.indicatorCoverage.indicatorsWithData", Matchers.equalTo(3))
                .body("implementation.indicatorCoverage.recentSince",
                        Matchers.equalTo(LocalDate.now(ZoneOffset.UTC).minusYears(2).toString()))
                .body("implementation.lastUpdatedAt", Matchers.equalTo("2026-01-10T10:00:00Z"));
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void theProgressOfEveryIndicatorComesFromOneBulkReadNotOneReadPerIndicator() {
        upstream.resetRequests();
        given().when().get("/api/v1/countries/SRB/status").then().statusCode(200)
                .body("implementation.indicatorCoverage.indicatorsWithData", Matchers.equalTo(3));
        List<LoggedRequest> bulk = upstream.findAll(getRequestedFor(
                urlPathEqualTo(TrackingFixtures.INDICATOR_PROGRESS)));
        assertEquals(1, bulk.size());
        assertEquals(List.of(SRB), bulk.get(0).queryParameter("country").values());
        assertFalse(bulk.get(0).queryParameter("indicatorId").isPresent(), "all of the country's indicators");
        assertEquals(0, TrackingFixtures.requestsTo(upstream, TrackingFixtures.NATIONAL_INDICATORS + "/.+"));
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void theCsvHasTheImplementationRows() {
        String csv = given().accept("text/csv").when().get("/api/v1/countries/SRB/status").then().statusCode(200)
                .extract().asString();
        for (String row : List.of("SRB,STATUS,IN_PROGRESS,,3", "SRB,THEME_STATUS,IN_PROGRESS,Women's rights,2",
                "SRB,OVERDUE_MILESTONES,2025-02-15,,2", "SRB,OVERDUE_PROGRESS_UPDATES,2025-08-01,,1",
                "SRB,INDICATOR_COVERAGE,RECOMMENDATIONS_WITH_INDICATOR,,4",
                "SRB,INDICATOR_COVERAGE,INDICATORS_WITH_DATA,,3")) {
            assertTrue(csv.contains(row + "\r\n"), () -> row + " in\n" + csv);
        }
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void aFailingTrackingReadServesTheLastSnapshotWithItsImplementationCounts() {
        given().when().get("/api/v1/countries/SRB/status").then().statusCode(200).body("stale", Matchers.equalTo(false));
        upstream.stubFor(get(urlPathEqualTo(TrackingFixtures.MILESTONES)).atPriority(1)
                .willReturn(aResponse().withStatus(500)));
        given().when().get("/api/v1/countries/SRB/status").then().statusCode(200)
                .body("stale", Matchers.equalTo(true))
                .body("implementation.byStatus.count", contains(1, 3, 2))
                .body("implementation.overdue.milestones.count", Matchers.equalTo(2));
        given().when().get("/api/v1/countries/MNE/status").then().statusCode(503)
                .contentType("application/problem+json").body("detail", containsString("recommendations-service"));
    }

    @Test
    @TestSecurity(user = "ohchr-desk", roles = "ohchr")
    void aSlowIndicatorsServiceWithoutSnapshotIsA503() {
        upstream.stubFor(get(urlPathEqualTo(TrackingFixtures.NATIONAL_INDICATORS)).atPriority(1)
                .willReturn(okJson("{\"items\":[],\"page\":{\"offset\":0,\"limit\":100,\"total\":0}}")
                        .withFixedDelay(3000)));
        given().when().get("/api/v1/countries/MNE/status").then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", "10")
                .body("detail", containsString("indicators-service"));
    }
}
