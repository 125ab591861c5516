package org.opennrtd.recommendations.followup;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opennrtd.recommendations.followup.Fixtures.admin;
import static org.opennrtd.recommendations.followup.Fixtures.as;
import static org.opennrtd.recommendations.followup.Fixtures.civilSociety;
import static org.opennrtd.recommendations.followup.Fixtures.coordinator;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.events.DomainEvent;
import org.opennrtd.recommendations.events.DomainEventType;
import org.opennrtd.testing.PostgresTestResource;

/** Implementation status, priority level and the explained priority score of recommendations of PRT. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class FollowUpTest {

    static final String PRT = "PRT";

    @Inject
    RecordedEvents events;

    @Test
    void everyRecommendationStartsNotStartedAndTheCoordinatorMovesIt() {
        UUID rec = Fixtures.createRecommendation(PRT, "Strengthen the national preventive mechanism " + UUID.randomUUID());
        String path = "/api/v1/recommendations/" + rec + "/follow-up";
        as(civilSociety(PRT)).get(path).then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("implementationStatus", equalTo("NOT_STARTED")).body("priorityLevel", nullValue())
                .body("country", equalTo(PRT));

        Map<String, Object> body = new HashMap<>(Map.of("implementationStatus", "IN_PROGRESS", "priorityLevel", "HIGH",
                "statusNote", "Bill before parliament"));
        as(coordinator(PRT)).body(body).put(path).then().statusCode(428);
        as(coordinator(PRT)).header("If-Match", "\"3\"").body(body).put(path).then().statusCode(412);
        as(coordinator(PRT)).header("If-Match", "\"0\"").body(Map.of("implementationStatus", "DONE")).put(path)
                .then().statusCode(400).contentType("application/problem+json");
        as(coordinator(PRT)).header("If-Match", "\"0\"").body(body).put(path).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("implementationStatus", equalTo("IN_PROGRESS"))
                .body("priorityLevel", equalTo("HIGH"));
        List<DomainEvent> fired = events.of(rec);
        assertEquals(1, events.count(rec, DomainEventType.RECOMMENDATION_STATUS_CHANGED));
        assertEquals(1, events.count(rec, DomainEventType.RECOMMENDATION_PRIORITY_CHANGED));
        DomainEvent status = fired.stream().filter(e -> e.type() == DomainEventType.RECOMMENDATION_STATUS_CHANGED).findFirst().orElseThrow();
        assertEquals(Map.of("from", "NOT_STARTED", "to", "IN_PROGRESS"), status.data());

        // Only the level changes: one priority event more, no status event.
        body.put("priorityLevel", "LOW");
        as(coordinator(PRT)).header("If-Match", "\"1\"").body(body).put(path).then().statusCode(200);
        assertEquals(1, events.count(rec, DomainEventType.RECOMMENDATION_STATUS_CHANGED));
        assertEquals(2, events.count(rec, DomainEventType.RECOMMENDATION_PRIORITY_CHANGED));

        as(civilSociety(PRT)).get("/api/v1/recommendations/" + rec + "/history").then().statusCode(200)
                .body("items.action", contains("CREATE", "FOLLOW_UP", "FOLLOW_UP"))
                .body("items[1].before.implementationStatus", equalTo("NOT_STARTED"))
                .body("items[1].after.implementationStatus", equalTo("IN_PROGRESS"))
                .body("items[2].after.priorityLevel", equalTo("LOW"))
                .body("items[2].actor", equalTo("coordinator-prt"));
        // The recommendation's own tag is untouched by its follow-up.
        as(admin()).get("/api/v1/recommendations/" + rec).then().header("ETag", equalTo("\"0\""));
    }

    @Test
    void theScoreIsTheSumOfItsExplainedParts() {
        // Three requests for the same ratification, from the UPR (Chile; Slovenia and Chile) and from the CRC.
        String text = "Ratify the Optional Protocol to the Convention on the Rights of the Child on a communications procedure";
        UUID rec = Fixtures.createRecommendation(PRT, text);
        Map<String, Object> other = new HashMap<>();
        other.put("text", "Consider ratifying the Optional Protocol to the Convention on the Rights of the Child on a"
                + " communications procedure");
        other.put("mechanism", "TREATY_BODY");
        other.put("body", "CRC");
        other.put("country", PRT);
        UUID similar = UUID.fromString(as(admin()).body(other).post("/api/v1/recommendations").then().statusCode(201)
                .extract().path("id"));
        Map<String, Object> third = new HashMap<>(other);
        third.put("text", "Ratify the Optional Protocol to the Convention on the Rights of the Child on a communications"
                + " procedure without delay");
        third.put("mechanism", "UPR");
        third.put("body", "UPR");
        third.put("recommendingStates", List.of("Slovenia", "Chile"));
        UUID upr = UUID.fromString(as(admin()).body(third).post("/api/v1/recommendations").then().statusCode(201)
                .extract().path("id"));
        as(coordinator(PRT)).body(Map.of("country", PRT)).post("/api/v1/near-duplicate-computations").then().statusCode(200);
        as(admin()).get("/api/v1/recommendations/" + rec + "/near-duplicates").then().statusCode(200)
                .body("items.recommendationId", org.hamcrest.Matchers.containsInAnyOrder(similar.toString(), upr.toString()));

        UUID lead = Fixtures.createInstitution(PRT, "prt-" + UUID.randomUUID().toString().substring(0, 8), "Parliament");
        Map<String, Object> action = Fixtures.action(PRT, lead, List.of(rec), "Ratification bill");
        action.put("legislativeActionRequired", true);
        UUID actionId = UUID.fromString(as(admin()).body(action).post("/api/v1/actions").then().statusCode(201)
                .extract().path("id"));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Fixtures.createMilestone(actionId, "Bill tabled", today.minusDays(30).toString());
        Fixtures.createMilestone(actionId, "Committee report", today.plusDays(30).toString());

        // Sources: Chile and Slovenia (the UPR members' States) and CRC: 3, so (3 - 1) / 4 = 0.5 of 25.
        // SUPPORTED: 20. Children and persons with disabilities, of 2 needed: 20. One overdue milestone of 2: 10.
        // Legislation: 15. Total 77.5.
        as(civilSociety(PRT)).get("/api/v1/recommendations/" + rec + "/priority-score").then().statusCode(200)
                .body("total", equalTo(77.5f))
                .body("parts.name", contains("SIMILAR_RECOMMENDATIONS", "STATE_POSITION", "VULNERABLE_GROUPS",
                        "OVERDUE_MILESTONES", "LEGISLATIVE_ACTION"))
                .body("parts.weight", contains(25, 20, 20, 20, 15))
                .body("parts.contribution", contains(12.5f, 20.0f, 20.0f, 10.0f, 15.0f))
                .body("parts[0].explanation", containsString("3 recommendation(s)"))
                .body("parts[0].explanation", containsString("CRC"))
                .body("parts[2].explanation", containsString("Persons with disabilities"))
                .body("parts[4].explanation", containsString("Ratification bill"));

        // A recommendation with nothing behind it: NOTED, alone, no vulnerable group, no action.
        Map<String, Object> bare = new HashMap<>(other);
        bare.put("text", "Consider a national human rights institution " + UUID.randomUUID());
        bare.put("position", "NOTED");
        String bareId = as(admin()).body(bare).post("/api/v1/recommendations").then().statusCode(201).extract().path("id");
        as(coordinator(PRT)).get("/api/v1/recommendations/" + bareId + "/priority-score").then().statusCode(200)
                .body("total", equalTo(0.0f)).body("parts[0].explanation", containsString("1 recommendation(s)"));
    }
}
