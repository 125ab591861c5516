package org.opennrtd.reporting;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Known upstream data for report tests, served by the WireMock upstream ({@link UpstreamServicesTestResource}):
 * recommendations of one country and the SDG goals, in English, French and Spanish.
 */
final class ReportFixtures {

    /** The same token as CountryStatusTest: the OIDC client caches the token it got first, across test classes. */
    static final String SERVICE_TOKEN = CountryStatusTest.SERVICE_TOKEN;
    static final String RECOMMENDATIONS = "/api/v1/recommendations";
    static final String FRAMEWORK = "/api/v1/sdg/framework";
    static final String GOALS = "/api/v1/sdg/goals";

    private ReportFixtures() {
    }

    /** One recommendation as the recommendations service returns it. */
    record Rec(String mechanism, String body, String symbol, String paragraph, Integer cycle, String position,
               String theme, List<Integer> goals, String text) {

        String json(String country) {
            return """
                    {"id":"%s","text":"%s","mechanism":"%s","body":"%s","country":"%s","documentSymbol":"%s",
                     "paragraph":"%s",%s"recommendingStates":["Chile"],"position":"%s","themes":["%s"],
                     "affectedPersons":["women and girls"],"sdgTargets":[],"sdgGoals":%s,"regions":[],
                     "createdAt":"2026-01-10T10:00:00Z","updatedAt":"2026-01-10T10:00:00Z","version":1}"""
                    .formatted(UUID.nameUUIDFromBytes((country + symbol + paragraph).getBytes()), text, mechanism,
                            body, country, symbol, paragraph, cycle == null ? "" : "\"uprCycle\":" + cycle + ",",
                            position, theme, goals.toString());
        }
    }

    /** Four UPR recommendations (cycle 4) and two treaty-body ones. */
    static List<Rec> known() {
        return List.of(
                new Rec("UPR", "UPR", "A/HRC/52/10", "1.1", 4, "SUPPORTED", "Women's rights", List.of(5),
                        "Adopt a national strategy against gender-based violence"),
                new Rec("UPR", "UPR", "A/HRC/52/10", "1.2", 4, "SUPPORTED", "Women's rights", List.of(5, 16),
                        "Ensure access to justice for victims of domestic violence"),
                new Rec("UPR", "UPR", "A/HRC/52/10", "1.3", 4, "NOTED", "Justice", List.of(16),
                        "Establish an independent police complaints body"),
                new Rec("UPR", "UPR", "A/HRC/52/10", "1.4", 4, "SUPPORTED_IN_PART", "Education", List.of(4),
                        "Guarantee inclusive education for children with disabilities"),
                new Rec("TREATY_BODY", "CEDAW", "CEDAW/C/PRT/CO/10", "12", null, "PENDING", "Women's rights",
                        List.of(5), "Increase the representation of women in public life"),
                new Rec("TREATY_BODY", "CRC", "CRC/C/PRT/CO/5-6", "20", null, "PENDING", "Children", List.of(),
                        "Raise the minimum age of marriage to 18 years"));
    }

    static String page(String country, List<Rec> recs) {
        return "{\"items\":[" + recs.stream().map(r -> r.json(country)).collect(Collectors.joining(","))
                + "],\"page\":{\"offset\":0,\"limit\":100,\"total\":" + recs.size() + "}}";
    }

    /**
     * The token endpoint, the SDG framework in three languages, the country's recommendations, and no implementation
     * tracking (empty lists) unless a test stubs it with {@link TrackingFixtures}.
     */
    static void stub(WireMockServer upstream, String country, List<Rec> recs) {
        upstream.stubFor(post(urlPathEqualTo(UpstreamServicesTestResource.TOKEN_PATH))
                .willReturn(okJson("{\"access_token\":\"" + SERVICE_TOKEN + "\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":3600}")));
        stubRecommendations(upstream, country, recs);
        TrackingFixtures.stubNothingTracked(upstream);
        upstream.stubFor(get(urlPathEqualTo(FRAMEWORK)).willReturn(okJson(
                "{\"goals\":17,\"targets\":169,\"indicators\":248,\"languages\":[\"en\",\"fr\",\"es\"]}")));
        goals(upstream, "en", 0, "Quality education", "Gender equality", "Peace, justice and strong institutions");
        goals(upstream, "fr", 1, "Éducation de qualité", "Égalité entre les sexes",
                "Paix, justice et institutions efficaces");
        goals(upstream, "es", 1, "Educación de calidad", "Igualdad de género",
                "Paz, justicia e instituciones sólidas");
    }

    static void stubRecommendations(WireMockServer upstream, String country, List<Rec> recs) {
        List<Rec> upr = recs.stream().filter(r -> r.mechanism().equals("UPR")).toList();
        List<Rec> tb = recs.stream().filter(r -> r.mechanism().equals("TREATY_BODY")).toList();
        upstream.stubFor(get(urlPathEqualTo(RECOMMENDATIONS)).withQueryParam("country", equalTo(country))
                .withQueryParam("mechanism", absent())
                .withHeader("Authorization", equalTo("Bearer " + SERVICE_TOKEN))
                .willReturn(okJson(page(country, recs))));
        upstream.stubFor(get(urlPathEqualTo(RECOMMENDATIONS)).withQueryParam("country", equalTo(country))
                .withQueryParam("mechanism", equalTo("UPR"))
                .withHeader("Authorization", equalTo("Bearer " + SERVICE_TOKEN))
                .willReturn(okJson(page(country, upr))));
        upstream.stubFor(get(urlPathEqualTo(RECOMMENDATIONS)).withQueryParam("country", equalTo(country))
                .withQueryParam("mechanism", equalTo("TREATY_BODY"))
                .withHeader("Authorization", equalTo("Bearer " + SERVICE_TOKEN))
                .willReturn(okJson(page(country, tb))));
    }

    private static void goals(WireMockServer upstream, String language, int priority, String g4, String g5,
                              String g16) {
        var stub = get(urlPathEqualTo(GOALS)).withHeader("Authorization", equalTo("Bearer " + SERVICE_TOKEN));
        if (priority > 0) {
            stub = stub.withHeader("Accept-Language", containing(language)).atPriority(priority);
        } else {
            stub = stub.atPriority(5);
        }
        upstream.stubFor(stub.willReturn(okJson("""
                {"items":[
                  {"code":4,"title":"%s","shortTitle":"4","targetCount":10,"indicatorCount":12,"language":"%s"},
                  {"code":5,"title":"%s","shortTitle":"5","targetCount":9,"indicatorCount":14,"language":"%s"},
                  {"code":16,"title":"%s","shortTitle":"16","targetCount":12,"indicatorCount":24,"language":"%s"}],
                 "page":{"offset":0,"limit":100,"total":3}}""".formatted(g4, language, g5, language, g16, language))));
    }

    /** Waits (at most a minute) until the job has finished or waits for a dependency, and returns it. */
    static JsonPath awaitJob(String jobId) {
        return awaitJob(jobId, 60);
    }

    static JsonPath awaitJob(String jobId, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            JsonPath job = given().when().get("/api/v1/report-jobs/" + jobId).then().statusCode(200)
                    .extract().jsonPath();
            String state = job.getString("state");
            if (state.equals("SUCCEEDED") || state.equals("FAILED") || "WAITING_FOR_DEPENDENCY".equals(job.getString("stage"))
                    || System.nanoTime() > deadline) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return job;
            }
        }
    }

    static String request(String type, String format, String country, String extra) {
        List<String> fields = new ArrayList<>(List.of("\"type\":\"" + type + "\"", "\"format\":\"" + format + "\"",
                "\"country\":\"" + country + "\""));
        if (extra != null) {
            fields.add(extra);
        }
        return "{" + String.join(",", fields) + "}";
    }
}
