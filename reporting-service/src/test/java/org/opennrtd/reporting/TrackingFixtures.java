package org.opennrtd.reporting;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Implementation tracking as the upstream services publish it (follow-ups, institutions, actions, milestones,
 * progress updates, clusters, national indicators, and their progress with latest values in the bulk read), served
 * by the WireMock upstream in pages of 100, as the real services page them.
 */
final class TrackingFixtures {

    static final String FOLLOW_UPS = "/api/v1/recommendation-follow-ups";
    static final String INSTITUTIONS = "/api/v1/institutions";
    static final String ACTIONS = "/api/v1/actions";
    static final String MILESTONES = "/api/v1/milestones";
    static final String PROGRESS_UPDATES = "/api/v1/progress-updates";
    static final String CLUSTERS = "/api/v1/clusters";
    static final String NATIONAL_INDICATORS = "/api/v1/national-indicators";
    static final String INDICATOR_PROGRESS = "/api/v1/national-indicator-progress";
    static final List<String> LISTS = List.of(FOLLOW_UPS, INSTITUTIONS, ACTIONS, MILESTONES, PROGRESS_UPDATES,
            CLUSTERS, NATIONAL_INDICATORS, INDICATOR_PROGRESS);

    private TrackingFixtures() {
    }

    /**
     * Every tracking list (and the recommendations list) empty for any country, below every other stub: reports and
     * country statuses without implementation data.
     */
    static void stubNothingTracked(WireMockServer upstream) {
        List<String> paths = new ArrayList<>(LISTS);
        paths.add(ReportFixtures.RECOMMENDATIONS);
        for (String path : paths) {
            upstream.stubFor(get(urlPathEqualTo(path)).atPriority(10)
                    .willReturn(okJson("{\"items\":[],\"page\":{\"offset\":0,\"limit\":100,\"total\":0}}")));
        }
    }

    /**
     * The items as pages of 100 for the country; {@code query} adds matchers on further parameters (a name to
     * {@code null} means the parameter must be absent).
     */
    static void stubPaged(WireMockServer upstream, String path, String country, Map<String, String> query,
                          List<String> items) {
        int pages = Math.max(1, (items.size() + 99) / 100);
        for (int p = 0; p < pages; p++) {
            List<String> slice = items.subList(Math.min(items.size(), p * 100), Math.min(items.size(), (p + 1) * 100));
            MappingBuilder stub = get(urlPathEqualTo(path)).atPriority(2)
                    .withQueryParam("country", equalTo(country))
                    .withQueryParam("offset", equalTo(String.valueOf(p * 100)));
            for (Map.Entry<String, String> q : query.entrySet()) {
                stub = stub.withQueryParam(q.getKey(), q.getValue() == null ? absent() : equalTo(q.getValue()));
            }
            upstream.stubFor(stub.willReturn(okJson("{\"items\":[" + String.join(",", slice) + "],\"page\":{"
                    + "\"offset\":" + p * 100 + ",\"limit\":100,\"total\":" + items.size() + "}}")));
        }
    }

    /** One item of the bulk progress read: an indicator's progress and the latest value of each of its series. */
    static String indicatorProgress(UUID indicator, String progressJson, List<String> latest) {
        return "{\"indicatorId\":\"" + indicator + "\",\"progress\":" + progressJson + ",\"latestValues\":["
                + String.join(",", latest) + "]}";
    }

    /**
     * The bulk progress read of the country, in pages of 100, serving these items whatever {@code indicatorId}s the
     * request names (the readers keep the ones they asked for; the request journal shows which they asked for).
     */
    static void stubIndicatorProgress(WireMockServer upstream, String country, List<String> items) {
        stubPaged(upstream, INDICATOR_PROGRESS, country, Map.of(), items);
    }

    /** How many requests the WireMock upstream received on paths matching the expression. */
    static int requestsTo(WireMockServer upstream, String pathRegex) {
        return upstream.findAll(getRequestedFor(urlPathMatching(pathRegex))).size();
    }

    static UUID id(String country, String symbol, String paragraph) {
        return UUID.nameUUIDFromBytes((country + symbol + paragraph).getBytes());
    }

    static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes());
    }

    static String followUp(UUID recommendation, String country, String status) {
        return """
                {"recommendationId":"%s","country":"%s","implementationStatus":"%s","version":1}"""
                .formatted(recommendation, country, status);
    }

    static String institution(UUID id, String country, String name) {
        return """
                {"id":"%s","country":"%s","code":"%s","name":"%s","kind":"MINISTRY","focalPoints":[],
                 "createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-01T00:00:00Z","version":0}"""
                .formatted(id, country, id.toString().substring(0, 8), name);
    }

    /** An action; {@code budget} null for none, else an amount in EUR. */
    static String action(UUID id, String country, String title, List<UUID> recommendations, UUID lead,
                         List<UUID> supporting, String budget, List<UUID> indicators, String startDate,
                         String nextUpdateDue) {
        return """
                {"id":"%s","country":"%s","title":"%s","recommendationIds":%s,"clusterIds":[],
                 "leadInstitutionId":"%s","supportingInstitutionIds":%s,%s"indicatorIds":%s,
                 "legislativeActionRequired":false,"startDate":"%s","nextUpdateDueDate":"%s",
                 "createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-01T00:00:00Z","version":0}"""
                .formatted(id, country, title, ids(recommendations), lead, ids(supporting),
                        budget == null ? "" : "\"budget\":{\"amount\":" + budget + ",\"currency\":\"EUR\"},",
                        ids(indicators), startDate, nextUpdateDue);
    }

    static String milestone(UUID id, UUID action, String country, String title, String dueDate, String status,
                            String due) {
        return """
                {"id":"%s","actionId":"%s","country":"%s","title":"%s","dueDate":"%s","status":"%s",%s"version":0}"""
                .formatted(id, action, country, title, dueDate, status, due == null ? "" : "\"due\":\"" + due + "\",");
    }

    static String progressUpdate(UUID id, UUID action, String country, String narrative, String reportDate,
                                 String reviewedAt) {
        return """
                {"id":"%s","actionId":"%s","country":"%s","narrative":"%s","reportDate":"%s","status":"VALIDATED",
                 "author":"fp-justice","reviewedBy":"coordinator","reviewedAt":"%s",
                 "createdAt":"%s","updatedAt":"%s","version":2}"""
                .formatted(id, action, country, narrative, reportDate, reviewedAt, reviewedAt, reviewedAt);
    }

    static String indicator(UUID id, String country, String code, String name, List<UUID> recommendations,
                            List<UUID> actions, List<String> sdgTargets) {
        return """
                {"id":"%s","code":"%s","countryCode":"%s","name":"%s","unit":"PERCENT","periodicity":"ANNUAL",
                 "dataProvider":{"institution":"nso","name":"Statistics office"},"sdgTargets":%s,
                 "recommendationIds":%s,"actionIds":%s,"version":0,
                 "createdAt":"2025-01-01T00:00:00Z","updatedAt":"2025-01-01T00:00:00Z"}"""
                .formatted(id, code, country, name, sdgTargets.stream().map(t -> "\"" + t + "\"")
                        .collect(Collectors.joining(",", "[", "]")), ids(recommendations), ids(actions));
    }

    static String progress(UUID indicator, double baseline, double target, double latest, String period) {
        return """
                {"indicatorId":"%s","dimensions":{},"baseline":{"value":%s,"date":"2020-12-31"},
                 "target":{"value":%s,"date":"2030-12-31"},"desiredDirection":"INCREASE",
                 "latest":%s,"progress":%s,"status":"ON_TRACK"}"""
                .formatted(indicator, baseline, target, observation(indicator, period, latest, Map.of()),
                        (latest - baseline) / (target - baseline));
    }

    static String observation(UUID indicator, String period, double value, Map<String, String> dimensions) {
        return """
                {"id":"%s","indicatorId":"%s","period":"%s","periodStart":"%s-01-01","periodEnd":"%s-12-31",
                 "value":%s,"dimensions":{%s},"status":"FINAL","version":0}"""
                .formatted(UUID.randomUUID(), indicator, period, period, period, value, dimensions.entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"").collect(Collectors.joining(",")));
    }

    static String ids(List<UUID> ids) {
        return ids.stream().map(i -> "\"" + i + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    static List<String> repeat(int n, java.util.function.IntFunction<String> item) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(item.apply(i));
        }
        return items;
    }
}
