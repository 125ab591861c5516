package org.opennrtd.recommendations.dialogue;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opennrtd.recommendations.dialogue.Dialogue.as;
import static org.opennrtd.recommendations.dialogue.Dialogue.recommendation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/** The Norwegian NHRI's independent assessments: only it records them, all are kept, corrections are audited. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class AssessmentTest {

    static final String NOR = "NOR";
    static final String NIM = "norwegian-nhri";

    @Inject
    EntityManager em;

    static Map<String, Object> assessment(String status, String narrative, String date) {
        return Map.of("status", status, "narrative", narrative, "assessedOn", date);
    }

    static String path(String rec) {
        return "/api/v1/recommendations/" + rec + "/assessments";
    }

    @Test
    void theNhriRecordsAssessmentsAndEveryoneOfTheCountryReadsThemNewestFirst() {
        String rec = recommendation(NOR, "Incorporate the Convention on the Rights of Persons with Disabilities");
        String first = as("nhri", NOR, NIM).body(assessment("NOT_STARTED", "No bill yet.", "2024-03-01"))
                .when().post(path(rec)).then().statusCode(201)
                .header("Location", containsString("/api/v1/assessments/"))
                .header("ETag", equalTo("\"0\""))
                .body("status", equalTo("NOT_STARTED"))
                .body("recommendationId", equalTo(rec))
                .body("country", equalTo(NOR))
                .body("assessorInstitution", equalTo(NIM))
                .extract().path("id");
        String second = as("nhri", NOR, NIM).body(assessment("IN_PROGRESS", "A bill is in consultation.", "2025-02-10"))
                .when().post(path(rec)).then().statusCode(201).extract().path("id");

        for (String role : new String[] {"civil-society", "coordinator", "focal-point", "nhri"}) {
            as(role, NOR).when().get(path(rec)).then().statusCode(200)
                    .body("page.total", equalTo(2)).body("items.id", contains(second, first));
        }
        as("ohchr", null).when().get("/api/v1/assessments/" + first).then().statusCode(200)
                .header("ETag", equalTo("\"0\"")).body("narrative", equalTo("No bill yet."));
        assertEquals(1L, audit(UUID.fromString(second), "CREATE"));
    }

    @Test
    void onlyTheNhriOfTheRecommendationsCountryRecordsAnAssessment() {
        String rec = recommendation(NOR, "Establish an independent police complaints body");
        Map<String, Object> body = assessment("IMPLEMENTED", "Done", "2025-01-01");
        for (String role : new String[] {"civil-society", "coordinator", "focal-point", "ohchr", "admin"}) {
            as(role, NOR).body(body).when().post(path(rec)).then().statusCode(403);
        }
        as("nhri", "SWE").body(body).when().post(path(rec)).then().statusCode(404);
        as("nhri", NOR).when().get(path(rec)).then().body("page.total", equalTo(0));
    }

    @Test
    void anAssessmentIsNotDatedInTheFutureAndNeedsANarrative() {
        String rec = recommendation(NOR, "Reduce the use of solitary confinement");
        as("nhri", NOR, NIM).body(assessment("IN_PROGRESS", "Soon", LocalDate.now().plusDays(30).toString()))
                .when().post(path(rec)).then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("assessedOn"));
        as("nhri", NOR, NIM).body(assessment("IN_PROGRESS", "", "2025-01-01")).when().post(path(rec)).then().statusCode(400);
        as("nhri", NOR, NIM).body(assessment("DONE", "x", "2025-01-01")).when().post(path(rec)).then().statusCode(400);
        as("nhri", NOR).when().get(path(rec)).then().body("page.total", equalTo(0));
    }

    @Test
    void theRecordingInstitutionCorrectsAnAssessmentUnderIfMatchAndTheHistoryKeepsTheOldText() {
        String rec = recommendation(NOR, "Ensure Sami language education");
        String id = as("nhri", NOR, NIM).body(assessment("PARTIALLY_IMPLEMENTED", "Tpyo", "2025-04-01"))
                .when().post(path(rec)).then().statusCode(201).extract().path("id");
        String url = "/api/v1/assessments/" + id;
        Map<String, Object> fixed = assessment("PARTIALLY_IMPLEMENTED", "Typo fixed", "2025-04-01");
        as("nhri", NOR, NIM).body(fixed).when().put(url).then().statusCode(428);
        as("nhri", NOR, NIM).header("If-Match", "\"3\"").body(fixed).when().put(url).then().statusCode(412);
        as("nhri", NOR, "another-institution").header("If-Match", "\"0\"").body(fixed).when().put(url).then().statusCode(403);
        as("nhri", "SWE", NIM).header("If-Match", "\"0\"").body(fixed).when().put(url).then().statusCode(404);
        as("coordinator", NOR).header("If-Match", "\"0\"").body(fixed).when().put(url).then().statusCode(403);
        as("nhri", NOR, NIM).header("If-Match", "\"0\"").body(fixed).when().put(url).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("narrative", equalTo("Typo fixed"));
        as("civil-society", NOR).when().get(url + "/history").then().statusCode(200)
                .body("items.action", contains("CREATE", "UPDATE"))
                .body("items[1].before.narrative", equalTo("Tpyo"))
                .body("items[1].after.narrative", equalTo("Typo fixed"));
        as("civil-society", "SWE").when().get(url + "/history").then().statusCode(404);
    }

    private long audit(UUID id, String action) {
        return ((Number) em.createNativeQuery("select count(*) from audit_event where resource_type = 'assessment'"
                + " and resource_id = ?1 and action = ?2").setParameter(1, id).setParameter(2, action)
                .getSingleResult()).longValue();
    }
}
