package org.opennrtd.reporting;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.specification.RequestSpecification;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/**
 * Not a test: {@code ./mvnw -B test -pl reporting-service -am -Pbenchmark -Dtest=CountryStatusBenchmark}. The
 * country status of a country with 300 tracked recommendations and 60 national indicators (WireMock upstream on the
 * same machine, answering at once, in pages of 100), pulled with {@code Cache-Control: no-cache} (computed from the
 * services, as every pull was without a freshness window), plainly within the window (served from the snapshot), and
 * conditionally within the window ({@code If-None-Match}, 304). Medians and 95th percentiles of {@link #RUNS} pulls
 * after {@link #WARM_UP}, and the upstream requests per pull; the numbers go to standard output.
 */
@QuarkusTest
@TestProfile(CountryStatusFreshnessTest.TenMinuteWindow.class)
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(UpstreamServicesTestResource.class)
class CountryStatusBenchmark {

    static final String COUNTRY = "NOR";
    static final String STATUS = "/api/v1/countries/" + COUNTRY + "/status";
    static final int RECOMMENDATIONS = 300;
    static final int INDICATORS = 60;
    static final int WARM_UP = Integer.getInteger("benchmark.warm-up", 20);
    static final int RUNS = Integer.getInteger("benchmark.runs", 100);

    @Test
    @TestSecurity(user = "benchmark", roles = "ohchr")
    void countryStatusPulls() {
        WireMockServer upstream = UpstreamServicesTestResource.server();
        upstream.resetAll();
        stub(upstream);

        String etag = given().header("Cache-Control", "no-cache").when().get(STATUS).then().statusCode(200)
                .extract().header("ETag");
        report(upstream, "computed (Cache-Control: no-cache)",
                () -> given().header("Cache-Control", "no-cache"), 200);
        report(upstream, "within the window", () -> given(), 200);
        report(upstream, "within the window, If-None-Match", () -> given().header("If-None-Match", etag), 304);
    }

    private static void report(WireMockServer upstream, String label, Supplier<RequestSpecification> request,
                               int status) {
        for (int i = 0; i < WARM_UP; i++) {
            request.get().when().get(STATUS).then().statusCode(status);
        }
        upstream.resetRequests();
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            request.get().when().get(STATUS).then().statusCode(status);
            nanos[i] = System.nanoTime() - start;
        }
        int calls = upstream.findAll(anyRequestedFor(anyUrl())).size();
        Arrays.sort(nanos);
        System.out.printf("BENCHMARK country status %-36s median %7.2f ms  p95 %7.2f ms  upstream requests/pull %.1f%n",
                label, nanos[RUNS / 2] / 1e6, nanos[(int) (RUNS * 0.95)] / 1e6, calls / (double) RUNS);
    }

    private static void stub(WireMockServer upstream) {
        TrackingFixtures.stubNothingTracked(upstream);
        upstream.stubFor(post(urlPathEqualTo(UpstreamServicesTestResource.TOKEN_PATH))
                .willReturn(okJson("{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        upstream.stubFor(get(urlPathEqualTo(CountryStatusTest.STATISTICS)).withQueryParam("country", equalTo(COUNTRY))
                .willReturn(okJson("""
                        {"country":"NOR","total":300,"byPosition":[{"key":"SUPPORTED","count":240},
                         {"key":"NOTED","count":60}],"byMechanism":[{"key":"UPR","count":300}],
                         "byBody":[{"key":"UPR","count":300}],"bySdgGoal":[{"key":"5","count":80},
                         {"key":"16","count":120}],"lastUpdatedAt":"2026-11-02T09:00:00Z"}""")));
        upstream.stubFor(get(urlPathEqualTo(CountryStatusTest.FRAMEWORK)).willReturn(okJson("""
                {"goals":17,"targets":169,"indicators":248,"languages":["en","fr"],"source":"UN Statistics"}""")));
        upstream.stubFor(get(urlPathEqualTo(CountryStatusTest.GOALS)).willReturn(okJson(CountryStatusTest.goals("en",
                "Gender equality", "Peace, justice and strong institutions"))));

        String[] statuses = {"NOT_STARTED", "IN_PROGRESS", "PARTIALLY_IMPLEMENTED", "IMPLEMENTED"};
        List<UUID> recs = TrackingFixtures.repeat(RECOMMENDATIONS, i -> TrackingFixtures.id("nor-rec-" + i).toString())
                .stream().map(UUID::fromString).toList();
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.FOLLOW_UPS, COUNTRY, Map.of(),
                TrackingFixtures.repeat(RECOMMENDATIONS, i -> TrackingFixtures.followUp(recs.get(i), COUNTRY,
                        statuses[i % statuses.length])));
        TrackingFixtures.stubPaged(upstream, TrackingFixtures.NATIONAL_INDICATORS, COUNTRY, Map.of(),
                TrackingFixtures.repeat(INDICATORS, i -> TrackingFixtures.indicator(
                        TrackingFixtures.id("nor-ind-" + i), COUNTRY, "IND-" + i, "Indicator " + i,
                        List.of(recs.get(i), recs.get(i + INDICATORS)), List.of(), List.of("5.2"))));
        TrackingFixtures.stubIndicatorProgress(upstream, COUNTRY, TrackingFixtures.repeat(INDICATORS, i -> {
            UUID id = TrackingFixtures.id("nor-ind-" + i);
            return TrackingFixtures.indicatorProgress(id, TrackingFixtures.progress(id, 10, 50, 30, "2025"), List.of());
        }));
    }
}
