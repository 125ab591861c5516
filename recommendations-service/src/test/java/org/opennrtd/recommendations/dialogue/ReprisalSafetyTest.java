package org.opennrtd.recommendations.dialogue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opennrtd.recommendations.dialogue.Dialogue.comment;
import static org.opennrtd.recommendations.dialogue.Dialogue.recommendation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.TestTokens;

/**
 * Reprisal-safe participation in Belize (moderators granted in Belize and Guyana; no other test uses either):
 * pseudonymous comments read by every kind of reader, the moderator's recorded look behind a pseudonym, restricted
 * comments, and reprisal reports kept out of every other path. Every leak check searches the whole answer for the
 * author's user name and organisation.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ReprisalSafetyTest {

    static final String BLZ = "BLZ";
    static final String GUY = "GUY";
    static final String DEFENDER = "defender-blz-7q";
    static final String DEFENDER_ORG = "blz-land-rights-watch";
    static final String MODERATOR = "moderator-blz-3k";
    static final String OTHER_NGO = "reporter-blz-9w";

    static boolean granted;
    static String moderatorGrant;

    @Inject
    EntityManager em;

    static RequestSpecification user(String name, String role, String country, String institution) {
        return given().auth().oauth2(TestTokens.token(name, role, country, institution)).contentType(ContentType.JSON);
    }

    static RequestSpecification defender() {
        return user(DEFENDER, "civil-society", BLZ, DEFENDER_ORG);
    }

    static RequestSpecification moderator() {
        return user(MODERATOR, "civil-society", BLZ, "independent-panel");
    }

    static RequestSpecification coordinator() {
        return user("coordinator-blz", "coordinator", BLZ, "office-of-the-prime-minister");
    }

    static RequestSpecification focalPoint() {
        return user("focal-point-blz", "focal-point", BLZ, "ministry-of-home-affairs");
    }

    static RequestSpecification ohchr() {
        return user("ohchr-analyst-blz", "ohchr", null, "ohchr");
    }

    /** The reporting service's own service account, as Keycloak issues it (role ohchr, no country). */
    static RequestSpecification reportingService() {
        return user("service-account-reporting-service", "ohchr", null, null);
    }

    static RequestSpecification nhri() {
        return user("ombudsman-blz", "nhri", BLZ, "ombudsman-belize");
    }

    static RequestSpecification admin() {
        return user("admin-blz-test", "admin", null, null);
    }

    static String comments(String rec) {
        return "/api/v1/recommendations/" + rec + "/comments";
    }

    static Map<String, Object> draft(String text, String identity, Boolean restricted) {
        Map<String, Object> body = new HashMap<>(Dialogue.comment(text, null));
        if (identity != null) {
            body.put("identity", identity);
        }
        if (restricted != null) {
            body.put("restricted", restricted);
        }
        return body;
    }

    static void assertNoIdentity(String what, String body) {
        assertFalse(body.contains(DEFENDER), what + " names the author: " + body);
        assertFalse(body.contains(DEFENDER_ORG), what + " names the author's organisation: " + body);
    }

    @BeforeEach
    void moderatorOfBelize() {
        if (granted) {
            return;
        }
        granted = true;
        moderatorGrant = admin().body(Map.of("country", BLZ, "userName", MODERATOR)).when().post("/api/v1/moderators")
                .then().statusCode(201).body("grantedBy", equalTo("admin-blz-test")).extract().path("id");
    }

    @Test
    void aPseudonymousCommentShowsEachReaderOnlyWhatTheyShouldAndTheLookBehindItIsShownToTheAuthor() {
        String rec = recommendation(BLZ, "Protect indigenous land defenders from harassment");
        Response created = defender().body(draft("Surveyors came with the police again.", null, null))
                .when().post(comments(rec));
        created.then().statusCode(201)
                .body("identity", equalTo("PSEUDONYM"))
                .body("authorName", startsWith("Participant "))
                .body("authorInstitution", nullValue())
                .body("authorRole", equalTo("civil-society"));
        assertNoIdentity("the author's own answer", created.asString());
        String id = created.path("id");
        String pseudonym = created.path("authorName");

        // The same pseudonym on every comment of the author in the country; another author has another one.
        String other = recommendation(BLZ, "Investigate threats against journalists");
        defender().body(draft("Second comment", "PSEUDONYM", false)).when().post(comments(other))
                .then().statusCode(201).body("authorName", equalTo(pseudonym));
        String theirs = user(OTHER_NGO, "civil-society", BLZ, "another-ngo").body(draft("Me too", null, null))
                .when().post(comments(other)).then().statusCode(201).extract().path("authorName");
        assertNotEquals(pseudonym, theirs);
        assertFalse(pseudonym.contains(DEFENDER), "the pseudonym is not made of the user name");

        // Government, OHCHR, the reporting service and the moderator all read the pseudonym, without organisation.
        for (RequestSpecification reader : List.of(coordinator(), focalPoint(), ohchr(), reportingService(),
                moderator(), nhri())) {
            String one = reader.when().get("/api/v1/comments/" + id).then().statusCode(200)
                    .body("authorName", equalTo(pseudonym)).body("authorInstitution", nullValue())
                    .extract().asString();
            assertNoIdentity("a read of the comment", one);
            String list = reader.when().get(comments(rec)).then().statusCode(200)
                    .body("items.authorName", contains(pseudonym)).extract().asString();
            assertNoIdentity("the list", list);
        }

        // Only the moderator may look behind the pseudonym; government and OHCHR may not.
        for (RequestSpecification reader : List.of(coordinator(), focalPoint(), ohchr(), reportingService(), nhri(),
                admin(), user(OTHER_NGO, "civil-society", BLZ, "another-ngo"))) {
            String refused = reader.when().get("/api/v1/comments/" + id + "/author").then().statusCode(403)
                    .contentType("application/problem+json").extract().asString();
            assertNoIdentity("a refusal", refused);
        }
        given().when().get("/api/v1/comments/" + id + "/author").then().statusCode(401);
        defender().when().get("/api/v1/me/identity-disclosures").then().statusCode(200)
                .body("page.total", equalTo(0));

        moderator().when().get("/api/v1/comments/" + id + "/author").then().statusCode(200)
                .body("commentId", equalTo(id))
                .body("identity", equalTo("PSEUDONYM"))
                .body("pseudonym", equalTo(pseudonym))
                .body("authorName", equalTo(DEFENDER))
                .body("authorInstitution", equalTo(DEFENDER_ORG))
                .body("authorRole", equalTo("civil-society"));

        // The look is recorded and shown to the author, and to nobody else.
        defender().when().get("/api/v1/me/identity-disclosures").then().statusCode(200)
                .body("page.total", equalTo(1))
                .body("items[0].commentId", equalTo(id))
                .body("items[0].moderatorName", equalTo(MODERATOR))
                .body("items[0].country", equalTo(BLZ))
                .body("items[0].disclosedAt", not(nullValue()));
        user(OTHER_NGO, "civil-society", BLZ, "another-ngo").when().get("/api/v1/me/identity-disclosures")
                .then().statusCode(200).body("page.total", equalTo(0));
        coordinator().when().get("/api/v1/me/identity-disclosures").then().statusCode(403);

        // History: the author's writes carry the pseudonym as actor; the identity is in no state.
        String etag = defender().when().get("/api/v1/comments/" + id).then().extract().header("ETag");
        defender().header("If-Match", etag).body(Map.of("text", "Surveyors came with the police twice."))
                .when().put("/api/v1/comments/" + id).then().statusCode(200).body("edited", equalTo(true));
        user(OTHER_NGO, "civil-society", BLZ, "another-ngo").header("If-Match", "\"1\"")
                .body(Map.of("text", "Forged")).when().put("/api/v1/comments/" + id).then().statusCode(403);
        String hideTag = coordinator().when().get("/api/v1/comments/" + id).then().extract().header("ETag");
        coordinator().header("If-Match", hideTag).body(Map.of("hidden", true, "reason", "Names a private person"))
                .when().put("/api/v1/comments/" + id + "/visibility").then().statusCode(200)
                .body("hidden", equalTo(true)).body("authorName", equalTo(pseudonym));
        for (RequestSpecification reader : List.of(coordinator(), ohchr(), admin())) {
            String history = reader.when().get("/api/v1/comments/" + id + "/history").then().statusCode(200)
                    .body("items.action", contains("CREATE", "UPDATE", "HIDE"))
                    .body("items[0].actor", equalTo(pseudonym))
                    .body("items[1].actor", equalTo(pseudonym))
                    .body("items[0].after.authorName", equalTo(pseudonym))
                    .extract().asString();
            assertNoIdentity("the comment's history", history);
        }
        String recHistory = coordinator().when().get("/api/v1/recommendations/" + rec + "/history").then()
                .statusCode(200).extract().asString();
        assertNoIdentity("the recommendation's history", recHistory);
        String export = coordinator().when().get("/api/v1/recommendation-exports?format=csv&country=" + BLZ)
                .then().statusCode(200).extract().asString();
        assertNoIdentity("the export", export);
        String search = coordinator().when().get("/api/v1/recommendations?country=" + BLZ + "&q=" + DEFENDER)
                .then().statusCode(200).body("page.total", equalTo(0)).extract().asString();
        assertNoIdentity("the search", search);
    }

    @Test
    void authorsChooseToBeNamedTheNhriIsNamedByDefaultAndGovernmentCannotHide() {
        String rec = recommendation(BLZ, "Publish the police complaints statistics");
        defender().body(draft("We sign this one.", "NAMED", null)).when().post(comments(rec)).then().statusCode(201)
                .body("identity", equalTo("NAMED")).body("authorName", equalTo(DEFENDER))
                .body("authorInstitution", equalTo(DEFENDER_ORG));
        String nhriComment = nhri().body(draft("The Ombudsman asks for quarterly data.", null, null))
                .when().post(comments(rec)).then().statusCode(201)
                .body("identity", equalTo("NAMED")).body("authorName", equalTo("ombudsman-blz"))
                .body("authorInstitution", equalTo("ombudsman-belize")).extract().path("id");
        nhri().body(draft("A pseudonymous note of the Ombudsman", "PSEUDONYM", null)).when().post(comments(rec))
                .then().statusCode(201).body("authorName", startsWith("Participant "))
                .body("authorInstitution", nullValue());

        // Government replies by name only, and never restricted.
        Map<String, Object> hidden = draft("We reply anonymously", "PSEUDONYM", null);
        hidden.put("parentId", nhriComment);
        coordinator().body(hidden).when().post(comments(rec)).then().statusCode(422)
                .contentType("application/problem+json").body("violations[0].field", equalTo("identity"));
        Map<String, Object> restricted = draft("We reply in secret", null, true);
        restricted.put("parentId", nhriComment);
        focalPoint().body(restricted).when().post(comments(rec)).then().statusCode(422)
                .body("violations[0].field", equalTo("restricted"));
        defender().body(draft("Unknown identity", "ANONYMOUS", null)).when().post(comments(rec))
                .then().statusCode(400).contentType("application/problem+json");
        coordinator().when().get(comments(rec)).then().statusCode(200).body("page.total", equalTo(3));

        // A moderator's look at a named comment records nothing: nothing was hidden.
        moderator().when().get("/api/v1/comments/" + nhriComment + "/author").then().statusCode(200)
                .body("identity", equalTo("NAMED")).body("pseudonym", nullValue())
                .body("authorName", equalTo("ombudsman-blz"));
        nhri().when().get("/api/v1/me/identity-disclosures").then().statusCode(200).body("page.total", equalTo(0));
    }

    @Test
    void aRestrictedCommentExistsOnlyForTheNhriTheModeratorsAndItsAuthor() {
        String rec = recommendation(BLZ, "End impunity for attacks on human rights defenders");
        String open = defender().body(draft("Public remark", null, null)).when().post(comments(rec))
                .then().statusCode(201).body("restricted", equalTo(false)).extract().path("id");
        String secret = defender().body(draft("The district officer threatened our witness.", null, true))
                .when().post(comments(rec)).then().statusCode(201).body("restricted", equalTo(true))
                .extract().path("id");

        for (RequestSpecification government : List.of(coordinator(), focalPoint(), admin(), ohchr(),
                reportingService(), user(OTHER_NGO, "civil-society", BLZ, "another-ngo"))) {
            String list = government.when().get(comments(rec)).then().statusCode(200)
                    .body("page.total", equalTo(1)).body("items.id", contains(open)).extract().asString();
            assertFalse(list.contains("district officer"), list);
            String missing = government.when().get("/api/v1/comments/" + secret).then().statusCode(404)
                    .contentType("application/problem+json").extract().asString();
            assertFalse(missing.contains("district officer"), missing);
        }
        coordinator().when().get("/api/v1/comments/" + secret + "/history").then().statusCode(404);
        coordinator().header("If-Match", "\"0\"").body(Map.of("hidden", true, "reason", "unwelcome"))
                .when().put("/api/v1/comments/" + secret + "/visibility").then().statusCode(404);
        coordinator().body(comment("A reply to what we cannot read", secret)).when().post(comments(rec))
                .then().statusCode(422).body("violations[0].field", equalTo("parentId"));

        for (RequestSpecification reader : List.of(nhri(), moderator(), defender())) {
            reader.when().get(comments(rec)).then().statusCode(200)
                    .body("page.total", equalTo(2)).body("items.id", contains(open, secret));
            reader.when().get("/api/v1/comments/" + secret).then().statusCode(200)
                    .body("text", equalTo("The district officer threatened our witness."));
        }
        // The NHRI's reply to it is restricted too, and the NHRI of another country does not see it.
        nhri().body(comment("We will visit the witness.", secret)).when().post(comments(rec)).then().statusCode(201)
                .body("restricted", equalTo(true));
        coordinator().when().get(comments(rec)).then().body("page.total", equalTo(1));
        user("ombudsman-guy", "nhri", GUY, "ombudsman-guyana").when().get("/api/v1/comments/" + secret)
                .then().statusCode(404);
    }

    @Test
    void commentEventsCarryNoIdentityAndRestrictedCommentsSendNone() {
        String subscription = coordinator().body(Map.of("url", "https://example.org/hooks/blz", "country", BLZ,
                        "eventTypes", List.of("COMMENT_CREATED", "COMMENT_HIDDEN")))
                .when().post("/api/v1/webhook-subscriptions").then().statusCode(201).extract().path("id");
        String rec = recommendation(BLZ, "Guarantee the right to peaceful assembly");
        String visible = defender().body(draft("Protesters were photographed by officers.", null, null))
                .when().post(comments(rec)).then().statusCode(201).extract().path("id");
        String secret = defender().body(draft("Names of the officers follow.", null, true))
                .when().post(comments(rec)).then().statusCode(201).extract().path("id");
        @SuppressWarnings("unchecked")
        List<String> payloads = em.createNativeQuery("select payload from webhook_delivery where subscription_id = ?1")
                .setParameter(1, UUID.fromString(subscription)).getResultList();
        assertEquals(1, payloads.size(), "one event: the restricted comment sent none");
        assertTrue(payloads.get(0).contains(visible), payloads.get(0));
        assertFalse(payloads.get(0).contains(secret));
        assertNoIdentity("the webhook payload", payloads.get(0));
    }

    @Test
    void reprisalReportsAreReadOnlyByTheNhriOhchrAndTheirAuthorAndAppearNowhereElse() {
        String rec = recommendation(BLZ, "Protect those who cooperate with the United Nations");
        String commentId = defender().body(draft("We met the Special Rapporteur.", null, null))
                .when().post(comments(rec)).then().statusCode(201).extract().path("id");
        String description = "After the meeting with the Special Rapporteur our office was searched without warrant.";
        Map<String, Object> report = new HashMap<>();
        report.put("country", BLZ);
        report.put("recommendationId", rec);
        report.put("commentId", commentId);
        report.put("personConcerned", "Field coordinator of the organisation");
        report.put("description", description);
        report.put("occurredOn", "2026-11-30");
        Response created = defender().body(report).when().post("/api/v1/reprisal-reports");
        created.then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/api/v1/reprisal-reports/"))
                .header("ETag", equalTo("\"0\""))
                .body("country", equalTo(BLZ)).body("authorName", equalTo(DEFENDER))
                .body("authorRole", equalTo("civil-society")).body("occurredOn", equalTo("2026-11-30"));
        String id = created.path("id");

        for (RequestSpecification reader : List.of(nhri(), ohchr(), defender())) {
            reader.when().get("/api/v1/reprisal-reports/" + id).then().statusCode(200)
                    .body("description", equalTo(description));
            reader.when().get("/api/v1/reprisal-reports").then().statusCode(200).body("items.id", hasItem(id));
        }
        ohchr().when().get("/api/v1/reprisal-reports?country=" + BLZ).then().statusCode(200)
                .body("items.country", everyItem(equalTo(BLZ))).body("items.id", hasItem(id));
        // Another organisation, the NHRI of another country: as if it did not exist.
        user(OTHER_NGO, "civil-society", BLZ, "another-ngo").when().get("/api/v1/reprisal-reports/" + id)
                .then().statusCode(404);
        user(OTHER_NGO, "civil-society", BLZ, "another-ngo").when().get("/api/v1/reprisal-reports")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
        RequestSpecification guyana = user("ombudsman-guy", "nhri", GUY, "ombudsman-guyana");
        guyana.when().get("/api/v1/reprisal-reports/" + id).then().statusCode(404);
        user("ombudsman-guy", "nhri", GUY, "ombudsman-guyana").when().get("/api/v1/reprisal-reports?country=" + BLZ)
                .then().statusCode(403);
        // Government, administrators, focal points and the reporting service's own account (role ohchr) may not
        // read or write reports at all.
        for (RequestSpecification refused : List.of(coordinator(), focalPoint(), admin(), reportingService())) {
            refused.when().get("/api/v1/reprisal-reports/" + id).then().statusCode(403);
            refused.when().get("/api/v1/reprisal-reports").then().statusCode(403);
            refused.body(report).when().post("/api/v1/reprisal-reports").then().statusCode(403);
        }
        given().when().get("/api/v1/reprisal-reports").then().statusCode(401);

        // Nowhere else: not in the recommendation, its history, the comment's history, exports or webhooks.
        for (String path : List.of("/api/v1/recommendations/" + rec, "/api/v1/recommendations/" + rec + "/history",
                "/api/v1/comments/" + commentId + "/history",
                "/api/v1/recommendation-exports?format=csv&country=" + BLZ)) {
            String body = coordinator().when().get(path).then().statusCode(200).extract().asString();
            assertFalse(body.contains("searched without warrant"), path + ": " + body);
            assertFalse(body.contains(id), path + ": " + body);
        }
        Number inDeliveries = (Number) em.createNativeQuery(
                        "select count(*) from webhook_delivery where payload like ?1 or payload like ?2")
                .setParameter(1, "%" + id + "%").setParameter(2, "%searched without warrant%").getSingleResult();
        assertEquals(0, inDeliveries.intValue());
    }

    @Test
    void aReprisalReportIsForTheReportersCountryAndLinksOnlyWhatItMayRead() {
        String rec = recommendation(BLZ, "Ensure accountability for enforced disappearances");
        String guyRec = recommendation(GUY, "Ensure accountability in Guyana");
        Map<String, Object> report = new HashMap<>();
        report.put("country", GUY);
        report.put("description", "Threats by phone");
        defender().body(report).when().post("/api/v1/reprisal-reports").then().statusCode(403)
                .contentType("application/problem+json");
        report.put("country", BLZ);
        report.put("recommendationId", guyRec);
        defender().body(report).when().post("/api/v1/reprisal-reports").then().statusCode(422)
                .body("violations[0].field", equalTo("recommendationId"));
        report.put("recommendationId", rec);
        report.put("commentId", UUID.randomUUID().toString());
        nhri().body(report).when().post("/api/v1/reprisal-reports").then().statusCode(422)
                .body("violations[0].field", equalTo("commentId"));
        report.remove("commentId");
        report.put("description", "   ");
        nhri().body(report).when().post("/api/v1/reprisal-reports").then().statusCode(400)
                .body("violations[0].field", equalTo("description"));
        report.put("description", "");
        nhri().body(report).when().post("/api/v1/reprisal-reports").then().statusCode(400);
        report.put("description", "Threats by phone after the review");
        // OHCHR reports for any country.
        ohchr().body(report).when().post("/api/v1/reprisal-reports").then().statusCode(201)
                .body("authorRole", equalTo("ohchr"));
        nhri().body(report).when().post("/api/v1/reprisal-reports").then().statusCode(201)
                .body("authorRole", equalTo("nhri"));
    }

    @Test
    void onlyAnAdministratorGrantsAndRevokesModerationWithTheCurrentEntityTag() {
        coordinator().body(Map.of("country", BLZ, "userName", "coordinator-blz")).when().post("/api/v1/moderators")
                .then().statusCode(403);
        admin().body(Map.of("country", BLZ, "userName", MODERATOR)).when().post("/api/v1/moderators")
                .then().statusCode(409).contentType("application/problem+json");
        admin().body(Map.of("country", BLZ, "userName", "")).when().post("/api/v1/moderators").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("country", BLZ, "userName", "x")).when()
                .post("/api/v1/moderators").then().statusCode(401);
        // Everybody of the country sees who moderates it; another country's list is refused.
        defender().when().get("/api/v1/moderators").then().statusCode(200)
                .body("items.userName", hasItem(MODERATOR)).body("items.country", everyItem(equalTo(BLZ)));
        defender().when().get("/api/v1/moderators?country=" + GUY).then().statusCode(403);

        String guyGrant = admin().body(Map.of("country", GUY, "userName", "moderator-guy-5t"))
                .when().post("/api/v1/moderators").then().statusCode(201).header("ETag", equalTo("\"0\""))
                .extract().path("id");
        defender().when().get("/api/v1/moderators/" + guyGrant).then().statusCode(404);
        // A moderator of Guyana is no moderator of Belize.
        String rec = recommendation(BLZ, "Review the law on sedition");
        String id = defender().body(draft("The law is used against us.", null, null)).when().post(comments(rec))
                .then().statusCode(201).extract().path("id");
        user("moderator-guy-5t", "civil-society", BLZ, "panel").when().get("/api/v1/comments/" + id + "/author")
                .then().statusCode(403);

        admin().when().delete("/api/v1/moderators/" + guyGrant).then().statusCode(428);
        admin().header("If-Match", "\"7\"").when().delete("/api/v1/moderators/" + guyGrant).then().statusCode(412);
        coordinator().header("If-Match", "\"0\"").when().delete("/api/v1/moderators/" + guyGrant).then().statusCode(403);
        admin().header("If-Match", "\"0\"").when().delete("/api/v1/moderators/" + guyGrant).then().statusCode(204);
        admin().when().get("/api/v1/moderators/" + guyGrant).then().statusCode(404);
        admin().when().get("/api/v1/moderators?country=" + GUY).then().statusCode(200)
                .body("items.userName", not(hasItem("moderator-guy-5t")));
        @SuppressWarnings("unchecked")
        List<String> actions = em.createNativeQuery("select action from audit_event where resource_type = 'moderator'"
                        + " and resource_id = ?1 order by occurred_at").setParameter(1, UUID.fromString(guyGrant))
                .getResultList();
        assertEquals(List.of("GRANT", "REVOKE"), actions);
    }
}
