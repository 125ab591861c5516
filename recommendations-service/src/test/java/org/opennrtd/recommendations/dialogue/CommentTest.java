package org.opennrtd.recommendations.dialogue;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.opennrtd.recommendations.dialogue.Dialogue.as;
import static org.opennrtd.recommendations.dialogue.Dialogue.comment;
import static org.opennrtd.recommendations.dialogue.Dialogue.recommendation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/** Comments in threads on a recommendation of Denmark: who writes, what cs/NHRI see of hidden comments, history. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class CommentTest {

    static final String DNK = "DNK";

    static String path(String recommendationId) {
        return "/api/v1/recommendations/" + recommendationId + "/comments";
    }

    @Test
    void civilSocietyStartsAThreadAndTheCoordinatorAndFocalPointReply() {
        String rec = recommendation(DNK, "Strengthen the independence of the Danish Institute for Human Rights");
        Map<String, Object> named = new java.util.HashMap<>(comment("  Funding was cut in 2024.  ", null));
        named.put("identity", "NAMED");
        Response created = as("civil-society", DNK, "amnesty-dk").body(named).when().post(path(rec));
        created.then().statusCode(201)
                .header("Location", containsString("/api/v1/comments/"))
                .header("ETag", equalTo("\"0\""))
                .body("text", equalTo("Funding was cut in 2024."))
                .body("targetType", equalTo("RECOMMENDATION"))
                .body("targetId", equalTo(rec))
                .body("parentId", nullValue())
                .body("authorRole", equalTo("civil-society"))
                .body("authorInstitution", equalTo("amnesty-dk"))
                .body("hidden", equalTo(false));
        String root = created.path("id");
        String reply = as("coordinator", DNK).body(comment("The 2025 budget restores it.", root)).when().post(path(rec))
                .then().statusCode(201).body("parentId", equalTo(root)).body("authorRole", equalTo("coordinator"))
                .extract().path("id");
        String nested = as("focal-point", DNK, "ministry-of-justice").body(comment("Line 12.3 of the budget act.", reply))
                .when().post(path(rec)).then().statusCode(201).body("parentId", equalTo(reply)).extract().path("id");

        as("nhri", DNK).when().get(path(rec)).then().statusCode(200)
                .body("page.total", equalTo(3))
                .body("items.id", contains(root, reply, nested))
                .body("items.parentId", contains(null, root, reply));
        as("ohchr", null).when().get(path(rec) + "?limit=1&offset=1").then().statusCode(200)
                .body("items.id", contains(reply)).body("page.total", equalTo(3));
    }

    @Test
    void coordinatorsAndFocalPointsReplyButDoNotStartThreads() {
        String rec = recommendation(DNK, "Adopt a national action plan against racism");
        as("coordinator", DNK).body(comment("We start a thread", null)).when().post(path(rec))
                .then().statusCode(403).contentType("application/problem+json");
        as("focal-point", DNK, "ministry-of-justice").body(comment("So do we", null)).when().post(path(rec))
                .then().statusCode(403);
        as("ohchr", null).body(comment("OHCHR is read-only", null)).when().post(path(rec)).then().statusCode(403);
        as("nhri", DNK).when().get(path(rec)).then().body("page.total", equalTo(0));
    }

    @Test
    void aReplyMustAnswerACommentOnTheSameRecommendation() {
        String rec = recommendation(DNK, "Ratify the Optional Protocol on a communications procedure");
        String other = recommendation(DNK, "Ratify the Convention on Migrant Workers");
        String elsewhere = as("civil-society", DNK).body(comment("On the other one", null)).when().post(path(other))
                .then().statusCode(201).extract().path("id");
        as("civil-society", DNK).body(comment("Reply across recommendations", elsewhere)).when().post(path(rec))
                .then().statusCode(422).body("violations[0].field", equalTo("parentId"));
        as("civil-society", DNK).body(comment("", null)).when().post(path(rec)).then().statusCode(400);
        as("civil-society", DNK).body(comment("x".repeat(10_001), null)).when().post(path(rec)).then().statusCode(400);
        as("civil-society", DNK).when().get(path(rec)).then().body("page.total", equalTo(0));
    }

    @Test
    void anotherCountrysRecommendationAndCommentsAreNotFound() {
        String rec = recommendation(DNK, "Ensure access to asylum procedures");
        String id = as("civil-society", DNK).body(comment("Danish comment", null)).when().post(path(rec))
                .then().statusCode(201).extract().path("id");
        as("civil-society", "NOR").body(comment("Norwegian comment", null)).when().post(path(rec)).then().statusCode(404);
        as("civil-society", "NOR").when().get(path(rec)).then().statusCode(404);
        as("nhri", "NOR").when().get("/api/v1/comments/" + id).then().statusCode(404);
        as("coordinator", "NOR").header("If-Match", "\"0\"").body(Map.of("hidden", true, "reason", "spam"))
                .when().put("/api/v1/comments/" + id + "/visibility").then().statusCode(404);
        as("coordinator", "NOR").when().get("/api/v1/comments/" + id + "/history").then().statusCode(404);
        given().when().get(path(rec)).then().statusCode(401).contentType("application/problem+json");
        as("civil-society", DNK).when().get("/api/v1/comments/" + id).then().statusCode(200)
                .body("text", equalTo("Danish comment"));
    }

    @Test
    void theAuthorEditsTheirOwnCommentWithTheCurrentEntityTag() {
        String rec = recommendation(DNK, "Criminalise marital rape explicitly");
        Map<String, Object> named = new java.util.HashMap<>(comment("First version", null));
        named.put("identity", "NAMED");
        String id = as("civil-society", DNK, "ngo-a").body(named).when().post(path(rec))
                .then().statusCode(201).extract().path("id");
        String comments = "/api/v1/comments/" + id;
        as("civil-society", DNK, "ngo-a").body(Map.of("text", "Second version")).when().put(comments)
                .then().statusCode(428).contentType("application/problem+json");
        as("civil-society", DNK, "ngo-a").header("If-Match", "\"5\"").body(Map.of("text", "Second version"))
                .when().put(comments).then().statusCode(412);
        // Another user, even of the same organisation, may not rewrite it.
        given().auth().oauth2(org.opennrtd.testing.TestTokens.token("someone-else", "civil-society", DNK, "ngo-a"))
                .contentType("application/json").header("If-Match", "\"0\"").body(Map.of("text", "Forged"))
                .when().put(comments).then().statusCode(403);
        as("civil-society", DNK, "ngo-a").header("If-Match", "\"0\"").body(Map.of("text", "Second version"))
                .when().put(comments).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("text", equalTo("Second version")).body("edited", equalTo(true));
        as("coordinator", DNK).when().get(comments + "/history").then().statusCode(200)
                .body("page.total", equalTo(2))
                .body("items.action", contains("CREATE", "UPDATE"))
                .body("items[1].before.text", equalTo("First version"))
                .body("items[1].after.text", equalTo("Second version"))
                .body("items[1].actor", equalTo("civil-society-dnk-ngo-a"));
    }

    @Test
    void aCoordinatorHidesACommentWithAReasonAndItIsKept() {
        String rec = recommendation(DNK, "Combat hate speech online");
        String id = as("civil-society", DNK).body(comment("Offensive words here", null)).when().post(path(rec))
                .then().statusCode(201).extract().path("id");
        String visibility = "/api/v1/comments/" + id + "/visibility";
        as("coordinator", DNK).body(Map.of("hidden", true, "reason", "Insults a person")).when().put(visibility)
                .then().statusCode(428);
        as("coordinator", DNK).header("If-Match", "\"0\"").body(Map.of("hidden", true)).when().put(visibility)
                .then().statusCode(400).body("violations[0].field", equalTo("reason"));
        as("nhri", DNK).header("If-Match", "\"0\"").body(Map.of("hidden", true, "reason", "x")).when().put(visibility)
                .then().statusCode(403);
        as("coordinator", DNK).header("If-Match", "\"0\"").body(Map.of("hidden", true, "reason", "Insults a person"))
                .when().put(visibility).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("hidden", equalTo(true)).body("hiddenReason", equalTo("Insults a person"))
                .body("hiddenBy", equalTo("coordinator-dnk")).body("text", equalTo("Offensive words here"));

        // Civil society and the NHRI see that it is hidden and why, not what it said; coordinators see the text.
        as("civil-society", DNK).when().get(path(rec)).then().statusCode(200)
                .body("items[0].id", equalTo(id)).body("items[0].hidden", equalTo(true))
                .body("items[0].hiddenReason", equalTo("Insults a person"))
                .body("items[0].text", nullValue());
        as("nhri", DNK).when().get("/api/v1/comments/" + id).then().statusCode(200).body("text", nullValue());
        as("coordinator", DNK).when().get("/api/v1/comments/" + id).then().body("text", equalTo("Offensive words here"));

        // A hidden comment takes no replies and no edits; its history is the moderators' (cs may not read it).
        as("nhri", DNK).body(comment("Replying to a hidden one", id)).when().post(path(rec)).then().statusCode(409);
        as("civil-society", DNK).header("If-Match", "\"1\"").body(Map.of("text", "Nicer words"))
                .when().put("/api/v1/comments/" + id).then().statusCode(409);
        as("civil-society", DNK).when().get("/api/v1/comments/" + id + "/history").then().statusCode(403);
        as("ohchr", null).when().get("/api/v1/comments/" + id + "/history").then().statusCode(200)
                .body("items.action", contains("CREATE", "HIDE"))
                .body("items[1].after.hiddenReason", equalTo("Insults a person"));

        // Shown again, audited too.
        as("coordinator", DNK).header("If-Match", "\"1\"").body(Map.of("hidden", false)).when().put(visibility)
                .then().statusCode(200).body("hidden", equalTo(false)).body("hiddenReason", nullValue());
        as("civil-society", DNK).when().get("/api/v1/comments/" + id).then().body("text", equalTo("Offensive words here"));
        as("coordinator", DNK).when().get("/api/v1/comments/" + id + "/history").then()
                .body("items.action", contains("CREATE", "HIDE", "SHOW"));
    }
}
