package org.opennrtd.reporting;

import static io.restassured.RestAssured.given;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import com.github.tomakehurst.wiremock.client.WireMock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opennrtd.reporting.report.HtmlReportRenderer;
import org.opennrtd.reporting.report.ProgressListener;
import org.opennrtd.reporting.report.ReportComposer;
import org.opennrtd.reporting.report.ReportData;
import org.opennrtd.reporting.report.ReportDataCollector;
import org.opennrtd.reporting.report.ReportDocument;
import org.opennrtd.reporting.report.ReportFormat;
import org.opennrtd.reporting.report.ReportParameters;
import org.opennrtd.reporting.report.ReportType;
import org.opennrtd.testing.PostgresTestResource;

/**
 * Not a test: {@code ./mvnw -B test -pl reporting-service -am -Pbenchmark}. A UPR mid-term report of 400
 * recommendations with implementation data (WireMock upstream in pages of 100: statuses, an action per
 * recommendation with institutions, budget, milestones and a validated progress update, five linked indicators with
 * their progress and disaggregations) generated end to end in each format through the job API
 * (queue, read upstream, lay out, render, store), against rendering the same report's HTML alone, in the same run.
 * Medians of {@link #RUNS} runs after {@link #WARM_UP} warm-up runs; the numbers go to standard output.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(UpstreamServicesTestResource.class)
class ReportBenchmark {

    static final String COUNTRY = "ZAF";
    static final int RECOMMENDATIONS = 400;
    /** {@code -Dbenchmark.warm-up=0 -Dbenchmark.runs=1} for a quick check that it works; medians need the defaults. */
    static final int WARM_UP = Integer.getInteger("benchmark.warm-up", 1);
    static final int RUNS = Integer.getInteger("benchmark.runs", 3);

    @Inject
    ReportDataCollector collector;

    @Inject
    ReportComposer composer;

    @Inject
    HtmlReportRenderer html;

    @Test
    @TestSecurity(user = "benchmark", roles = "admin")
    void midTermReportOf400Recommendations() {
        WireMockServer upstream = UpstreamServicesTestResource.server();
        upstream.resetAll();
        ReportFixtures.stub(upstream, COUNTRY, List.of());
        List<ReportFixtures.Rec> recs = synthetic(RECOMMENDATIONS);
        stubRecommendationPages(upstream, COUNTRY, recs);
        stubTracking(upstream, COUNTRY, recs);

        Map<String, double[]> results = new LinkedHashMap<>();
        Map<String, Long> sizes = new LinkedHashMap<>();
        // the HTML template alone, on the already laid-out report
        ReportParameters p = new ReportParameters(ReportType.UPR_MID_TERM, ReportFormat.HTML, COUNTRY, 4, null, null,
                null, "en");
        ReportData data = collector.collect(p, ProgressListener.NONE);
        if (data.recommendations().size() != RECOMMENDATIONS) {
            throw new IllegalStateException("expected " + RECOMMENDATIONS + " recommendations, got "
                    + data.recommendations().size());
        }
        long tracked = data.recommendations().stream().filter(r -> r.implementation().status() != null
                && !r.implementation().actions().isEmpty() && !r.implementation().progress().isEmpty()
                && !r.implementation().indicators().isEmpty()).count();
        if (tracked != RECOMMENDATIONS) {
            throw new IllegalStateException("expected implementation data for every recommendation, got " + tracked);
        }
        ReportDocument document = composer.compose(p, data);
        results.put("HTML template alone (Qute)", time(() -> html.render(document)));
        System.out.printf("REPORT BENCHMARK step: HTML template alone %.1f ms median%n",
                results.get("HTML template alone (Qute)")[0]);
        results.put("lay-out incl. 2 charts (no I/O)", time(() -> composer.compose(p, data)));
        results.put("read upstream (recommendations, tracking, indicators, SDG goals)", time(() -> collector.collect(p, ProgressListener.NONE)));
        for (String format : List.of("HTML", "PDF", "DOCX", "JSON")) {
            long[] size = new long[1];
            results.put(format + " job, end to end", time(() -> {
                String jobId = given().contentType("application/json")
                        .body(ReportFixtures.request("UPR_MID_TERM", format, COUNTRY, "\"uprCycle\":4"))
                        .when().post("/api/v1/report-jobs").then().statusCode(202).extract().path("id");
                JsonPath job = ReportFixtures.awaitJob(jobId, 900);
                if (!job.getString("state").equals("SUCCEEDED")) {
                    throw new IllegalStateException(job.prettify());
                }
                size[0] = given().when().get("/api/v1/reports/" + job.getString("reportId")).then().statusCode(200)
                        .extract().jsonPath().getLong("sizeBytes");
            }));
            sizes.put(format, size[0]);
            double[] t = results.get(format + " job, end to end");
            System.out.printf("REPORT BENCHMARK step: %s job %.1f ms median, %.1f ms min, %d bytes%n", format, t[0], t[1],
                    size[0]);
        }

        double baseline = results.get("HTML template alone (Qute)")[0];
        StringBuilder out = new StringBuilder("\n| step | median ms | min ms | × HTML alone |\n|---|---:|---:|---:|\n");
        results.forEach((name, t) -> out.append(String.format("| %s | %.1f | %.1f | %.1f |%n", name, t[0], t[1],
                t[0] / baseline)));
        out.append("\nsizes: ").append(sizes).append('\n');
        System.out.println("REPORT BENCHMARK (" + RECOMMENDATIONS + " recommendations, " + RUNS + " runs, "
                + Runtime.getRuntime().availableProcessors() + " CPUs)" + out);
    }

    /** @return median and minimum in milliseconds */
    static double[] time(Runnable r) {
        for (int i = 0; i < WARM_UP; i++) {
            r.run();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[RUNS / 2], ms[0]};
    }

    static List<ReportFixtures.Rec> synthetic(int n) {
        String[] themes = {"Women's rights", "Justice", "Education", "Health", "Children", "Migrants",
            "Freedom of expression", "Torture", "Poverty", "Housing", "Disability", "Minorities"};
        String[] positions = {"SUPPORTED", "SUPPORTED", "SUPPORTED_IN_PART", "NOTED", "PENDING"};
        List<ReportFixtures.Rec> recs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            recs.add(new ReportFixtures.Rec("UPR", "UPR", "A/HRC/53/" + (10 + i / 200), String.valueOf(140 + i), 4,
                    positions[i % positions.length], themes[i % themes.length], List.of(1 + i % 17),
                    "Recommendation " + i + ": continue efforts to strengthen the national framework for the "
                            + "protection of human rights, including through adequate resources, training of "
                            + "officials and the participation of civil society in its implementation"));
        }
        return recs;
    }

    /** The recommendations in pages of 100, whatever the other filters. */
    static void stubRecommendationPages(WireMockServer upstream, String country, List<ReportFixtures.Rec> recs) {
        for (int page = 0; page * 100 < recs.size(); page++) {
            List<ReportFixtures.Rec> slice = recs.subList(page * 100, Math.min(recs.size(), (page + 1) * 100));
            String body = ReportFixtures.page(country, slice)
                    .replace("\"total\":" + slice.size(), "\"total\":" + recs.size())
                    .replace("\"offset\":0", "\"offset\":" + page * 100);
            upstream.stubFor(WireMock.get(WireMock.urlPathEqualTo(ReportFixtures.RECOMMENDATIONS)).atPriority(1)
                    .withQueryParam("country", WireMock.equalTo(country))
                    .withQueryParam("offset", WireMock.equalTo(String.valueOf(page * 100)))
                    .willReturn(WireMock.okJson(body)));
        }
    }

    /** National indicators of the synthetic country, each linked to a fifth of the recommendations. */
    static final int INDICATORS = 5;

    /**
     * Implementation data for every recommendation: a status, one action (lead and supporting institution, budget,
     * two milestones, every third with one overdue), a validated progress update, and one of {@link #INDICATORS}
     * indicators with its progress and two disaggregated series.
     */
    static void stubTracking(WireMockServer upstream, String country, List<ReportFixtures.Rec> recs) {
        String[] statuses = {"NOT_STARTED", "IN_PROGRESS", "PARTIALLY_IMPLEMENTED", "IMPLEMENTED"};
        List<UUID> ids = recs.stream().map(r -> TrackingFixtures.id(country, r.symbol(), r.paragraph())).toList();
        List<UUID> institutions = TrackingFixtures.repeat(10, i -> TrackingFixtures.id(country + "-institution-" + i)
                .toString()).stream().map(UUID::fromString).toList();
        Map<String, String> none = Map.of();
        Map<String, String> noDue = new HashMap<>();
        noDue.put("due", null);
        Map<String, String> noUpdateDue = new HashMap<>();
        noUpdateDue.put("updateDue", null);
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.FOLLOW_UPS, country, none,
                TrackingFixtures.repeat(ids.size(), i -> TrackingFixtures.followUp(ids.get(i), country,
                        statuses[i % statuses.length])));
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.INSTITUTIONS, country, none,
                TrackingFixtures.repeat(institutions.size(), i -> TrackingFixtures.institution(institutions.get(i),
                        country, "Institution " + i)));
        List<UUID> actions = TrackingFixtures.repeat(ids.size(), i -> TrackingFixtures.id(country + "-action-" + i)
                .toString()).stream().map(UUID::fromString).toList();
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.ACTIONS, country, noUpdateDue,
                TrackingFixtures.repeat(ids.size(), i -> TrackingFixtures.action(actions.get(i), country,
                        "Action " + i + " of the national plan", List.of(ids.get(i)), institutions.get(i % 10),
                        List.of(institutions.get((i + 1) % 10)), String.valueOf(10000 + i), List.of(), "2025-01-01",
                        "2099-01-01")));
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.MILESTONES, country, noDue,
                TrackingFixtures.repeat(ids.size(), i -> TrackingFixtures.milestone(TrackingFixtures.id(country + "-m-" + i),
                        actions.get(i), country, "Milestone " + i, i % 3 == 0 ? "2025-06-30" : "2099-06-30",
                        "PLANNED", i % 3 == 0 ? "OVERDUE" : null)));
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.PROGRESS_UPDATES, country, Map.of("status", "VALIDATED"),
                TrackingFixtures.repeat(ids.size(), i -> TrackingFixtures.progressUpdate(
                        TrackingFixtures.id(country + "-u-" + i), actions.get(i), country,
                        "Progress on action " + i + ": the first steps were taken and reported to parliament",
                        "2025-09-30", "2025-10-05T09:00:00Z")));
        List<String> progress = new ArrayList<>();
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.NATIONAL_INDICATORS, country, none,
                TrackingFixtures.repeat(INDICATORS, k -> {
                    UUID indicator = TrackingFixtures.id(country + "-indicator-" + k);
                    List<UUID> linked = new ArrayList<>();
                    for (int i = k; i < ids.size(); i += INDICATORS) {
                        linked.add(ids.get(i));
                    }
                    progress.add(TrackingFixtures.indicatorProgress(indicator,
                            TrackingFixtures.progress(indicator, 10, 50, 20 + k, "2025"), List.of(
                                    TrackingFixtures.observation(indicator, "2025", 20 + k, Map.of()),
                                    TrackingFixtures.observation(indicator, "2025", 15 + k, Map.of("SEX", "F")),
                                    TrackingFixtures.observation(indicator, "2025", 25 + k, Map.of("SEX", "M")))));
                    return TrackingFixtures.indicator(indicator, country, "IND-" + k, "Indicator " + k, linked,
                            List.of(), List.of((1 + k) + ".1"));
                }));
        TrackingFixtures.stubIndicatorProgress(upstream, country, progress);
    }
}
