package org.opennrtd.recommendations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.entity.RecommendationEntity;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.Racing;
import org.opennrtd.testing.TestTokens;

/**
 * SDG links and target suggestions, with signed tokens and a WireMock indicators service serving the real 169
 * English target texts (fixtures/sdg). Countries: ESP (suggestions and links), ITA (who may do what, the
 * indicators service down), LIE (goal links of an imported UPR matrix).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(IndicatorsTestResource.class)
class SdgLinkTest {

    static final String SERVICE_TOKEN = "recommendations-service-token";
    static final String TARGETS = "/api/v1/sdg/targets";
    static final String VIOLENCE_AGAINST_WOMEN = "Adopt a comprehensive law to prevent and punish all forms of violence"
            + " against women and girls, including domestic and sexual violence, and provide shelters and support to"
            + " women victims.";

    @Inject
    EntityManager em;

    @Inject
    RecommendationFixtures fixtures;

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    WireMockServer indicators;

    static RequestSpecification as(String role, String country) {
        return given().auth().oauth2(TestTokens.token(role + "-" + country.toLowerCase(), role, country, "ministry-of-justice"));
    }

    static String links(UUID id) {
        return "/api/v1/recommendations/" + id + "/sdg-links";
    }

    static String suggestions(UUID id) {
        return "/api/v1/recommendations/" + id + "/sdg-suggestions";
    }

    @BeforeEach
    void healthyIndicatorsService() throws IOException {
        indicators = IndicatorsTestResource.server();
        indicators.resetAll();
        circuitBreakers.resetAll();
        indicators.stubFor(post(urlPathEqualTo(IndicatorsTestResource.TOKEN_PATH))
                .withRequestBody(containing("grant_type=client_credentials"))
                .withBasicAuth("recommendations-service", IndicatorsTestResource.CLIENT_SECRET)
                .willReturn(okJson("{\"access_token\":\"" + SERVICE_TOKEN + "\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":3600}")));
        List<Map<String, Object>> targets = targets();
        assertEquals(169, targets.size());
        for (int offset = 0; offset < targets.size(); offset += 100) {
            List<Map<String, Object>> items = targets.subList(offset, Math.min(targets.size(), offset + 100));
            Map<String, Object> page = Map.of("items", items,
                    "page", Map.of("offset", offset, "limit", 100, "total", targets.size()));
            indicators.stubFor(get(urlPathEqualTo(TARGETS))
                    .withHeader("Authorization", equalTo("Bearer " + SERVICE_TOKEN))
                    .withQueryParam("offset", equalTo(String.valueOf(offset)))
                    .withQueryParam("limit", equalTo("100"))
                    .willReturn(okJson(new ObjectMapper().writeValueAsString(page))
                            .withHeader("Content-Language", "en")));
        }
    }

    @Test
    void suggestionsForAViolenceAgainstWomenRecommendationAreAcceptedAndRejected() {
        UUID rec = fixtures.insert("ESP", VIOLENCE_AGAINST_WOMEN,
                RecommendationEntity.Position.SUPPORTED, List.of("16.1"));
        Response computed = as("coordinator", "ESP").post(suggestions(rec));
        computed.then().statusCode(200).body("items", hasSize(5)).body("page.total", Matchers.equalTo(5))
                .body("items.state", everyItem(Matchers.equalTo("OPEN")))
                .body("items.rank", contains(1, 2, 3, 4, 5))
                .body("items.confidence", everyItem(greaterThanOrEqualTo(0f)))
                .body("items.confidence", everyItem(lessThanOrEqualTo(1f)))
                .body("items.model", everyItem(Matchers.equalTo("all-minilm-l6-v2-q")))
                // Goal 5 (gender equality) first, with 5.2 (violence against women and girls) among the best.
                .body("items[0].goal", Matchers.equalTo(5))
                .body("items.targetCode", hasItem("5.2"))
                .body("items.targetText", hasItem(containsString("violence against all women and girls")))
                // Linked already (imported): not suggested.
                .body("items.targetCode", not(hasItem("16.1")));
        // All pages were fetched, in English, with the client-credentials token.
        indicators.verify(getRequestedFor(urlPathEqualTo(TARGETS)).withQueryParam("offset", equalTo("100"))
                .withHeader("Accept-Language", equalTo("en")));
        assertEquals(169L, count("select count(*) from sdg_target_embedding"));
        List<String> codes = computed.path("items.targetCode");
        String other = codes.stream().filter(c -> !c.equals("5.2")).findFirst().orElseThrow();

        as("civil-society", "ESP").get(suggestions(rec)).then().statusCode(200).body("page.total", Matchers.equalTo(5))
                .body("items.targetCode", Matchers.equalTo(codes));

        Response accepted = as("coordinator", "ESP").header("If-Match", suggestionTag(rec, "5.2"))
                .post(suggestions(rec) + "/5.2/acceptance");
        accepted.then().statusCode(201)
                .header("Location", containsString(links(rec) + "/5.2"))
                .body("targetCode", Matchers.equalTo("5.2")).body("goal", Matchers.equalTo(5))
                .body("origin", Matchers.equalTo("SUGGESTED_ACCEPTED"))
                .body("createdBy", Matchers.equalTo("coordinator-esp")).body("createdAt", notNullValue());
        // The link made answers the tag that reading it gives.
        assertEquals(linkTag(rec, "5.2"), accepted.header("ETag"));
        // Decided already, read again: 409.
        as("coordinator", "ESP").header("If-Match", suggestionTag(rec, "5.2")).post(suggestions(rec) + "/5.2/acceptance")
                .then().statusCode(409).contentType("application/problem+json");
        as("coordinator", "ESP").header("If-Match", suggestionTag(rec, "5.2")).post(suggestions(rec) + "/5.2/rejection")
                .then().statusCode(409);
        Response rejected = as("coordinator", "ESP").header("If-Match", suggestionTag(rec, other))
                .post(suggestions(rec) + "/" + other + "/rejection");
        rejected.then().statusCode(200)
                .body("state", Matchers.equalTo("REJECTED")).body("decidedBy", Matchers.equalTo("coordinator-esp"));
        assertEquals(suggestionTag(rec, other), rejected.header("ETag"));
        as("coordinator", "ESP").header("If-Match", suggestionTag(rec, other))
                .post(suggestions(rec) + "/" + other + "/acceptance").then().statusCode(409);
        // A target not suggested is not found, whatever the If-Match.
        as("coordinator", "ESP").post(suggestions(rec) + "/9.9/acceptance").then().statusCode(404)
                .contentType("application/problem+json");
        as("civil-society", "ESP").get(suggestions(rec) + "/9.9").then().statusCode(404)
                .contentType("application/problem+json");

        as("ohchr", "ESP").get(links(rec)).then().statusCode(200).body("page.total", Matchers.equalTo(2))
                .body("items.targetCode", contains("16.1", "5.2"))
                .body("items.origin", contains("IMPORTED", "SUGGESTED_ACCEPTED"))
                .body("items[0].createdBy", Matchers.nullValue());

        // Computed again: the target vectors are kept, decided and linked targets are not suggested again.
        as("coordinator", "ESP").post(suggestions(rec)).then().statusCode(200).body("items", hasSize(5))
                .body("items.targetCode", not(hasItem("5.2"))).body("items.targetCode", not(hasItem(other)));
        assertEquals(169L, count("select count(*) from sdg_target_embedding"));
        as("nhri", "ESP").get(suggestions(rec)).then().statusCode(200).body("page.total", Matchers.equalTo(7))
                .body("items.state", hasItem("ACCEPTED")).body("items.state", hasItem("REJECTED"));

        assertEquals(1L, audits(rec, "SDG_LINK_ADDED"));
        assertEquals(1L, audits(rec, "SDG_SUGGESTION_REJECTED"));
        assertEquals(2L, audits(rec, "SDG_SUGGESTIONS_COMPUTED"));
        assertEquals("[{\"origin\": \"IMPORTED\", \"targetCode\": \"16.1\"}]", auditJson(rec, "SDG_LINK_ADDED", "before_state"));
    }

    @Test
    void goalsAMatrixGivesWithoutTargetsAreImportedGoalLinks() {
        String source = "\nSource of Position: A/HRC/99/8/Add.1";
        byte[] matrix = ImportFiles.matrix(ImportFiles.MATRIX_CYCLE4_HEADER,
                new String[] {"101.1 Ratify the Convention against Torture (France)" + source, "Supported",
                    "Acceptance of international norms", "- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS\n- 5 - GENDER EQUALITY"},
                new String[] {"101.2 Adopt a law against violence against women (Spain)" + source, "Supported",
                    "Women's rights", "- 5 - GENDER EQUALITY\n5.2 Eliminate all forms of violence against all women and"
                        + " girls\n- 10 - REDUCED INEQUALITIES\n16.3 Promote the rule of law\n- 16 - PEACE, JUSTICE"});
        importMatrix(matrix);
        UUID goalsOnly = recommendationId("101.1");
        UUID both = recommendationId("101.2");

        // The record: the goals as imported, the goals of its targets among them, each once and ascending.
        as("civil-society", "LIE").get("/api/v1/recommendations/" + goalsOnly).then().statusCode(200)
                .body("sdgTargets", hasSize(0)).body("sdgGoals", contains(5, 16));
        as("civil-society", "LIE").get("/api/v1/recommendations/" + both).then().statusCode(200)
                .body("sdgTargets", contains("5.2", "16.3")).body("sdgGoals", contains(5, 10, 16));
        as("civil-society", "LIE").get("/api/v1/recommendations?country=LIE&sdgGoal=16&sort=paragraph").then()
                .statusCode(200).body("items.paragraph", contains("101.1", "101.2"));
        as("civil-society", "LIE").get("/api/v1/recommendations?country=LIE&sdgGoal=10").then()
                .statusCode(200).body("items.paragraph", contains("101.2"));

        // Goals only: no target links, every goal an IMPORTED goal link without a target.
        as("civil-society", "LIE").get(links(goalsOnly)).then().statusCode(200)
                .body("items", hasSize(0)).body("page.total", Matchers.equalTo(0))
                .body("goalLinks.goal", contains(5, 16))
                .body("goalLinks.origin", contains("IMPORTED", "IMPORTED"))
                .body("goalLinks[0]", not(Matchers.hasKey("targetCode")));
        // Targets and goals: each goal once, through a target link (5, 16) or as a goal link (10).
        as("civil-society", "LIE").get(links(both)).then().statusCode(200)
                .body("items.targetCode", contains("5.2", "16.3")).body("items.goal", contains(5, 16))
                .body("items.origin", contains("IMPORTED", "IMPORTED"))
                .body("goalLinks.goal", contains(10)).body("goalLinks.origin", contains("IMPORTED"));
        // Goal links are not paged: the same on a page past the target links.
        as("civil-society", "LIE").get(links(both) + "?offset=5&limit=1").then().statusCode(200)
                .body("items", hasSize(0)).body("page.total", Matchers.equalTo(2)).body("goalLinks.goal", contains(10));

        // A target of goal 10 linked here: goal 10 is then shown through that link, and no goal link is left.
        as("coordinator", "LIE").contentType(ContentType.JSON).body(Map.of("targetCode", "10.3")).post(links(both))
                .then().statusCode(201);
        as("civil-society", "LIE").get(links(both)).then().statusCode(200)
                .body("items.targetCode", contains("5.2", "16.3", "10.3"))
                .body("items.origin", contains("IMPORTED", "IMPORTED", "MANUAL"))
                .body("goalLinks", hasSize(0));
        // A goal link is no target link: it cannot be removed here.
        as("coordinator", "LIE").delete(links(goalsOnly) + "/16").then().statusCode(404);
        as("civil-society", "LIE").get(links(goalsOnly)).then().statusCode(200).body("goalLinks.goal", contains(5, 16));
    }

    /** Imports a UPR matrix for LIE as its coordinator and waits for the job to succeed. */
    private static void importMatrix(byte[] docx) {
        Response accepted = as("coordinator", "LIE").multiPart("file", "matrix.docx", docx,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
                .multiPart("uprCycle", "4").post("/api/v1/imports");
        accepted.then().statusCode(202);
        String job = "/api/v1/imports/" + accepted.path("id");
        for (int i = 0; i < 600; i++) {
            String state = as("coordinator", "LIE").get(job).then().statusCode(200).extract().path("state");
            if (state.equals("SUCCEEDED")) {
                return;
            }
            if (state.equals("FAILED")) {
                throw new AssertionError("import failed: " + as("coordinator", "LIE").get(job).asString());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("import job " + job + " did not finish");
    }

    private static UUID recommendationId(String paragraph) {
        return UUID.fromString(as("civil-society", "LIE").get("/api/v1/recommendations?country=LIE&documentSymbol=A/HRC/99/8")
                .then().statusCode(200).body("page.total", Matchers.equalTo(2)).extract()
                .path("items.find { it.paragraph == '" + paragraph + "' }.id"));
    }

    @Test
    void manualLinksAreAddedAndRemovedButImportedOnesStay() {
        UUID rec = fixtures.insert("ESP", "Ensure free and inclusive primary education for all children",
                RecommendationEntity.Position.SUPPORTED, List.of("4.1"));
        String path = links(rec);
        as("coordinator", "ESP").contentType(ContentType.JSON).body(Map.of("targetCode", "4.5")).post(path)
                .then().statusCode(201).body("origin", Matchers.equalTo("MANUAL")).body("goal", Matchers.equalTo(4));
        as("coordinator", "ESP").contentType(ContentType.JSON).body(Map.of("targetCode", "4.5")).post(path)
                .then().statusCode(409).contentType("application/problem+json");
        as("coordinator", "ESP").contentType(ContentType.JSON).body(Map.of("targetCode", "4.1")).post(path)
                .then().statusCode(409).body("detail", containsString("imported"));
        // Well-formed, but the framework has no target 4.9.
        as("coordinator", "ESP").contentType(ContentType.JSON).body(Map.of("targetCode", "4.9")).post(path)
                .then().statusCode(422).contentType("application/problem+json");
        as("coordinator", "ESP").contentType(ContentType.JSON).body(Map.of("targetCode", "education")).post(path)
                .then().statusCode(400).contentType("application/problem+json");
        as("coordinator", "ESP").contentType(ContentType.JSON).body(Map.of()).post(path)
                .then().statusCode(400).contentType("application/problem+json");
        as("focal-point", "ESP").get(path).then().statusCode(200)
                .body("items.targetCode", contains("4.1", "4.5")).body("items.origin", contains("IMPORTED", "MANUAL"));
        as("coordinator", "ESP").get(path + "?limit=1&offset=1").then().statusCode(200)
                .body("page.total", Matchers.equalTo(2)).body("items.targetCode", contains("4.5"));
        as("coordinator", "ESP").get(path + "?limit=101").then().statusCode(400);

        as("focal-point", "ESP").get(path + "/4.1").then().statusCode(200).header("ETag", notNullValue())
                .body("targetCode", Matchers.equalTo("4.1")).body("origin", Matchers.equalTo("IMPORTED"));
        as("coordinator", "ESP").header("If-Match", linkTag(rec, "4.1")).delete(path + "/4.1").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("imported"));
        String tag = linkTag(rec, "4.5");
        as("coordinator", "ESP").header("If-Match", tag).delete(path + "/4.5").then().statusCode(204);
        as("coordinator", "ESP").header("If-Match", tag).delete(path + "/4.5").then().statusCode(404)
                .contentType("application/problem+json");
        as("coordinator", "ESP").get(path + "/4.5").then().statusCode(404).contentType("application/problem+json");
        as("coordinator", "ESP").get(path).then().statusCode(200).body("items.targetCode", contains("4.1"));
        assertEquals(1L, audits(rec, "SDG_LINK_ADDED"));
        assertEquals(1L, audits(rec, "SDG_LINK_REMOVED"));
        assertEquals("[{\"origin\": \"IMPORTED\", \"targetCode\": \"4.1\"}]", auditJson(rec, "SDG_LINK_REMOVED", "after_state"));
    }

    @Test
    void onlyAdministratorsAndTheCountrysCoordinatorsWrite() {
        UUID rec = fixtures.insert("ITA", VIOLENCE_AGAINST_WOMEN,
                RecommendationEntity.Position.SUPPORTED, List.of("5.1"));
        insertLink(rec, "5.2");
        insertSuggestion(rec, "5.3");
        insertSuggestion(rec, "5.5");
        Map<String, Function<RequestSpecification, Response>> writes = new LinkedHashMap<>();
        writes.put("add link", r -> r.contentType(ContentType.JSON).body(Map.of("targetCode", "5.4")).post(links(rec)));
        writes.put("remove link", r -> r.header("If-Match", linkTag(rec, "5.2")).delete(links(rec) + "/5.2"));
        writes.put("compute suggestions", r -> r.post(suggestions(rec)));
        writes.put("accept suggestion", r -> r.header("If-Match", suggestionTag(rec, "5.3"))
                .post(suggestions(rec) + "/5.3/acceptance"));
        writes.put("reject suggestion", r -> r.header("If-Match", suggestionTag(rec, "5.5"))
                .post(suggestions(rec) + "/5.5/rejection"));

        String before = state(rec);
        writes.forEach((what, write) -> {
            for (String role : List.of("focal-point", "nhri", "civil-society", "ohchr")) {
                assertEquals(403, write.apply(as(role, "ITA")).statusCode(), role + " may not " + what);
            }
            // Another country's coordinator is not told that the recommendation exists.
            write.apply(as("coordinator", "ESP")).then().statusCode(404).contentType("application/problem+json");
            write.apply(given()).then().statusCode(401);
        });
        assertEquals(before, state(rec));
        for (String role : List.of("focal-point", "nhri", "civil-society", "ohchr")) {
            as(role, "ITA").get(links(rec)).then().statusCode(200).body("page.total", Matchers.equalTo(2));
            as(role, "ITA").get(suggestions(rec)).then().statusCode(200).body("page.total", Matchers.equalTo(2));
        }
        as("coordinator", "ESP").get(links(rec)).then().statusCode(404);
        as("coordinator", "ESP").get(suggestions(rec)).then().statusCode(404);
        as("coordinator", "ESP").get(links(rec) + "/5.2").then().statusCode(404);
        as("coordinator", "ESP").get(suggestions(rec) + "/5.3").then().statusCode(404);
        given().get(links(rec) + "/5.2").then().statusCode(401);
        given().get(suggestions(rec) + "/5.3").then().statusCode(401);

        // The country's coordinator and an administrator (of no country) do each of them.
        assertEquals(201, writes.get("add link").apply(as("coordinator", "ITA")).statusCode());
        assertEquals(204, writes.get("remove link").apply(as("coordinator", "ITA")).statusCode());
        assertEquals(201, writes.get("accept suggestion").apply(adminOfNoCountry()).statusCode());
        assertEquals(200, writes.get("reject suggestion").apply(as("coordinator", "ITA")).statusCode());
        assertEquals(200, writes.get("compute suggestions").apply(adminOfNoCountry()).statusCode());
        adminOfNoCountry().get(links(rec)).then().statusCode(200)
                .body("items.targetCode", contains("5.1", "5.4", "5.3"))
                .body("items.origin", contains("IMPORTED", "MANUAL", "SUGGESTED_ACCEPTED"));
    }

    @Test
    void removingALinkAndDecidingASuggestionNeedTheirCurrentEntityTag() {
        UUID rec = fixtures.insert("ITA", "Criminalise marital rape", RecommendationEntity.Position.SUPPORTED, List.of());
        insertLink(rec, "5.2");
        insertSuggestion(rec, "5.3");
        insertSuggestion(rec, "5.5");
        RequestSpecification coordinator = as("coordinator", "ITA");
        String before = state(rec);

        // No If-Match: 428, and nothing changed.
        as("coordinator", "ITA").delete(links(rec) + "/5.2").then().statusCode(428)
                .contentType("application/problem+json");
        as("coordinator", "ITA").post(suggestions(rec) + "/5.3/acceptance").then().statusCode(428)
                .contentType("application/problem+json");
        as("coordinator", "ITA").post(suggestions(rec) + "/5.3/rejection").then().statusCode(428)
                .contentType("application/problem+json");
        // A tag that is not theirs (another suggestion's, a made-up one): 412, and nothing changed.
        as("coordinator", "ITA").header("If-Match", suggestionTag(rec, "5.5")).post(suggestions(rec) + "/5.3/acceptance")
                .then().statusCode(412).contentType("application/problem+json");
        as("coordinator", "ITA").header("If-Match", "\"0\"").post(suggestions(rec) + "/5.3/rejection").then()
                .statusCode(412).contentType("application/problem+json");
        // The link was removed and made again since it was read: the tag read is stale.
        String linkRead = linkTag(rec, "5.2");
        deleteLink(rec, "5.2");
        insertLink(rec, "5.2");
        as("coordinator", "ITA").header("If-Match", linkRead).delete(links(rec) + "/5.2").then().statusCode(412)
                .contentType("application/problem+json");
        assertEquals(before, state(rec));
        assertEquals(0L, audits(rec, "SDG_LINK_REMOVED") + audits(rec, "SDG_LINK_ADDED")
                + audits(rec, "SDG_SUGGESTION_REJECTED"));

        // The current tags: removed, accepted.
        coordinator.header("If-Match", linkTag(rec, "5.2")).delete(links(rec) + "/5.2").then().statusCode(204);
        String open = suggestionTag(rec, "5.3");
        as("coordinator", "ITA").header("If-Match", open).post(suggestions(rec) + "/5.3/acceptance").then()
                .statusCode(201).body("origin", Matchers.equalTo("SUGGESTED_ACCEPTED"));
        // A second decision on the reading before the first: 412, the suggestion stays accepted.
        as("coordinator", "ITA").header("If-Match", open).post(suggestions(rec) + "/5.3/rejection").then()
                .statusCode(412);
        as("nhri", "ITA").get(suggestions(rec) + "/5.3").then().statusCode(200)
                .body("state", Matchers.equalTo("ACCEPTED")).body("decidedBy", Matchers.equalTo("coordinator-ita"));
        assertEquals("5.3:SUGGESTED_ACCEPTED|5.3:ACCEPTED,5.5:OPEN", state(rec));
        assertEquals(1L, audits(rec, "SDG_LINK_REMOVED"));
        assertEquals(0L, audits(rec, "SDG_SUGGESTION_REJECTED"));
    }

    @Test
    void ofTwoConcurrentDecisionsWithTheSameTagOneAppliesAndTheOtherGets412() throws Exception {
        UUID rec = fixtures.insert("ITA", "Provide shelters for women victims of violence",
                RecommendationEntity.Position.SUPPORTED, List.of());
        insertSuggestion(rec, "5.2");
        insertSuggestion(rec, "5.3");
        insertLink(rec, "5.5");

        String acceptTag = suggestionTag(rec, "5.2");
        int accepts = Racing.sumOf(2, () -> outcome(as("coordinator", "ITA").header("If-Match", acceptTag)
                .post(suggestions(rec) + "/5.2/acceptance").statusCode(), 201));
        assertEquals(ONE_SUCCESS_ONE_412, accepts);

        // An acceptance races a rejection made on the same reading.
        String decideTag = suggestionTag(rec, "5.3");
        java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();
        int decisions = Racing.sumOf(2, () -> turn.getAndIncrement() == 0
                ? outcome(as("coordinator", "ITA").header("If-Match", decideTag)
                        .post(suggestions(rec) + "/5.3/acceptance").statusCode(), 201)
                : outcome(as("coordinator", "ITA").header("If-Match", decideTag)
                        .post(suggestions(rec) + "/5.3/rejection").statusCode(), 200));
        assertEquals(ONE_SUCCESS_ONE_412, decisions);

        // Two removals of one link with the same tag: one removes it, the other finds it gone.
        String removeTag = linkTag(rec, "5.5");
        int removals = Racing.sumOf(2, () -> {
            int status = as("coordinator", "ITA").header("If-Match", removeTag).delete(links(rec) + "/5.5").statusCode();
            return status == 204 ? 1 : status == 404 ? 100 : 10_000;
        });
        assertEquals(101, removals);

        String state = state(rec);
        assertTrue(state.startsWith("5.2:SUGGESTED_ACCEPTED"), state);
        assertTrue(state.endsWith("|5.2:ACCEPTED,5.3:ACCEPTED") || state.endsWith("|5.2:ACCEPTED,5.3:REJECTED"), state);
        assertEquals(state.contains("5.3:ACCEPTED") ? 2L : 1L, audits(rec, "SDG_LINK_ADDED"));
        assertEquals(state.contains("5.3:REJECTED") ? 1L : 0L, audits(rec, "SDG_SUGGESTION_REJECTED"));
        assertEquals(1L, audits(rec, "SDG_LINK_REMOVED"));
    }

    /** {@link #outcome}s summed: one success and one 412. */
    static final int ONE_SUCCESS_ONE_412 = 1 + 100;

    /** 1 for the expected success, 100 for 412, 10,000 for anything else: a sum tells how many of each. */
    static int outcome(int status, int success) {
        return status == success ? 1 : status == 412 ? 100 : 10_000;
    }

    @Test
    void whenTheIndicatorsServiceIsDownSuggestionsAnswer503AndNothingIsStored() {
        UUID rec = fixtures.insert("ITA", "Guarantee access to safe drinking water and sanitation in rural areas",
                RecommendationEntity.Position.SUPPORTED, List.of());
        indicators.resetAll();
        indicators.stubFor(post(urlPathEqualTo(IndicatorsTestResource.TOKEN_PATH))
                .willReturn(okJson("{\"access_token\":\"" + SERVICE_TOKEN + "\",\"token_type\":\"Bearer\","
                        + "\"expires_in\":3600}")));
        indicators.stubFor(get(urlPathEqualTo(TARGETS)).willReturn(aResponse().withStatus(503)));
        as("coordinator", "ITA").post(suggestions(rec)).then().statusCode(503)
                .contentType("application/problem+json").header("Retry-After", notNullValue())
                .body("detail", containsString("indicators-service"));
        as("coordinator", "ITA").contentType(ContentType.JSON).body(Map.of("targetCode", "6.1")).post(links(rec))
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue());
        assertEquals(0L, count("select count(*) from sdg_suggestion where recommendation_id = '" + rec + "'"));
        assertEquals(0L, count("select count(*) from sdg_link where recommendation_id = '" + rec + "'"));
        assertEquals(0L, audits(rec, "SDG_SUGGESTIONS_COMPUTED") + audits(rec, "SDG_LINK_ADDED"));
        // Back again: the circuit breaker lets calls through once its delay is over (reset here).
        healthyIndicatorsServiceQuietly();
        as("coordinator", "ITA").post(suggestions(rec)).then().statusCode(200).body("items[0].goal", Matchers.equalTo(6));
    }

    private void healthyIndicatorsServiceQuietly() {
        try {
            healthyIndicatorsService();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The link's ETag, as an administrator (who reads every country) gets it. */
    static String linkTag(UUID rec, String code) {
        return adminOfNoCountry().get(links(rec) + "/" + code).then().statusCode(200).header("ETag", notNullValue())
                .extract().header("ETag");
    }

    /** The suggestion's ETag, as an administrator gets it. */
    static String suggestionTag(UUID rec, String code) {
        return adminOfNoCountry().get(suggestions(rec) + "/" + code).then().statusCode(200)
                .header("ETag", notNullValue()).extract().header("ETag");
    }

    static RequestSpecification adminOfNoCountry() {
        return given().auth().oauth2(TestTokens.token("admin-global", "admin", null, null));
    }

    /** The 169 targets of fixtures/sdg/global_targets.yml in the indicators service's JSON shape, framework order. */
    static List<Map<String, Object>> targets() throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        String key = null;
        StringBuilder value = new StringBuilder();
        List<String> lines;
        try (InputStream in = SdgLinkTest.class.getResourceAsStream("/fixtures/sdg/global_targets.yml")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        for (String l : lines) {
            if (!l.startsWith(" ") && l.contains(":")) {
                add(out, key, value);
                key = l.substring(0, l.indexOf(':')).strip().replace("'", "").replace("\"", "");
                value.setLength(0);
                value.append(l.substring(l.indexOf(':') + 1).strip());
            } else if (key != null) {
                value.append(' ').append(l.strip());
            }
        }
        add(out, key, value);
        return out;
    }

    private static void add(List<Map<String, Object>> out, String key, StringBuilder value) {
        if (key == null || !key.endsWith("-title")) {
            return;
        }
        String v = value.toString().strip();
        if (v.startsWith("'") || v.startsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        String[] parts = key.split("-");
        out.add(Map.of("code", parts[0] + "." + parts[1], "goal", Integer.parseInt(parts[0]), "title", v,
                "indicatorCount", 1, "language", "en"));
    }

    @Transactional
    void insertLink(UUID rec, String code) {
        em.createNativeQuery("insert into sdg_link (recommendation_id, target_code, origin, created_by, created_at)"
                + " values (?1, ?2, 'MANUAL', 'test', now())").setParameter(1, rec).setParameter(2, code).executeUpdate();
    }

    @Transactional
    void deleteLink(UUID rec, String code) {
        em.createNativeQuery("delete from sdg_link where recommendation_id = ?1 and target_code = ?2")
                .setParameter(1, rec).setParameter(2, code).executeUpdate();
    }

    @Transactional
    void insertSuggestion(UUID rec, String code) {
        em.createNativeQuery("insert into sdg_suggestion (recommendation_id, target_code, target_text, confidence, rank,"
                + " state, model, created_by, created_at) values (?1, ?2, 'a target', 0.5, 1, 'OPEN', 'all-minilm-l6-v2-q',"
                + " 'test', now())").setParameter(1, rec).setParameter(2, code).executeUpdate();
    }

    /** Links and suggestions of a recommendation, as text, to show that refused writes changed nothing. */
    @Transactional
    String state(UUID rec) {
        return em.createNativeQuery("select coalesce((select string_agg(target_code || ':' || origin, ',' order by target_code)"
                + " from sdg_link where recommendation_id = ?1), '') || '|' || coalesce((select string_agg(target_code || ':'"
                + " || state, ',' order by target_code) from sdg_suggestion where recommendation_id = ?1), '')")
                .setParameter(1, rec).getSingleResult().toString();
    }

    @Transactional
    long audits(UUID id, String action) {
        return count("select count(*) from audit_event where resource_id = '" + id + "' and action = '" + action + "'");
    }

    @Transactional
    String auditJson(UUID id, String action, String column) {
        return em.createNativeQuery("select " + column + "::text from audit_event where resource_id = ?1 and action = ?2")
                .setParameter(1, id).setParameter(2, action).getSingleResult().toString();
    }

    @Transactional
    long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
