package org.opennrtd.recommendations.followup;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opennrtd.recommendations.followup.Fixtures.admin;
import static org.opennrtd.recommendations.followup.Fixtures.as;
import static org.opennrtd.recommendations.followup.Fixtures.civilSociety;
import static org.opennrtd.recommendations.followup.Fixtures.coordinator;
import static org.opennrtd.recommendations.followup.Fixtures.etag;
import static org.opennrtd.recommendations.followup.Fixtures.focalPoint;
import static org.opennrtd.recommendations.followup.Fixtures.nhri;
import static org.opennrtd.recommendations.followup.Fixtures.ohchr;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/**
 * Who may do what in the follow-up of recommendations (country BEL; NLD as the other country): each kind of user
 * against each write, and reads by id across countries and institutions.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class FollowUpAuthorizationTest {

    static final String BEL = "BEL";
    static final String OWN = "bel-justice";
    static final String OTHER = "bel-interior";

    UUID justice;
    UUID interior;

    /** The records one write needs, made afresh for each cell of the matrix. */
    record World(UUID recommendation, UUID institution, UUID action, UUID milestone, UUID draft, UUID submitted) {
    }

    /** One write: how to make it, given a world and a token. */
    record Write(String name, int success, Function<World, Function<String, Response>> call) {
    }

    @BeforeEach
    void institutions() {
        if (justice == null) {
            justice = find(OWN);
            interior = find(OTHER);
        }
    }

    private static UUID find(String code) {
        Response list = as(admin()).get("/api/v1/institutions?country=BEL&q=" + code);
        List<String> ids = list.path("items.findAll { it.code == '" + code + "' }.id");
        return ids.isEmpty() ? Fixtures.createInstitution(BEL, code, "Institution " + code) : UUID.fromString(ids.get(0));
    }

    World world() {
        UUID rec = Fixtures.createRecommendation(BEL, "Adopt a national action plan on human rights " + UUID.randomUUID());
        UUID action = Fixtures.createAction(BEL, justice, List.of(rec), "Draft the national action plan");
        UUID milestone = Fixtures.createMilestone(action, "Consultation held", "2026-06-30");
        UUID draft = Fixtures.createUpdate(action, "Consultations started");
        UUID submitted = Fixtures.createUpdate(action, "Plan drafted");
        Fixtures.submit(submitted);
        UUID institution = Fixtures.createInstitution(BEL, "bel-" + UUID.randomUUID().toString().substring(0, 8), "Agency");
        return new World(rec, institution, action, milestone, draft, submitted);
    }

    static Function<String, Response> put(String path, Object body) {
        return token -> as(token).header("If-Match", etag(path)).body(body).put(path);
    }

    static Function<String, Response> post(String path, Object body, String etagOf) {
        return token -> {
            var spec = as(token);
            if (etagOf != null) {
                spec = spec.header("If-Match", etag(etagOf));
            }
            return body == null ? spec.post(path) : spec.body(body).post(path);
        };
    }

    List<Write> writes() {
        List<Write> w = new ArrayList<>();
        w.add(new Write("create institution", 201, x -> post("/api/v1/institutions",
                Fixtures.institution(BEL, "bel-" + UUID.randomUUID().toString().substring(0, 8), "New agency"), null)));
        w.add(new Write("update institution", 200, x -> put("/api/v1/institutions/" + x.institution(),
                Fixtures.institution(BEL, "bel-renamed-" + x.institution().toString().substring(0, 8), "Renamed"))));
        w.add(new Write("set follow-up", 200, x -> put("/api/v1/recommendations/" + x.recommendation() + "/follow-up",
                Map.of("implementationStatus", "IN_PROGRESS", "priorityLevel", "HIGH"))));
        w.add(new Write("create action", 201, x -> post("/api/v1/actions",
                Fixtures.action(BEL, justice, List.of(x.recommendation()), "Another action"), null)));
        w.add(new Write("update action", 200, x -> put("/api/v1/actions/" + x.action(),
                Fixtures.action(BEL, justice, List.of(x.recommendation()), "Draft and adopt the national action plan"))));
        w.add(new Write("create milestone", 201, x -> post("/api/v1/actions/" + x.action() + "/milestones",
                Map.of("title", "Plan adopted", "dueDate", "2026-12-31"), null)));
        w.add(new Write("update milestone", 200, x -> put("/api/v1/milestones/" + x.milestone(),
                Map.of("title", "Consultation held", "dueDate", "2026-06-30", "status", "ACHIEVED", "achievedDate", "2026-06-20"))));
        w.add(new Write("create progress update", 201, x -> post("/api/v1/actions/" + x.action() + "/progress-updates",
                Fixtures.update("Second consultation", "2026-04-30"), null)));
        w.add(new Write("edit progress update", 200, x -> put("/api/v1/progress-updates/" + x.draft(),
                Fixtures.update("Consultations started in three regions", "2026-03-31"))));
        w.add(new Write("submit progress update", 200, x -> post("/api/v1/progress-updates/" + x.draft() + "/submission",
                null, "/api/v1/progress-updates/" + x.draft())));
        w.add(new Write("validate progress update", 200, x -> post("/api/v1/progress-updates/" + x.submitted() + "/validation",
                null, "/api/v1/progress-updates/" + x.submitted())));
        w.add(new Write("return progress update", 200, x -> post("/api/v1/progress-updates/" + x.submitted() + "/return",
                Map.of("reason", "Add the evidence"), "/api/v1/progress-updates/" + x.submitted())));
        return w;
    }

    @Test
    void eachUserMayMakeExactlyTheWritesOfTheirRole() {
        // Expected status per user, in the order of writes(): success is the write's own code.
        Map<String, String> users = new LinkedHashMap<>();
        Map<String, int[]> expected = new LinkedHashMap<>();
        int s = 0; // placeholder for "the write's success code"
        users.put("admin", admin());
        expected.put("admin", new int[] {s, s, s, s, s, s, s, s, s, s, s, s});
        users.put("coordinator BEL", coordinator(BEL));
        expected.put("coordinator BEL", new int[] {s, s, s, s, s, s, s, s, s, s, s, s});
        users.put("coordinator NLD", coordinator("NLD"));
        expected.put("coordinator NLD", new int[] {403, 404, 404, 403, 404, 404, 404, 404, 404, 404, 404, 404});
        users.put("focal point of the lead institution", focalPoint(BEL, OWN));
        expected.put("focal point of the lead institution", new int[] {403, 403, 403, 403, s, s, s, s, s, s, 403, 403});
        users.put("focal point of another institution", focalPoint(BEL, OTHER));
        expected.put("focal point of another institution", new int[] {403, 403, 403, 403, 403, 403, 403, 403, 404, 404, 403, 403});
        users.put("nhri", nhri(BEL));
        expected.put("nhri", new int[] {403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403});
        users.put("civil society", civilSociety(BEL));
        expected.put("civil society", new int[] {403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403});
        users.put("ohchr", ohchr());
        expected.put("ohchr", new int[] {403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403});
        users.put("no token", null);
        expected.put("no token", new int[] {401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401});

        List<Write> writes = writes();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> user : users.entrySet()) {
            int[] codes = expected.get(user.getKey());
            for (int i = 0; i < writes.size(); i++) {
                Write write = writes.get(i);
                int want = codes[i] == s ? write.success() : codes[i];
                World world = world();
                Response response = write.call().apply(world).apply(user.getValue());
                if (response.statusCode() != want) {
                    wrong.add(user.getKey() + " / " + write.name() + ": " + response.statusCode() + " instead of " + want
                            + " " + response.asString());
                } else if (want >= 400 && !String.valueOf(response.contentType()).startsWith("application/problem+json")) {
                    wrong.add(user.getKey() + " / " + write.name() + ": " + want + " without problem+json");
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void refusedWritesChangeNothing() {
        World world = world();
        String path = "/api/v1/actions/" + world.action();
        String before = etag(path);
        put(path, Fixtures.action(BEL, justice, List.of(world.recommendation()), "Hijacked")).apply(focalPoint(BEL, OTHER))
                .then().statusCode(403);
        put(path, Fixtures.action(BEL, justice, List.of(world.recommendation()), "Hijacked")).apply(coordinator("NLD"))
                .then().statusCode(404);
        as(admin()).get(path).then().statusCode(200).header("ETag", equalTo(before))
                .body("title", equalTo("Draft the national action plan"));
        as(admin()).get(path + "/history").then().statusCode(200).body("page.total", equalTo(1))
                .body("items[0].action", equalTo("CREATE"));
    }

    @Test
    void aFocalPointCannotHandTheActionToAnotherLeadInstitution() {
        World world = world();
        put("/api/v1/actions/" + world.action(), Fixtures.action(BEL, interior, List.of(world.recommendation()), "Moved"))
                .apply(focalPoint(BEL, OWN)).then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void anotherCountrysRecordsDoNotExistForItsUsers() {
        World world = world();
        UUID validated = Fixtures.createUpdate(world.action(), "Published progress");
        Fixtures.submit(validated);
        Fixtures.validate(validated);
        String nld = coordinator("NLD");
        for (String path : List.of("/api/v1/institutions/" + justice, "/api/v1/institutions/" + justice + "/history",
                "/api/v1/actions/" + world.action(), "/api/v1/actions/" + world.action() + "/history",
                "/api/v1/milestones/" + world.milestone(), "/api/v1/milestones/" + world.milestone() + "/history",
                "/api/v1/progress-updates/" + validated, "/api/v1/progress-updates/" + validated + "/history",
                "/api/v1/recommendations/" + world.recommendation() + "/follow-up",
                "/api/v1/recommendations/" + world.recommendation() + "/priority-score",
                "/api/v1/recommendations/" + world.recommendation() + "/history")) {
            as(nld).get(path).then().statusCode(404).contentType("application/problem+json");
            as(ohchr()).get(path).then().statusCode(200);
        }
        as(nld).get("/api/v1/actions?country=BEL").then().statusCode(403);
        as(nld).get("/api/v1/actions").then().statusCode(200).body("items.country", everyItem(equalTo("NLD")));
        as(nld).get("/api/v1/progress-updates?country=BEL").then().statusCode(403);
        as(nld).get("/api/v1/milestones?country=BEL").then().statusCode(403);
        as(nld).get("/api/v1/institutions?country=BEL").then().statusCode(403);
    }

    @Test
    void unvalidatedUpdatesExistOnlyForThoseWhoWorkOnThem() {
        World world = world();
        UUID validated = Fixtures.createUpdate(world.action(), "Published progress");
        Fixtures.submit(validated);
        Fixtures.validate(validated);
        for (String reader : List.of(civilSociety(BEL), nhri(BEL), focalPoint(BEL, OTHER))) {
            as(reader).get("/api/v1/progress-updates/" + world.draft()).then().statusCode(404);
            as(reader).get("/api/v1/progress-updates/" + world.submitted()).then().statusCode(404);
            as(reader).get("/api/v1/progress-updates/" + world.draft() + "/history").then().statusCode(404);
            as(reader).get("/api/v1/progress-updates/" + validated).then().statusCode(200).body("status", equalTo("VALIDATED"));
            as(reader).get("/api/v1/actions/" + world.action()).then().statusCode(200);
            as(reader).get("/api/v1/progress-updates?actionId=" + world.action()).then().statusCode(200)
                    .body("page.total", equalTo(1)).body("items.status", everyItem(equalTo("VALIDATED")));
        }
        for (String worker : List.of(focalPoint(BEL, OWN), coordinator(BEL), ohchr())) {
            as(worker).get("/api/v1/progress-updates/" + world.draft()).then().statusCode(200).body("status", equalTo("DRAFT"));
            as(worker).get("/api/v1/progress-updates?actionId=" + world.action()).then().statusCode(200)
                    .body("page.total", equalTo(3)).body("items.status", hasItem("SUBMITTED"));
        }
    }

    @Test
    void focalPointContactsShowToTheStateOnly() {
        as(civilSociety(BEL)).get("/api/v1/institutions/" + justice).then().statusCode(200)
                .body("focalPoints[0].name", equalTo("Focal point of " + OWN))
                .body("focalPoints[0].email", org.hamcrest.Matchers.nullValue())
                .body("focalPoints[0].username", org.hamcrest.Matchers.nullValue());
        as(focalPoint(BEL, OTHER)).get("/api/v1/institutions/" + justice).then().statusCode(200)
                .body("focalPoints[0].email", equalTo(OWN + "@example.org"))
                .body("focalPoints[0].username", equalTo("fp-" + OWN));
    }
}
