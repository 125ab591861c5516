package org.opennrtd.recommendations.followup;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.opennrtd.recommendations.followup.Fixtures.admin;
import static org.opennrtd.recommendations.followup.Fixtures.as;
import static org.opennrtd.recommendations.followup.Fixtures.civilSociety;
import static org.opennrtd.recommendations.followup.Fixtures.coordinator;
import static org.opennrtd.recommendations.followup.Fixtures.focalPoint;
import static org.opennrtd.recommendations.followup.Fixtures.nhri;
import static org.opennrtd.recommendations.followup.Fixtures.ohchr;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/**
 * Comments on progress updates of Greece: the same threads as on recommendations, seen only by those who see the
 * update (civil society and the NHRI once it is validated; nobody of another country).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ProgressUpdateCommentTest {

    static final String GRC = "GRC";
    static final String CYP = "CYP";

    record Plan(String code, UUID action) {
    }

    static Plan plan() {
        String code = "grc-" + UUID.randomUUID().toString().substring(0, 8);
        UUID institution = Fixtures.createInstitution(GRC, code, "Ministry of Social Cohesion and Family");
        return new Plan(code, Fixtures.createAction(GRC, institution, List.of(), "Roma inclusion strategy"));
    }

    static UUID validatedUpdate(Plan plan, String narrative) {
        UUID update = Fixtures.createUpdate(plan.action(), narrative);
        Fixtures.submit(update);
        Fixtures.validate(update);
        return update;
    }

    static String comments(UUID update) {
        return "/api/v1/progress-updates/" + update + "/comments";
    }

    static Map<String, Object> comment(String text, String parentId) {
        Map<String, Object> m = new HashMap<>();
        m.put("text", text);
        if (parentId != null) {
            m.put("parentId", parentId);
        }
        return m;
    }

    @Test
    void civilSocietyCommentsOnAValidatedUpdateAndACoordinatorReplies() {
        Plan plan = plan();
        UUID update = validatedUpdate(plan, "Twelve municipalities opened Roma community centres");
        Response created = as(civilSociety(GRC)).body(comment("  Only four of them have staff.  ", null))
                .post(comments(update));
        created.then().statusCode(201)
                .header("Location", containsString("/api/v1/comments/"))
                .header("ETag", equalTo("\"0\""))
                .body("targetType", equalTo("PROGRESS_UPDATE"))
                .body("targetId", equalTo(update.toString()))
                .body("country", equalTo(GRC))
                .body("text", equalTo("Only four of them have staff."))
                .body("authorRole", equalTo("civil-society"))
                .body("parentId", nullValue());
        String root = created.path("id");

        // Coordinators reply, they do not start threads.
        as(coordinator(GRC)).body(comment("We start a thread", null)).post(comments(update)).then().statusCode(403)
                .contentType("application/problem+json");
        String reply = as(coordinator(GRC)).body(comment("Staff for the other eight are being hired.", root))
                .post(comments(update)).then().statusCode(201)
                .body("parentId", equalTo(root)).body("authorRole", equalTo("coordinator"))
                .extract().path("id");
        as(focalPoint(GRC, plan.code())).body(comment("Hiring ends in June.", reply)).post(comments(update))
                .then().statusCode(201).body("parentId", equalTo(reply));

        as(nhri(GRC)).get(comments(update)).then().statusCode(200)
                .body("page.total", equalTo(3))
                .body("items[0].id", equalTo(root))
                .body("items[1].id", equalTo(reply))
                .body("items.targetType", contains("PROGRESS_UPDATE", "PROGRESS_UPDATE", "PROGRESS_UPDATE"));
        as(ohchr()).get(comments(update) + "?offset=1&limit=1").then().statusCode(200)
                .body("items.id", contains(reply)).body("page.total", equalTo(3));
        as(civilSociety(GRC)).get("/api/v1/comments/" + reply).then().statusCode(200)
                .body("text", equalTo("Staff for the other eight are being hired."));

        // A reply names a comment on the same update, not one on another update.
        UUID other = validatedUpdate(plan, "Second report");
        as(civilSociety(GRC)).body(comment("Across updates", root)).post(comments(other)).then().statusCode(422)
                .body("violations[0].field", equalTo("parentId"));
        as(civilSociety(GRC)).body(comment("", null)).post(comments(other)).then().statusCode(400);
        as(admin()).get(comments(other)).then().statusCode(200).body("page.total", equalTo(0));
    }

    @Test
    void anUpdateNotYetValidatedAndItsCommentsAreNotFoundForCivilSocietyAndTheNhri() {
        Plan plan = plan();
        UUID update = Fixtures.createUpdate(plan.action(), "Draft on school enrolment");
        Fixtures.submit(update);
        String root = as(admin()).body(comment("Please add the enrolment figures.", null)).post(comments(update))
                .then().statusCode(201).extract().path("id");
        String reply = as(focalPoint(GRC, plan.code())).body(comment("Added in the annex.", root)).post(comments(update))
                .then().statusCode(201).extract().path("id");

        as(civilSociety(GRC)).get(comments(update)).then().statusCode(404).contentType("application/problem+json");
        as(civilSociety(GRC)).body(comment("Seen early", null)).post(comments(update)).then().statusCode(404);
        as(nhri(GRC)).get(comments(update)).then().statusCode(404);
        as(nhri(GRC)).get("/api/v1/comments/" + root).then().statusCode(404);
        as(nhri(GRC)).header("If-Match", "\"0\"").body(Map.of("text", "Changed")).put("/api/v1/comments/" + root)
                .then().statusCode(404);
        // A focal point of another institution of Greece does not see it either.
        String otherCode = "grc-" + UUID.randomUUID().toString().substring(0, 8);
        Fixtures.createInstitution(GRC, otherCode, "Ministry of Education");
        as(focalPoint(GRC, otherCode)).get(comments(update)).then().statusCode(404);
        as(focalPoint(GRC, otherCode)).body(comment("Reply", root)).post(comments(update)).then().statusCode(404);
        as(coordinator(GRC)).get(comments(update)).then().statusCode(200)
                .body("items.id", contains(root, reply));

        // Once validated, the update and its thread are public to the country.
        Fixtures.validate(update);
        as(civilSociety(GRC)).get(comments(update)).then().statusCode(200)
                .body("items.id", contains(root, reply));
        as(nhri(GRC)).get("/api/v1/comments/" + reply).then().statusCode(200).body("text", equalTo("Added in the annex."));
    }

    @Test
    void anotherCountrysUpdateAndItsCommentsAreNotFound() {
        UUID update = validatedUpdate(plan(), "Asylum reception capacity doubled");
        String id = as(civilSociety(GRC)).body(comment("Not on the islands.", null)).post(comments(update))
                .then().statusCode(201).extract().path("id");
        as(civilSociety(CYP)).get(comments(update)).then().statusCode(404).contentType("application/problem+json");
        as(civilSociety(CYP)).body(comment("Cypriot comment", null)).post(comments(update)).then().statusCode(404);
        as(nhri(CYP)).get("/api/v1/comments/" + id).then().statusCode(404);
        as(coordinator(CYP)).header("If-Match", "\"0\"").body(Map.of("hidden", true, "reason", "spam"))
                .put("/api/v1/comments/" + id + "/visibility").then().statusCode(404);
        as(coordinator(CYP)).get("/api/v1/comments/" + id + "/history").then().statusCode(404);
        as(admin()).get(comments(UUID.randomUUID())).then().statusCode(404);
        as(civilSociety(GRC)).get(comments(update)).then().statusCode(200).body("page.total", equalTo(1))
                .body("items[0].hidden", equalTo(false));
    }

    @Test
    void ohchrReadsButDoesNotCommentAndAnonymousCallersAreUnauthorised() {
        UUID update = validatedUpdate(plan(), "Hate-crime prosecutors appointed");
        as(ohchr()).body(comment("OHCHR is read-only", null)).post(comments(update)).then().statusCode(403)
                .contentType("application/problem+json");
        as(null).get(comments(update)).then().statusCode(401).contentType("application/problem+json");
        as(null).body(comment("Anonymous", null)).post(comments(update)).then().statusCode(401);
        as(ohchr()).get(comments(update)).then().statusCode(200).body("page.total", equalTo(0));
    }

    @Test
    void aCoordinatorHidesACommentWithAReasonAndCivilSocietySeesItHiddenWithoutText() {
        UUID update = validatedUpdate(plan(), "Domestic-violence shelters funded");
        String id = as(civilSociety(GRC)).body(comment("The minister's family runs one of them.", null))
                .post(comments(update)).then().statusCode(201).extract().path("id");
        String visibility = "/api/v1/comments/" + id + "/visibility";
        as(coordinator(GRC)).body(Map.of("hidden", true, "reason", "Unverified claim about a person")).put(visibility)
                .then().statusCode(428);
        as(coordinator(GRC)).header("If-Match", "\"0\"").body(Map.of("hidden", true)).put(visibility)
                .then().statusCode(400).body("violations[0].field", equalTo("reason"));
        as(coordinator(GRC)).header("If-Match", "\"0\"")
                .body(Map.of("hidden", true, "reason", "Unverified claim about a person")).put(visibility)
                .then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("hidden", equalTo(true)).body("hiddenBy", equalTo("coordinator-grc"));

        as(civilSociety(GRC)).get(comments(update)).then().statusCode(200)
                .body("items[0].id", equalTo(id))
                .body("items[0].hidden", equalTo(true))
                .body("items[0].hiddenReason", equalTo("Unverified claim about a person"))
                .body("items[0].text", nullValue());
        as(civilSociety(GRC)).get("/api/v1/comments/" + id).then().statusCode(200).body("text", nullValue());
        as(coordinator(GRC)).get(comments(update)).then()
                .body("items[0].text", equalTo("The minister's family runs one of them."));
        as(nhri(GRC)).body(comment("Replying to a hidden one", id)).post(comments(update)).then().statusCode(409);
        as(ohchr()).get("/api/v1/comments/" + id + "/history").then().statusCode(200)
                .body("items.action", contains("CREATE", "HIDE"))
                .body("items[0].after.targetType", equalTo("PROGRESS_UPDATE"));
    }
}
