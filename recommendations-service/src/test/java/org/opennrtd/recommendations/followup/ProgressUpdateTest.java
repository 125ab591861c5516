package org.opennrtd.recommendations.followup;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opennrtd.recommendations.followup.Fixtures.admin;
import static org.opennrtd.recommendations.followup.Fixtures.as;
import static org.opennrtd.recommendations.followup.Fixtures.civilSociety;
import static org.opennrtd.recommendations.followup.Fixtures.coordinator;
import static org.opennrtd.recommendations.followup.Fixtures.focalPoint;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.events.DomainEventType;
import org.opennrtd.testing.PostgresTestResource;

/** Progress updates of country LUX: drafted and submitted by a focal point, validated or returned by a coordinator. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ProgressUpdateTest {

    static final String LUX = "LUX";

    @Inject
    RecordedEvents events;

    record Plan(String code, UUID institution, UUID action) {
    }

    Plan plan() {
        String code = "lux-" + UUID.randomUUID().toString().substring(0, 8);
        UUID institution = Fixtures.createInstitution(LUX, code, "Ministry of Family Affairs");
        String supporting = "lux-" + UUID.randomUUID().toString().substring(0, 8);
        UUID support = Fixtures.createInstitution(LUX, supporting, "Ombudsman for children");
        Map<String, Object> body = Fixtures.action(LUX, institution, List.of(), "Child guarantee");
        body.put("supportingInstitutionIds", List.of(support.toString()));
        UUID action = UUID.fromString(as(admin()).body(body).post("/api/v1/actions").then().statusCode(201)
                .extract().path("id"));
        return new Plan(code, institution, action);
    }

    @Test
    void anUpdateGoesFromDraftThroughReturnToValidated() {
        Plan plan = plan();
        String fp = focalPoint(LUX, plan.code());
        Response created = as(fp).body(Fixtures.update("Guarantee drafted", "2026-03-31"))
                .post("/api/v1/actions/" + plan.action() + "/progress-updates");
        created.then().statusCode(201).header("ETag", equalTo("\"0\"")).body("status", equalTo("DRAFT"))
                .body("author", equalTo("fp-" + plan.code())).body("institutionId", equalTo(plan.institution().toString()))
                .body("evidenceUrl", equalTo("https://example.org/evidence.pdf"));
        UUID id = UUID.fromString(created.path("id"));
        String path = "/api/v1/progress-updates/" + id;

        // Validation needs a submitted update.
        as(coordinator(LUX)).header("If-Match", "\"0\"").post(path + "/validation").then().statusCode(422)
                .contentType("application/problem+json");
        as(fp).post(path + "/submission").then().statusCode(428);
        as(fp).header("If-Match", "\"0\"").post(path + "/submission").then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("status", equalTo("SUBMITTED")).body("submittedAt", notNullValue());
        assertEquals(1, events.count(id, DomainEventType.PROGRESS_UPDATE_SUBMITTED));
        // Submitted: no more edits.
        as(fp).header("If-Match", "\"1\"").body(Fixtures.update("Changed after submission", "2026-03-31")).put(path)
                .then().statusCode(422);

        as(coordinator(LUX)).header("If-Match", "\"1\"").body(Map.of("reason", "")).post(path + "/return")
                .then().statusCode(400);
        as(coordinator(LUX)).header("If-Match", "\"1\"").body(Map.of("reason", "Name the municipalities")).post(path + "/return")
                .then().statusCode(200).body("status", equalTo("RETURNED"))
                .body("returnReason", equalTo("Name the municipalities")).body("reviewedBy", equalTo("coordinator-lux"));
        assertEquals(1, events.count(id, DomainEventType.PROGRESS_UPDATE_RETURNED));

        as(fp).header("If-Match", "\"2\"").body(Fixtures.update("Guarantee drafted with 12 municipalities", "2026-03-31"))
                .put(path).then().statusCode(200).header("ETag", equalTo("\"3\""));
        as(fp).header("If-Match", "\"3\"").post(path + "/submission").then().statusCode(200);
        as(coordinator(LUX)).header("If-Match", "\"3\"").post(path + "/validation").then().statusCode(412);
        as(coordinator(LUX)).header("If-Match", "\"4\"").post(path + "/validation").then().statusCode(200)
                .body("status", equalTo("VALIDATED")).body("returnReason", nullValue());
        assertEquals(1, events.count(id, DomainEventType.PROGRESS_UPDATE_VALIDATED));
        as(coordinator(LUX)).header("If-Match", "\"5\"").post(path + "/validation").then().statusCode(422);

        as(civilSociety(LUX)).get(path).then().statusCode(200).body("narrative", equalTo("Guarantee drafted with 12 municipalities"));
        as(civilSociety(LUX)).get(path + "/history").then().statusCode(200)
                .body("items.action", contains("CREATE", "SUBMIT", "RETURN", "UPDATE", "SUBMIT", "VALIDATE"))
                .body("items[2].after.returnReason", equalTo("Name the municipalities"));

        // A submitted update moves the action's next due date to its report date plus the reporting period.
        as(admin()).get("/api/v1/actions/" + plan.action()).then().body("nextUpdateDueDate", equalTo("2026-06-29"));
    }

    @Test
    void aFocalPointOfASupportingInstitutionReportsToo() {
        Plan plan = plan();
        String supportingCode = as(admin()).get("/api/v1/actions/" + plan.action()).then().extract()
                .path("supportingInstitutionIds[0]");
        String code = as(admin()).get("/api/v1/institutions/" + supportingCode).then().extract().path("code");
        as(focalPoint(LUX, code)).body(Fixtures.update("Ombudsman consulted", "2026-02-15"))
                .post("/api/v1/actions/" + plan.action() + "/progress-updates").then().statusCode(201);
        // ... but may not change the action itself, which belongs to the lead institution.
        as(focalPoint(LUX, code)).header("If-Match", "\"0\"").body(Fixtures.action(LUX, plan.institution(), List.of(), "x"))
                .put("/api/v1/actions/" + plan.action()).then().statusCode(403);
    }

    @Test
    void anUpdateNeedsANarrativeAndAWebAddressAsEvidence() {
        Plan plan = plan();
        String fp = focalPoint(LUX, plan.code());
        as(fp).body(Map.of("narrative", "x", "reportDate", "2026-03-31", "evidenceUrl", "javascript:alert(1)"))
                .post("/api/v1/actions/" + plan.action() + "/progress-updates").then().statusCode(400)
                .contentType("application/problem+json");
        as(fp).body(Map.of("narrative", "", "reportDate", "2026-03-31"))
                .post("/api/v1/actions/" + plan.action() + "/progress-updates").then().statusCode(400);
        as(fp).body(Map.of("narrative", "x", "reportDate", "not a date"))
                .post("/api/v1/actions/" + plan.action() + "/progress-updates").then().statusCode(400)
                .contentType("application/problem+json");
        as(fp).body(Map.of("narrative", "x", "reportDate", "2026-03-31"))
                .post("/api/v1/actions/" + UUID.randomUUID() + "/progress-updates").then().statusCode(404);
        as(admin()).get("/api/v1/progress-updates?actionId=" + plan.action()).then().statusCode(200)
                .body("page.total", equalTo(0));
    }

    @Test
    void theCoordinatorsQueueListsSubmittedUpdates() {
        Plan plan = plan();
        UUID submitted = Fixtures.createUpdate(plan.action(), "Ready for review");
        Fixtures.submit(submitted);
        Fixtures.createUpdate(plan.action(), "Still a draft");
        as(coordinator(LUX)).get("/api/v1/progress-updates?status=SUBMITTED&actionId=" + plan.action()).then()
                .statusCode(200).body("page.total", equalTo(1)).body("items[0].id", equalTo(submitted.toString()));
    }
}
