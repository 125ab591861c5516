package org.opennrtd.recommendations.followup;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opennrtd.recommendations.followup.Fixtures.admin;
import static org.opennrtd.recommendations.followup.Fixtures.as;
import static org.opennrtd.recommendations.followup.Fixtures.coordinator;
import static org.opennrtd.recommendations.followup.Fixtures.focalPoint;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.events.DomainEventType;
import org.opennrtd.recommendations.repository.MilestoneRepository;
import org.opennrtd.recommendations.service.MilestoneNotifier;
import org.opennrtd.testing.PostgresTestResource;

/** Institutions, actions and milestones of country NLD (LUX as another country). */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ActionPlanTest {

    static final String NLD = "NLD";

    @Inject
    RecordedEvents events;

    @Inject
    MilestoneNotifier notifier;

    @Inject
    MilestoneRepository milestones;

    @Inject
    EntityManager em;

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void coordinatorRegistersAnInstitutionWithItsFocalPoints() {
        String code = unique("nld-health");
        Response created = as(coordinator(NLD)).body(Fixtures.institution(NLD, code, "Ministry of Health"))
                .post("/api/v1/institutions");
        created.then().statusCode(201).header("Location", containsString("/api/v1/institutions/"))
                .header("ETag", equalTo("\"0\"")).body("code", equalTo(code)).body("kind", equalTo("MINISTRY"))
                .body("focalPoints[0].username", equalTo("fp-" + code));
        String id = created.path("id");

        as(coordinator(NLD)).body(Fixtures.institution(NLD, code, "Duplicate")).post("/api/v1/institutions")
                .then().statusCode(409).contentType("application/problem+json");
        as(coordinator(NLD)).body(Fixtures.institution("LUX", unique("lux"), "Not ours")).post("/api/v1/institutions")
                .then().statusCode(403);

        Map<String, Object> renamed = Fixtures.institution(NLD, code, "Ministry of Health, Welfare and Sport");
        as(coordinator(NLD)).body(renamed).put("/api/v1/institutions/" + id).then().statusCode(428);
        as(coordinator(NLD)).header("If-Match", "\"5\"").body(renamed).put("/api/v1/institutions/" + id).then().statusCode(412);
        Map<String, Object> moved = Fixtures.institution("LUX", code, "Moved");
        as(coordinator(NLD)).header("If-Match", "\"0\"").body(moved).put("/api/v1/institutions/" + id).then().statusCode(422);
        as(coordinator(NLD)).header("If-Match", "\"0\"").body(renamed).put("/api/v1/institutions/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"1\"")).body("name", equalTo("Ministry of Health, Welfare and Sport"));

        as(coordinator(NLD)).get("/api/v1/institutions/" + id + "/history").then().statusCode(200)
                .body("page.total", equalTo(2)).body("items.action", contains("CREATE", "UPDATE"))
                .body("items[0].actor", equalTo("coordinator-nld"))
                .body("items[1].before.name", equalTo("Ministry of Health"))
                .body("items[1].after.name", equalTo("Ministry of Health, Welfare and Sport"));
        as(coordinator(NLD)).get("/api/v1/institutions?q=" + code).then().statusCode(200)
                .body("page.total", equalTo(1)).body("items[0].id", equalTo(id));
    }

    @Test
    void invalidInstitutionsAreRefusedWithTheirViolations() {
        Map<String, Object> bad = Fixtures.institution(NLD, "has spaces", "x");
        as(coordinator(NLD)).body(bad).post("/api/v1/institutions").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem(containsString("code")));
        Map<String, Object> badEmail = Fixtures.institution(NLD, unique("nld"), "x");
        badEmail.put("focalPoints", List.of(Map.of("name", "A", "email", "not-an-address")));
        as(coordinator(NLD)).body(badEmail).post("/api/v1/institutions").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void anActionCarriesItsPlanBudgetAndLinks() {
        UUID lead = Fixtures.createInstitution(NLD, unique("nld-justice"), "Ministry of Justice");
        UUID support = Fixtures.createInstitution(NLD, unique("nld-parliament"), "House of Representatives");
        UUID rec = Fixtures.createRecommendation(NLD, "Criminalise enforced disappearance " + UUID.randomUUID());
        UUID cluster = UUID.fromString(as(coordinator(NLD)).body(Map.of("country", NLD, "name", "Enforced disappearance "
                + UUID.randomUUID(), "recommendationIds", List.of(rec.toString()))).post("/api/v1/clusters")
                .then().statusCode(201).extract().path("id"));
        Map<String, Object> body = Fixtures.action(NLD, lead, List.of(rec), "Bill on enforced disappearance");
        body.put("supportingInstitutionIds", List.of(support.toString(), lead.toString()));
        body.put("clusterIds", List.of(cluster.toString()));
        body.put("legislativeActionRequired", true);
        Response created = as(coordinator(NLD)).body(body).post("/api/v1/actions");
        created.then().statusCode(201).header("ETag", equalTo("\"0\""))
                .header("Location", containsString("/api/v1/actions/"))
                .body("leadInstitutionId", equalTo(lead.toString()))
                .body("supportingInstitutionIds", contains(support.toString()))
                .body("recommendationIds", contains(rec.toString()))
                .body("clusterIds", contains(cluster.toString()))
                .body("budget.amount", equalTo(125000.5f)).body("budget.currency", equalTo("EUR"))
                .body("budget.funded", equalTo(true)).body("budget.source", equalTo("State budget"))
                .body("indicatorIds", contains("7b0f5e1c-2f44-4c7a-9d4b-0d1f8a3e6c21"))
                .body("legislativeActionRequired", equalTo(true))
                // No update yet: the start date plus the 90-day reporting period.
                .body("nextUpdateDueDate", equalTo("2026-04-01"));
        UUID id = UUID.fromString(created.path("id"));
        assertEquals(1, events.count(id, DomainEventType.ACTION_CREATED));

        as(coordinator(NLD)).get("/api/v1/actions?recommendationId=" + rec).then().statusCode(200)
                .body("page.total", equalTo(1)).body("items[0].id", equalTo(id.toString()));
        as(coordinator(NLD)).get("/api/v1/actions?clusterId=" + cluster).then().statusCode(200).body("page.total", equalTo(1));
        as(coordinator(NLD)).get("/api/v1/actions?institutionId=" + support + "&legislativeActionRequired=true")
                .then().statusCode(200).body("page.total", equalTo(1));

        body.put("title", "Bill on enforced disappearance, adopted by the cabinet");
        as(focalPoint(NLD, codeOf(lead))).header("If-Match", "\"0\"").body(body).put("/api/v1/actions/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\""));
        assertEquals(1, events.count(id, DomainEventType.ACTION_UPDATED));
        as(admin()).get("/api/v1/actions/" + id + "/history").then().statusCode(200)
                .body("items.action", contains("CREATE", "UPDATE"))
                .body("items[1].actor", equalTo("fp-" + codeOf(lead)))
                .body("items[1].before.title", equalTo("Bill on enforced disappearance"));
    }

    private static String codeOf(UUID institution) {
        return as(admin()).get("/api/v1/institutions/" + institution).then().statusCode(200).extract().path("code");
    }

    @Test
    void anInvalidActionIsRefusedAndWritesNothing() {
        UUID lead = Fixtures.createInstitution(NLD, unique("nld-finance"), "Ministry of Finance");
        UUID foreign = Fixtures.createInstitution("LUX", unique("lux-finance"), "Ministry of Finance (LUX)");
        UUID foreignRec = Fixtures.createRecommendation("LUX", "A Luxembourg recommendation " + UUID.randomUUID());
        String title = unique("Refused action");

        Map<String, Object> badCurrency = Fixtures.action(NLD, lead, List.of(), title);
        badCurrency.put("budget", Map.of("amount", 10, "currency", "EUX"));
        as(coordinator(NLD)).body(badCurrency).post("/api/v1/actions").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("budget.currency"));

        Map<String, Object> backwards = Fixtures.action(NLD, lead, List.of(), title);
        backwards.put("endDate", "2025-12-31");
        as(coordinator(NLD)).body(backwards).post("/api/v1/actions").then().statusCode(400)
                .body("violations.field", hasItem("endDate"));

        Map<String, Object> negative = Fixtures.action(NLD, lead, List.of(), title);
        negative.put("budget", Map.of("amount", -1, "currency", "EUR"));
        as(coordinator(NLD)).body(negative).post("/api/v1/actions").then().statusCode(400);

        as(coordinator(NLD)).body(Fixtures.action(NLD, foreign, List.of(), title)).post("/api/v1/actions").then()
                .statusCode(422).body("violations.field", hasItem("leadInstitutionId"));
        as(coordinator(NLD)).body(Fixtures.action(NLD, lead, List.of(foreignRec), title)).post("/api/v1/actions").then()
                .statusCode(422).body("violations.field", hasItem("recommendationIds"));
        Map<String, Object> nullCluster = Fixtures.action(NLD, lead, List.of(), title);
        nullCluster.put("clusterIds", java.util.Arrays.asList((Object) null));
        as(coordinator(NLD)).body(nullCluster).post("/api/v1/actions").then().statusCode(400)
                .body("violations.field", hasItem("clusterIds"));
        Map<String, Object> tooMuch = Fixtures.action(NLD, lead, List.of(), title);
        tooMuch.put("budget", Map.of("amount", new java.math.BigDecimal("123456789012345678"), "currency", "EUR"));
        as(coordinator(NLD)).body(tooMuch).post("/api/v1/actions").then().statusCode(400)
                .body("violations.field", hasItem("budget.amount"));
        Map<String, Object> noLead = Fixtures.action(NLD, lead, List.of(), title);
        noLead.remove("leadInstitutionId");
        as(coordinator(NLD)).body(noLead).post("/api/v1/actions").then().statusCode(400);

        as(admin()).get("/api/v1/actions?country=NLD&institutionId=" + lead).then().statusCode(200)
                .body("page.total", equalTo(0));
        assertEquals(0L, auditCount("action", title));
    }

    @Transactional
    long auditCount(String type, String title) {
        return ((Number) em.createNativeQuery("select count(*) from audit_event where resource_type = ?1"
                + " and after_state ->> 'title' = ?2").setParameter(1, type).setParameter(2, title).getSingleResult()).longValue();
    }

    @Test
    void dueAndOverdueMilestonesAreListedAndAnnouncedOnce() {
        UUID lead = Fixtures.createInstitution(NLD, unique("nld-education"), "Ministry of Education");
        UUID action = Fixtures.createAction(NLD, lead, List.of(), "Inclusive schools");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        UUID overdue = Fixtures.createMilestone(action, "Survey of schools", today.minusDays(3).toString());
        UUID due = Fixtures.createMilestone(action, "Curriculum revised", today.plusDays(5).toString());
        UUID later = Fixtures.createMilestone(action, "Teachers trained", today.plusDays(200).toString());
        UUID achieved = Fixtures.createMilestone(action, "Budget approved", today.minusDays(10).toString());
        as(admin()).header("If-Match", "\"0\"")
                .body(Map.of("title", "Budget approved", "dueDate", today.minusDays(10).toString(), "status", "ACHIEVED"))
                .put("/api/v1/milestones/" + achieved).then().statusCode(200)
                .body("achievedDate", equalTo(today.toString())).body("due", nullValue());

        as(coordinator(NLD)).get("/api/v1/milestones?due=OVERDUE&actionId=" + action).then().statusCode(200)
                .body("page.total", equalTo(1)).body("items[0].id", equalTo(overdue.toString()))
                .body("items[0].due", equalTo("OVERDUE")).body("items[0].country", equalTo(NLD));
        as(coordinator(NLD)).get("/api/v1/milestones?due=DUE&actionId=" + action).then().statusCode(200)
                .body("page.total", equalTo(1)).body("items[0].id", equalTo(due.toString()));
        as(coordinator(NLD)).get("/api/v1/milestones?actionId=" + action).then().statusCode(200)
                .body("page.total", equalTo(4)).body("items.id", hasItem(later.toString()));
        as(coordinator(NLD)).get("/api/v1/milestones?due=OVERDUE&country=NLD&limit=100").then().statusCode(200)
                .body("items.id", hasItem(overdue.toString())).body("items.id", not(hasItem(due.toString())));

        MilestoneNotifier.Round first = notifier.announce(today);
        assertTrue(first.ran());
        MilestoneNotifier.Round second = notifier.announce(today);
        assertTrue(second.ran());
        assertEquals(1, events.count(overdue, DomainEventType.MILESTONE_OVERDUE));
        assertEquals(0, events.count(overdue, DomainEventType.MILESTONE_DUE));
        assertEquals(1, events.count(due, DomainEventType.MILESTONE_DUE));
        assertEquals(0, events.count(later, DomainEventType.MILESTONE_DUE));
        assertEquals(0, events.of(achieved).size());
        assertEquals(NLD, events.of(overdue).get(0).countryCode());
        assertArrayEquals(new boolean[] {false, true}, announced(overdue));
        assertArrayEquals(new boolean[] {true, false}, announced(due));
        // Announcing leaves the milestone's version alone: nobody's ETag goes stale.
        as(admin()).get("/api/v1/milestones/" + due).then().header("ETag", equalTo("\"0\""));

        // Days later the due milestone passes its date: it is announced overdue, once.
        notifier.announce(today.plusDays(6));
        notifier.announce(today.plusDays(7));
        assertEquals(1, events.count(due, DomainEventType.MILESTONE_OVERDUE));
        assertEquals(1, events.count(due, DomainEventType.MILESTONE_DUE));
    }

    @Transactional
    boolean[] announced(UUID milestone) {
        return milestones.announced(milestone);
    }

    @Test
    void anotherReplicaHoldingTheLockSkipsTheRound() throws Exception {
        var lockHeld = new java.util.concurrent.CountDownLatch(1);
        var release = new java.util.concurrent.CountDownLatch(1);
        Thread replica = new Thread(() -> holdLock(lockHeld, release));
        replica.start();
        try {
            assertTrue(lockHeld.await(30, java.util.concurrent.TimeUnit.SECONDS));
            assertFalse(notifier.announce(LocalDate.now(ZoneOffset.UTC)).ran());
        } finally {
            release.countDown();
            replica.join();
        }
        assertTrue(notifier.announce(LocalDate.now(ZoneOffset.UTC)).ran());
    }

    @Inject
    jakarta.transaction.UserTransaction tx;

    void holdLock(java.util.concurrent.CountDownLatch held, java.util.concurrent.CountDownLatch release) {
        try {
            tx.begin();
            em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, 0x4D494C4553544E45L).getSingleResult();
            held.countDown();
            release.await();
            tx.commit();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void listsAreBoundedAndSortedByWhitelistOnly() {
        as(coordinator(NLD)).get("/api/v1/actions?limit=101").then().statusCode(400);
        as(coordinator(NLD)).get("/api/v1/actions?sort=budgetAmount").then().statusCode(400)
                .contentType("application/problem+json");
        as(coordinator(NLD)).get("/api/v1/actions?sort=-nextUpdateDueDate&updateDue=OVERDUE").then().statusCode(200);
        as(coordinator(NLD)).get("/api/v1/institutions?sort=-name&kind=MINISTRY").then().statusCode(200);
    }

    static Map<String, Object> copy(Map<String, Object> m) {
        return new HashMap<>(m);
    }
}
