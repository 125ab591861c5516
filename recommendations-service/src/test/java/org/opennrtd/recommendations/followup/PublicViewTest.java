package org.opennrtd.recommendations.followup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opennrtd.recommendations.followup.Fixtures.admin;
import static org.opennrtd.recommendations.followup.Fixtures.as;
import static org.opennrtd.recommendations.followup.Fixtures.civilSociety;
import static org.opennrtd.recommendations.followup.Fixtures.coordinator;
import static org.opennrtd.recommendations.followup.Fixtures.focalPoint;
import static org.opennrtd.recommendations.followup.Fixtures.ohchr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.common.audit.AuditTrail;
import org.opennrtd.recommendations.service.PublicationService;
import org.opennrtd.testing.PostgresTestResource;

/**
 * The anonymous public view. Countries PRY and URY publish (each test sets what it needs), ECU never does; each
 * test makes its own recommendations and actions, so that no other test's data is counted.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class PublicViewTest {

    static final String PRY = "PRY";
    static final String URY = "URY";
    static final String ECU = "ECU";

    /** Every property the public view may answer, at any depth; anything else is a leak. */
    static final Set<String> PUBLISHED_FIELDS = Set.of("items", "page", "offset", "limit", "total",
            "id", "country", "text", "mechanism", "body", "documentSymbol", "paragraph", "uprCycle",
            "recommendingStates", "position", "themes", "affectedPersons", "sdgTargets", "publicationDate",
            "implementationStatus", "statusUpdatedAt",
            "title", "description", "recommendationIds", "startDate", "endDate", "budget", "amount", "currency",
            "source", "funded", "legislativeActionRequired", "updatedAt",
            "actionId", "narrative", "evidenceUrl", "reportDate", "validatedAt");

    @Inject
    AuditTrail audit;

    @Inject
    ObjectMapper json;

    static String publicPath(String country) {
        return "/api/v1/public/countries/" + country;
    }

    /** Sets a country's publication to the given values, whatever it was. */
    static void publish(String country, boolean published, boolean budgets) {
        String path = "/api/v1/country-publications/" + country;
        String tag = as(admin()).get(path).then().statusCode(200).extract().header("ETag");
        as(admin()).header("If-Match", tag).body(Map.of("published", published, "budgetsPublished", budgets))
                .put(path).then().statusCode(200).body("published", equalTo(published))
                .body("budgetsPublished", equalTo(budgets));
    }

    static void withhold(UUID recommendation, boolean withheld) {
        String path = "/api/v1/recommendations/" + recommendation + "/publication";
        String tag = as(admin()).get(path).then().statusCode(200).extract().header("ETag");
        as(coordinator(countryOf(recommendation))).header("If-Match", tag).body(Map.of("withheld", withheld)).put(path)
                .then().statusCode(200).body("withheld", equalTo(withheld));
    }

    static void markPublic(UUID action, boolean published) {
        String path = "/api/v1/actions/" + action + "/publication";
        String tag = as(admin()).get(path).then().statusCode(200).extract().header("ETag");
        as(admin()).header("If-Match", tag).body(Map.of("published", published)).put(path)
                .then().statusCode(200).body("published", equalTo(published));
    }

    static String countryOf(UUID recommendation) {
        return as(admin()).get("/api/v1/recommendations/" + recommendation).then().statusCode(200)
                .extract().path("country");
    }

    /** What a State's team publishes: a few recommendations, one withheld, a public and an internal action. */
    record Published(UUID open, UUID withheld, UUID publicAction, UUID internalAction, UUID validated,
            UUID submitted, UUID draft, String marker, String institutionCode) {
    }

    Published publishedPlan(boolean budgets) {
        publish(PRY, true, budgets);
        String marker = UUID.randomUUID().toString().substring(0, 8);
        UUID open = Fixtures.createRecommendation(PRY, "Ensure access to drinking water in the Chaco " + marker);
        UUID withheld = Fixtures.createRecommendation(PRY, "Withheld matter " + marker);
        withhold(withheld, true);
        String code = "pry-" + marker;
        UUID institution = Fixtures.createInstitution(PRY, code, "Ministry of Public Works " + marker);
        UUID publicAction = Fixtures.createAction(PRY, institution, List.of(open, withheld), "Water for the Chaco " + marker);
        markPublic(publicAction, true);
        UUID internalAction = Fixtures.createAction(PRY, institution, List.of(open), "Internal planning " + marker);
        // A follow-up with an internal note: the status is public, the note is not.
        String followUp = "/api/v1/recommendations/" + open + "/follow-up";
        as(coordinator(PRY)).header("If-Match", Fixtures.etag(followUp))
                .body(Map.of("implementationStatus", "IN_PROGRESS", "statusNote", "internal note " + marker))
                .put(followUp).then().statusCode(200);
        UUID validated = Fixtures.createUpdate(publicAction, "Wells drilled " + marker);
        Fixtures.submit(validated);
        Fixtures.validate(validated);
        UUID submitted = Fixtures.createUpdate(publicAction, "Submitted, not validated " + marker);
        Fixtures.submit(submitted);
        UUID draft = Fixtures.createUpdate(publicAction, "Draft " + marker);
        Fixtures.createUpdate(internalAction, "Progress of the internal action " + marker);
        return new Published(open, withheld, publicAction, internalAction, validated, submitted, draft, marker, code);
    }

    @Test
    void aCountryThatHasNotPublishedAnswers404ToEveryoneEvenWithAToken() {
        UUID rec = Fixtures.createRecommendation(ECU, "A recommendation of a country that never published");
        for (String token : new String[] {null, admin(), coordinator(ECU)}) {
            as(token).get(publicPath(ECU) + "/recommendations").then().statusCode(404)
                    .contentType("application/problem+json").body("status", equalTo(404));
            as(token).get(publicPath(ECU) + "/recommendations/" + rec).then().statusCode(404);
            as(token).get(publicPath(ECU) + "/actions").then().statusCode(404);
        }
        as(admin()).get("/api/v1/country-publications/" + ECU).then().statusCode(200)
                .header("ETag", "\"0\"").body("published", equalTo(false)).body("budgetsPublished", equalTo(false));
    }

    @Test
    void anonymousCallersSeeOnlyPublishedRecommendationsActionsAndValidatedProgress() {
        Published p = publishedPlan(false);
        UUID otherCountry = Fixtures.createRecommendation(URY, "Uruguay's recommendation " + p.marker());
        publish(URY, true, false);

        // Recommendations: the open one with its status, never the withheld one nor another country's.
        Response list = given().queryParam("q", p.marker()).queryParam("limit", 100)
                .get(publicPath(PRY) + "/recommendations");
        list.then().statusCode(200).body("page.total", equalTo(1)).body("items.id", contains(p.open().toString()))
                .body("items[0].implementationStatus", equalTo("IN_PROGRESS"))
                .body("items[0].statusUpdatedAt", notNullValue());
        given().get(publicPath(PRY) + "/recommendations/" + p.open()).then().statusCode(200)
                .body("country", equalTo(PRY)).body("implementationStatus", equalTo("IN_PROGRESS"));
        given().get(publicPath(PRY) + "/recommendations/" + p.withheld()).then().statusCode(404);
        given().get(publicPath(PRY) + "/recommendations/" + otherCountry).then().statusCode(404);
        given().get(publicPath(URY) + "/recommendations/" + otherCountry).then().statusCode(200);
        given().get(publicPath(URY) + "/recommendations/" + p.open()).then().statusCode(404);
        given().queryParam("q", p.marker()).get(publicPath(URY) + "/recommendations").then().statusCode(200)
                .body("items.id", contains(otherCountry.toString()));

        // Filters narrow the published set; they never widen it.
        given().queryParam("q", p.marker()).queryParam("implementationStatus", "NOT_STARTED")
                .get(publicPath(PRY) + "/recommendations").then().statusCode(200).body("page.total", equalTo(0));
        given().queryParam("q", p.marker()).queryParam("mechanism", "UPR")
                .get(publicPath(PRY) + "/recommendations").then().statusCode(200).body("page.total", equalTo(1));

        // Actions: only the public one, listing only its public recommendations, without a budget.
        given().get(publicPath(PRY) + "/actions").then().statusCode(200)
                .body("items.id", hasItem(p.publicAction().toString()))
                .body("items.id", not(hasItem(p.internalAction().toString())));
        given().queryParam("recommendationId", p.open()).get(publicPath(PRY) + "/actions").then().statusCode(200)
                .body("items.id", contains(p.publicAction().toString()));
        given().queryParam("recommendationId", p.withheld()).get(publicPath(PRY) + "/actions").then().statusCode(200)
                .body("page.total", equalTo(0));
        given().get(publicPath(PRY) + "/actions/" + p.publicAction()).then().statusCode(200)
                .body("recommendationIds", contains(p.open().toString())).body("budget", nullValue())
                .body("legislativeActionRequired", equalTo(false));
        given().get(publicPath(PRY) + "/actions/" + p.internalAction()).then().statusCode(404);
        given().get(publicPath(URY) + "/actions/" + p.publicAction()).then().statusCode(404);
        given().get(publicPath(PRY) + "/actions/" + p.internalAction() + "/progress-updates").then().statusCode(404);

        // Progress: the validated update only.
        given().get(publicPath(PRY) + "/actions/" + p.publicAction() + "/progress-updates").then().statusCode(200)
                .body("page.total", equalTo(1)).body("items.id", contains(p.validated().toString()))
                .body("items[0].narrative", equalTo("Wells drilled " + p.marker()))
                .body("items[0].validatedAt", notNullValue());
    }

    @Test
    void budgetsAppearOnlyOnceTheCountryPublishesThem() {
        Published p = publishedPlan(false);
        String action = publicPath(PRY) + "/actions/" + p.publicAction();
        given().get(action).then().statusCode(200).body("budget", nullValue());
        publish(PRY, true, true);
        given().get(action).then().statusCode(200).body("budget.amount", equalTo(125000.5f))
                .body("budget.currency", equalTo("EUR")).body("budget.funded", equalTo(true));
        given().get(publicPath(PRY) + "/actions").then().statusCode(200).body("items.budget", everyItem(notNullValue()));
        publish(PRY, true, false);
        given().get(action).then().statusCode(200).body("budget", nullValue());
    }

    @Test
    void aTokenSentToThePublicViewWidensNothing() {
        Published p = publishedPlan(false);
        for (String token : new String[] {admin(), coordinator(PRY), ohchr()}) {
            as(token).get(publicPath(PRY) + "/recommendations/" + p.withheld()).then().statusCode(404);
            as(token).get(publicPath(PRY) + "/actions/" + p.internalAction()).then().statusCode(404);
            as(token).get(publicPath(PRY) + "/actions/" + p.publicAction()).then().statusCode(200)
                    .body("budget", nullValue());
            as(token).get(publicPath(PRY) + "/actions/" + p.publicAction() + "/progress-updates").then()
                    .statusCode(200).body("items.id", contains(p.validated().toString()));
        }
        // An invalid token is not an identity: the public view answers as to anyone.
        given().auth().oauth2("not-a-token").get(publicPath(PRY) + "/recommendations/" + p.open()).then()
                .statusCode(200);
        // Every other path still needs a valid token.
        given().get("/api/v1/recommendations/" + p.open()).then().statusCode(401);
        given().get("/api/v1/country-publications/" + PRY).then().statusCode(401);
    }

    /** Walks every public URL of a published plan and refuses any property or value outside the published set. */
    @Test
    void noPublicAnswerCarriesAnythingOutsideThePublishedSet() throws Exception {
        Published p = publishedPlan(true);
        List<String> urls = List.of(
                publicPath(PRY) + "/recommendations?limit=100&q=" + p.marker(),
                publicPath(PRY) + "/recommendations/" + p.open(),
                publicPath(PRY) + "/actions?limit=100",
                publicPath(PRY) + "/actions?recommendationId=" + p.open(),
                publicPath(PRY) + "/actions/" + p.publicAction(),
                publicPath(PRY) + "/actions/" + p.publicAction() + "/progress-updates");
        for (String url : urls) {
            String body = given().get(url).then().statusCode(200).extract().asString();
            Set<String> fields = new TreeSet<>();
            collectFields(json.readTree(body), fields);
            fields.removeAll(PUBLISHED_FIELDS);
            assertTrue(fields.isEmpty(), url + " answers properties outside the published set: " + fields);
            for (String internal : List.of("internal note", "Withheld matter", "Internal planning", "Submitted, not",
                    "Draft " + p.marker(), p.withheld().toString(), p.internalAction().toString(),
                    p.submitted().toString(), p.draft().toString(), p.institutionCode(), "@example.org",
                    "Ministry of Public Works", "Progress of the internal action")) {
                assertFalse(body.contains(internal), url + " answers " + internal + ": " + body);
            }
        }
    }

    static void collectFields(JsonNode node, Set<String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(e.getKey());
                collectFields(e.getValue(), out);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectFields(n, out));
        }
    }

    @Test
    void publicAnswersArePubliclyCacheableAndRevalidate() {
        Published p = publishedPlan(false);
        String url = publicPath(PRY) + "/recommendations/" + p.open();
        Response first = given().get(url);
        first.then().statusCode(200).header("Cache-Control", "public, max-age=300")
                .header("X-Content-Type-Options", "nosniff");
        String tag = first.header("ETag");
        assertTrue(tag != null && tag.startsWith("\""), "a strong ETag: " + tag);
        given().header("If-None-Match", tag).get(url).then().statusCode(304).header("ETag", tag)
                .header("Cache-Control", "public, max-age=300").body(emptyOrNullString());
        given().header("If-None-Match", "W/" + tag + ", \"other\"").get(url).then().statusCode(304);
        given().header("If-None-Match", "\"other\"").get(url).then().statusCode(200);
        // The same answer with or without a token, so the same tag.
        assertEquals(tag, as(admin()).get(url).then().statusCode(200).extract().header("ETag"));

        String followUp = "/api/v1/recommendations/" + p.open() + "/follow-up";
        as(coordinator(PRY)).header("If-Match", Fixtures.etag(followUp))
                .body(Map.of("implementationStatus", "IMPLEMENTED")).put(followUp).then().statusCode(200);
        Response changed = given().header("If-None-Match", tag).get(url);
        changed.then().statusCode(200).body("implementationStatus", equalTo("IMPLEMENTED"));
        assertNotEquals(tag, changed.header("ETag"));
        // Settings and every other path stay uncacheable.
        as(admin()).get("/api/v1/country-publications/" + PRY).then().header("Cache-Control", "no-store");
    }

    @Test
    void countrySettingNeedsIfMatchIsAuditedAndOnlyAdministratorsAndTheCountrysCoordinatorsWriteIt() {
        String path = "/api/v1/country-publications/" + URY;
        Response read = as(coordinator(URY)).get(path);
        read.then().statusCode(200).body("country", equalTo(URY));
        String tag = read.header("ETag");
        boolean published = read.path("published");
        Map<String, Object> flip = Map.of("published", !published, "budgetsPublished", false);
        as(coordinator(URY)).body(flip).put(path).then().statusCode(428).contentType("application/problem+json");
        as(coordinator(URY)).header("If-Match", "\"999\"").body(flip).put(path).then().statusCode(412);
        as(coordinator(PRY)).header("If-Match", tag).body(flip).put(path).then().statusCode(403);
        as(focalPoint(URY, "ury-x")).header("If-Match", tag).body(flip).put(path).then().statusCode(403);
        as(civilSociety(URY)).get(path).then().statusCode(403);
        as(ohchr()).get(path).then().statusCode(200);
        as(ohchr()).header("If-Match", tag).body(flip).put(path).then().statusCode(403);
        given().contentType("application/json").header("If-Match", tag).body(flip).put(path).then().statusCode(401);
        // Bad input changes nothing.
        as(coordinator(URY)).header("If-Match", tag).body(Map.of("published", "yes", "budgetsPublished", false))
                .put(path).then().statusCode(400).contentType("application/problem+json");
        as(coordinator(URY)).header("If-Match", tag).body(Map.of("published", !published)).put(path).then()
                .statusCode(400);
        as(coordinator(URY)).get(path).then().header("ETag", tag).body("published", equalTo(published));

        long before = audit.history(PublicationService.COUNTRY_RESOURCE, PublicationService.countryResourceId(URY), 0, 100)
                .total();
        Response written = as(coordinator(URY)).header("If-Match", tag).body(flip).put(path);
        written.then().statusCode(200).body("published", equalTo(!published)).body("updatedAt", notNullValue());
        assertNotEquals(tag, written.header("ETag"));
        as(coordinator(URY)).header("If-Match", tag).body(flip).put(path).then().statusCode(412);
        AuditHistory history = audit.history(PublicationService.COUNTRY_RESOURCE,
                PublicationService.countryResourceId(URY), 0, 100);
        assertEquals(before + 1, history.total());
        AuditHistory.Entry last = history.entries().get(history.entries().size() - 1);
        assertEquals("coordinator-ury", last.actor());
        assertEquals(Map.of("published", !published, "budgetsPublished", false), last.after());
        // Put it back as it was for the other tests.
        as(admin()).header("If-Match", written.header("ETag"))
                .body(Map.of("published", published, "budgetsPublished", false)).put(path).then().statusCode(200);
    }

    @Test
    void withholdingAndMarkingPublicNeedIfMatchAreAuditedAndScopedToTheCountry() {
        publish(PRY, true, false);
        UUID rec = Fixtures.createRecommendation(PRY, "To be withheld and published again");
        String path = "/api/v1/recommendations/" + rec + "/publication";
        String tag = as(coordinator(PRY)).get(path).then().statusCode(200).header("ETag", "\"0\"")
                .body("withheld", equalTo(false)).extract().header("ETag");
        as(coordinator(PRY)).body(Map.of("withheld", true)).put(path).then().statusCode(428);
        as(coordinator(PRY)).header("If-Match", "\"7\"").body(Map.of("withheld", true)).put(path).then().statusCode(412);
        as(coordinator(URY)).header("If-Match", tag).body(Map.of("withheld", true)).put(path).then().statusCode(404);
        as(focalPoint(PRY, "pry-x")).header("If-Match", tag).body(Map.of("withheld", true)).put(path).then()
                .statusCode(403);
        as(coordinator(PRY)).header("If-Match", tag).body(Map.of("withheld", "maybe")).put(path).then().statusCode(400);
        given().get(publicPath(PRY) + "/recommendations/" + rec).then().statusCode(200);

        as(coordinator(PRY)).header("If-Match", tag).body(Map.of("withheld", true)).put(path).then().statusCode(200)
                .header("ETag", "\"1\"");
        given().get(publicPath(PRY) + "/recommendations/" + rec).then().statusCode(404);
        as(coordinator(PRY)).get("/api/v1/recommendations/" + rec + "/history").then().statusCode(200)
                .body("items.action", hasItem("PUBLICATION"))
                .body("items.find { it.action == 'PUBLICATION' }.after.withheld", equalTo(true));
        as(coordinator(PRY)).header("If-Match", "\"1\"").body(Map.of("withheld", false)).put(path).then()
                .statusCode(200).header("ETag", "\"2\"");
        given().get(publicPath(PRY) + "/recommendations/" + rec).then().statusCode(200);

        UUID institution = Fixtures.createInstitution(PRY, "pry-" + UUID.randomUUID().toString().substring(0, 8), "Ministry");
        UUID action = Fixtures.createAction(PRY, institution, List.of(rec), "Marked public later");
        String actionPath = "/api/v1/actions/" + action + "/publication";
        as(coordinator(PRY)).get(actionPath).then().statusCode(200).header("ETag", "\"0\"")
                .body("published", equalTo(false));
        given().get(publicPath(PRY) + "/actions/" + action).then().statusCode(404);
        as(coordinator(PRY)).body(Map.of("published", true)).put(actionPath).then().statusCode(428);
        as(coordinator(URY)).get(actionPath).then().statusCode(404);
        as(coordinator(PRY)).header("If-Match", "\"0\"").body(Map.of("published", true)).put(actionPath).then()
                .statusCode(200).header("ETag", "\"1\"");
        given().get(publicPath(PRY) + "/actions/" + action).then().statusCode(200)
                .body("recommendationIds", contains(rec.toString()));
        as(coordinator(PRY)).get("/api/v1/actions/" + action + "/history").then().statusCode(200)
                .body("items.action", hasItem("PUBLICATION"));
    }

    @Test
    void badInputToThePublicViewIsAProblemDocument() {
        publish(PRY, true, false);
        given().get(publicPath("pry") + "/recommendations").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("limit", 1000).get(publicPath(PRY) + "/recommendations").then().statusCode(400)
                .contentType("application/problem+json");
        given().get(publicPath(PRY) + "/recommendations/not-a-uuid").then().statusCode(anyOf404Or400())
                .contentType("application/problem+json");
        given().queryParam("implementationStatus", "DONE").get(publicPath(PRY) + "/recommendations").then()
                .statusCode(400).contentType("application/problem+json");
    }

    static org.hamcrest.Matcher<Integer> anyOf404Or400() {
        return org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(404));
    }
}
