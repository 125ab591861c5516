package org.opennrtd.recommendations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.Racing;
import org.opennrtd.testing.TestTokens;

/**
 * Clusters by hand, automatic suggestions and who may do what, with signed tokens. Countries: CZE (clusters by
 * hand), POL (another country's records), HUN (automatic clustering).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ClusterTest {

    static final String CLUSTERS = "/api/v1/clusters";
    static final String COMPUTATIONS = "/api/v1/cluster-computations";
    static final String SUGGESTIONS = "/api/v1/cluster-suggestions";

    @Inject
    EntityManager em;

    @Inject
    RecommendationFixtures fixtures;

    static RequestSpecification as(String role, String country) {
        return given().auth().oauth2(TestTokens.token(role + "-" + country.toLowerCase(), role, country, "ministry-of-justice"));
    }

    static final Map<String, String> LEADS = new java.util.concurrent.ConcurrentHashMap<>();

    /** An institution of the country to lead its clusters, made once per country through the API. */
    static String lead(String country) {
        return LEADS.computeIfAbsent(country, c -> given().auth().oauth2(TestTokens.token("admin", "admin", null, null))
                .contentType(ContentType.JSON)
                .body(Map.of("country", c, "code", "lead-" + c.toLowerCase(), "name", "Lead ministry of " + c,
                        "kind", "MINISTRY", "focalPoints", List.of()))
                .post("/api/v1/institutions").then().statusCode(201).extract().path("id"));
    }

    static Map<String, Object> cluster(String country, String name, List<UUID> members) {
        Map<String, Object> m = new HashMap<>();
        m.put("country", country);
        m.put("name", name);
        m.put("description", "Follow-up together");
        m.put("leadInstitutionId", lead(country));
        m.put("recommendationIds", members);
        return m;
    }

    @Test
    void coordinatorMakesChangesAndDeletesAClusterWithEntityTags() {
        UUID a = fixtures.insert("CZE", "Ensure inclusive education for Roma children");
        UUID b = fixtures.insert("CZE", "End the segregation of Roma pupils in schools");
        UUID c = fixtures.insert("CZE", "Combat hate speech against Roma");
        Response created = as("coordinator", "CZE").contentType(ContentType.JSON)
                .body(cluster("CZE", "Roma education", List.of(a, b))).post(CLUSTERS);
        created.then().statusCode(201).header("ETag", equalTo("\"0\""))
                .header("Location", containsString(CLUSTERS + "/"))
                .body("origin", equalTo("MANUAL")).body("size", equalTo(2))
                .body("recommendationIds", containsInAnyOrder(a.toString(), b.toString()));
        String id = created.path("id");
        String path = CLUSTERS + "/" + id;

        as("civil-society", "CZE").get(path).then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("name", equalTo("Roma education"));
        Map<String, Object> update = Map.of("name", "Roma inclusion", "recommendationIds", List.of(a, b, c));
        as("coordinator", "CZE").contentType(ContentType.JSON).body(update).put(path)
                .then().statusCode(428).contentType("application/problem+json");
        as("coordinator", "CZE").contentType(ContentType.JSON).header("If-Match", "\"5\"").body(update).put(path)
                .then().statusCode(412).contentType("application/problem+json");
        as("coordinator", "CZE").contentType(ContentType.JSON).header("If-Match", "\"0\"").body(update).put(path)
                .then().statusCode(200).header("ETag", equalTo("\"1\"")).body("size", equalTo(3))
                .body("name", equalTo("Roma inclusion")).body("description", equalTo(null));
        // The tag just used is stale now.
        as("coordinator", "CZE").header("If-Match", "\"0\"").delete(path + "/members/" + c).then().statusCode(412);
        as("coordinator", "CZE").header("If-Match", "\"1\"").delete(path + "/members/" + c)
                .then().statusCode(200).header("ETag", equalTo("\"2\"")).body("recommendationIds", not(hasItem(c.toString())));
        as("coordinator", "CZE").header("If-Match", "\"2\"").delete(path + "/members/" + c).then().statusCode(404);
        as("coordinator", "CZE").header("If-Match", "\"2\"").put(path + "/members/" + c)
                .then().statusCode(200).header("ETag", equalTo("\"3\"")).body("size", equalTo(3));
        as("coordinator", "CZE").get(CLUSTERS + "?country=CZE&recommendationId=" + c).then().statusCode(200)
                .body("items.id", hasItem(id));
        String small = as("coordinator", "CZE").contentType(ContentType.JSON)
                .body(cluster("CZE", "A single one", List.of(a))).post(CLUSTERS).then().statusCode(201).extract().path("id");
        as("coordinator", "CZE").get(CLUSTERS + "?country=CZE&recommendationId=" + a + "&sort=-size").then()
                .statusCode(200).body("page.total", equalTo(2)).body("items.id", contains(id, small));
        as("coordinator", "CZE").get(CLUSTERS + "?country=CZE&recommendationId=" + a + "&sort=name&limit=1").then()
                .statusCode(200).body("page.total", equalTo(2)).body("page.limit", equalTo(1))
                .body("items.id", contains(small));
        as("coordinator", "CZE").get(CLUSTERS + "?sort=secret").then().statusCode(400)
                .contentType("application/problem+json");
        as("coordinator", "CZE").get(CLUSTERS + "?limit=101").then().statusCode(400);

        as("nhri", "CZE").get(path + "/history").then().statusCode(200).body("page.total", equalTo(4))
                .body("items.action", contains("CREATE", "UPDATE", "REMOVE_MEMBER", "ADD_MEMBER"))
                .body("items[1].before.name", equalTo("Roma education"))
                .body("items[1].after.name", equalTo("Roma inclusion"));

        as("coordinator", "CZE").delete(path).then().statusCode(428);
        as("coordinator", "CZE").header("If-Match", "\"3\"").delete(path).then().statusCode(204);
        as("coordinator", "CZE").get(path).then().statusCode(404);
        assertEquals(1L, audits(UUID.fromString(id), "DELETE"));
        // The recommendations stay.
        as("coordinator", "CZE").get("/api/v1/recommendations/" + a).then().statusCode(200);
    }

    @Test
    void membersMustBeRecommendationsOfTheClustersCountry() {
        UUID own = fixtures.insert("CZE", "Ratify the Istanbul Convention");
        UUID foreign = fixtures.insert("POL", "Ratify the Istanbul Convention");
        long before = clusters("CZE");
        as("coordinator", "CZE").contentType(ContentType.JSON)
                .body(cluster("CZE", "Violence against women", List.of(own, foreign))).post(CLUSTERS)
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", everyItem(equalTo("recommendationIds")))
                .body("violations[0].message", containsString(foreign.toString()));
        as("coordinator", "CZE").contentType(ContentType.JSON).body(Map.of("country", "CZE", "name", " "))
                .post(CLUSTERS).then().statusCode(400).contentType("application/problem+json");
        as("coordinator", "CZE").contentType(ContentType.JSON).body("{\"country\":\"CZE\",\"name\":").post(CLUSTERS)
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, clusters("CZE"));
    }

    @Test
    void everyWriteIsRefusedToRolesThatOnlyRead() {
        UUID rec = fixtures.insert("CZE", "Establish a national preventive mechanism");
        String id = as("coordinator", "CZE").contentType(ContentType.JSON)
                .body(cluster("CZE", "Torture prevention", List.of(rec))).post(CLUSTERS).then().statusCode(201)
                .extract().path("id");
        UUID suggestion = insertSuggestion("CZE", rec);
        for (String role : List.of("focal-point", "nhri", "civil-society", "ohchr")) {
            as(role, "CZE").contentType(ContentType.JSON).body(cluster("CZE", "x", List.of())).post(CLUSTERS)
                    .then().statusCode(403).contentType("application/problem+json");
            as(role, "CZE").contentType(ContentType.JSON).header("If-Match", "\"0\"")
                    .body(Map.of("name", "x", "recommendationIds", List.of())).put(CLUSTERS + "/" + id).then().statusCode(403);
            as(role, "CZE").header("If-Match", "\"0\"").delete(CLUSTERS + "/" + id).then().statusCode(403);
            as(role, "CZE").header("If-Match", "\"0\"").put(CLUSTERS + "/" + id + "/members/" + rec).then().statusCode(403);
            as(role, "CZE").header("If-Match", "\"0\"").delete(CLUSTERS + "/" + id + "/members/" + rec).then().statusCode(403);
            as(role, "CZE").contentType(ContentType.JSON).body(Map.of("country", "CZE")).post(COMPUTATIONS)
                    .then().statusCode(403);
            as(role, "CZE").contentType(ContentType.JSON).header("If-Match", suggestionTag(suggestion)).body(Map.of())
                    .post(SUGGESTIONS + "/" + suggestion + "/acceptance").then().statusCode(403);
            as(role, "CZE").header("If-Match", suggestionTag(suggestion))
                    .post(SUGGESTIONS + "/" + suggestion + "/discarding").then().statusCode(403);
            // ... and each of them reads.
            as(role, "CZE").get(CLUSTERS + "/" + id).then().statusCode(200);
            as(role, "CZE").get(SUGGESTIONS + "/" + suggestion).then().statusCode(200).body("state", equalTo("OPEN"));
        }
        given().get(CLUSTERS).then().statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("country", "CZE")).post(COMPUTATIONS).then().statusCode(401);
        as("coordinator", "CZE").get(CLUSTERS + "/" + id).then().statusCode(200).body("version", equalTo(0));
        as("admin", "CZE").get(CLUSTERS + "/" + id).then().statusCode(200);
    }

    @Test
    void anotherCountrysRecordsAreNotFoundByIdAndNotWritable() {
        UUID rec = fixtures.insert("CZE", "Adopt a comprehensive anti-discrimination law");
        String id = as("coordinator", "CZE").contentType(ContentType.JSON)
                .body(cluster("CZE", "Equality", List.of(rec))).post(CLUSTERS).then().statusCode(201).extract().path("id");
        UUID suggestion = insertSuggestion("CZE", rec);
        UUID polish = fixtures.insert("POL", "Adopt a comprehensive anti-discrimination law");
        String path = CLUSTERS + "/" + id;

        as("coordinator", "POL").get(path).then().statusCode(404).contentType("application/problem+json");
        as("civil-society", "POL").get(path).then().statusCode(404);
        as("coordinator", "POL").get(path + "/history").then().statusCode(404);
        as("coordinator", "POL").contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(Map.of("name", "Taken", "recommendationIds", List.of(polish))).put(path).then().statusCode(404);
        as("coordinator", "POL").header("If-Match", "\"0\"").put(path + "/members/" + polish).then().statusCode(404);
        as("coordinator", "POL").header("If-Match", "\"0\"").delete(path).then().statusCode(404);
        as("coordinator", "POL").get(SUGGESTIONS + "/" + suggestion).then().statusCode(404);
        String tag = suggestionTag(suggestion);
        as("coordinator", "POL").contentType(ContentType.JSON).header("If-Match", tag).body(Map.of())
                .post(SUGGESTIONS + "/" + suggestion + "/acceptance").then().statusCode(404);
        as("coordinator", "POL").header("If-Match", tag).post(SUGGESTIONS + "/" + suggestion + "/discarding")
                .then().statusCode(404);
        as("coordinator", "POL").contentType(ContentType.JSON).body(cluster("CZE", "x", List.of())).post(CLUSTERS)
                .then().statusCode(403);
        as("coordinator", "POL").contentType(ContentType.JSON).body(Map.of("country", "CZE")).post(COMPUTATIONS)
                .then().statusCode(403);
        as("coordinator", "POL").get(CLUSTERS + "?country=CZE").then().statusCode(403);
        as("coordinator", "POL").get(CLUSTERS).then().statusCode(200).body("items.country", everyItem(equalTo("POL")));
        // A member of another country cannot be added even by an administrator.
        as("admin", "CZE").header("If-Match", "\"0\"").put(path + "/members/" + polish).then().statusCode(422);
        as("ohchr", "CHE").get(path).then().statusCode(200).body("name", equalTo("Equality")).body("version", equalTo(0));
    }

    @Test
    void automaticClusteringSuggestsThemesThatACoordinatorAcceptsOrDiscards() throws InterruptedException {
        List<UUID> torture = List.of(
                fixtures.insert("HUN", "Investigate all allegations of torture and ill-treatment by police officers"),
                fixtures.insert("HUN", "Ensure that acts of torture by law enforcement officials are prosecuted and punished"),
                fixtures.insert("HUN", "Establish an independent mechanism to investigate torture in places of detention"));
        List<UUID> refugees = List.of(
                fixtures.insert("HUN", "Guarantee access to asylum procedures for refugees arriving at the border"),
                fixtures.insert("HUN", "End the push-backs of asylum seekers and migrants at the border"),
                fixtures.insert("HUN", "Respect the principle of non-refoulement of asylum seekers and refugees"));
        List<UUID> education = List.of(
                fixtures.insert("HUN", "Ensure inclusive education for children with disabilities in mainstream schools"),
                fixtures.insert("HUN", "End the segregation of Roma children in primary schools"),
                fixtures.insert("HUN", "Improve access to quality education for Roma pupils"));

        String first = computeAndWait();
        as("coordinator", "HUN").get(COMPUTATIONS + "/" + first).then().body("recommendations", equalTo(9))
                .body("embeddingsComputed", equalTo(9)).body("progress", equalTo(1.0f));
        assertEquals(9L, embeddings("HUN"));
        // A second run embeds nothing again and replaces the first run's open suggestions.
        String second = computeAndWait();
        as("coordinator", "HUN").get(COMPUTATIONS + "/" + second).then().body("embeddingsComputed", equalTo(0));
        as("coordinator", "HUN").get(SUGGESTIONS + "?computationId=" + first).then()
                .body("items.state", everyItem(equalTo("DISCARDED")));

        Response page = as("coordinator", "HUN").get(SUGGESTIONS + "?country=HUN&state=OPEN&limit=100");
        page.then().statusCode(200).body("items.computationId", everyItem(equalTo(second)));
        List<Map<String, Object>> items = page.path("items");
        assertTrue(items.size() >= 2, "at least two themes are suggested: " + items);
        Map<String, Object> withTorture = suggestionContaining(items, torture.get(0));
        assertTrue(((List<?>) withTorture.get("recommendationIds")).containsAll(
                torture.stream().map(UUID::toString).toList()), "the torture recommendations cluster together: " + items);
        assertTrue(!((List<?>) withTorture.get("terms")).isEmpty());
        Map<String, Object> withAsylum = suggestionContaining(items, refugees.get(0));
        assertTrue(!withAsylum.get("id").equals(withTorture.get("id")), "asylum and torture are apart: " + items);

        String accepted = (String) withTorture.get("id");
        Response cluster = as("coordinator", "HUN").contentType(ContentType.JSON).header("If-Match", suggestionTag(accepted))
                .body(Map.of("name", "Torture prevention")).post(SUGGESTIONS + "/" + accepted + "/acceptance");
        cluster.then().statusCode(201).header("ETag", equalTo("\"0\"")).body("origin", equalTo("SUGGESTED"))
                .body("suggestionId", equalTo(accepted)).body("name", equalTo("Torture prevention"))
                .body("recommendationIds", hasItem(torture.get(1).toString()));
        as("coordinator", "HUN").get(SUGGESTIONS + "/" + accepted).then().body("state", equalTo("ACCEPTED"))
                .body("clusterId", equalTo(cluster.path("id")));
        // Decided already, read again: 409.
        as("coordinator", "HUN").contentType(ContentType.JSON).header("If-Match", suggestionTag(accepted)).body(Map.of())
                .post(SUGGESTIONS + "/" + accepted + "/acceptance").then().statusCode(409);

        String discarded = (String) withAsylum.get("id");
        String open = suggestionTag(discarded);
        Response discarding = as("coordinator", "HUN").header("If-Match", open)
                .post(SUGGESTIONS + "/" + discarded + "/discarding");
        discarding.then().statusCode(200).body("state", equalTo("DISCARDED"));
        // The answer's tag is the one a read now gives; the tag read before is stale.
        assertEquals(suggestionTag(discarded), discarding.header("ETag"));
        as("coordinator", "HUN").header("If-Match", open).post(SUGGESTIONS + "/" + discarded + "/discarding")
                .then().statusCode(412);
        as("coordinator", "HUN").header("If-Match", discarding.header("ETag"))
                .post(SUGGESTIONS + "/" + discarded + "/discarding").then().statusCode(409);
        as("coordinator", "HUN").contentType(ContentType.JSON).body(Map.of("country", "HUN", "k", 0)).post(COMPUTATIONS)
                .then().statusCode(400);
        assertTrue(education.size() == 3);
    }

    @Test
    void decidingASuggestionNeedsItsCurrentEntityTag() {
        UUID rec = fixtures.insert("CZE", "Ratify the Optional Protocol to the Convention against Torture");
        UUID suggestion = insertSuggestion("CZE", rec);
        UUID other = insertSuggestion("CZE", rec);
        String path = SUGGESTIONS + "/" + suggestion;
        String tag = suggestionTag(suggestion);
        long clustersBefore = clusters("CZE");

        // No If-Match: 428, and nothing changed.
        as("coordinator", "CZE").contentType(ContentType.JSON).body(Map.of()).post(path + "/acceptance").then()
                .statusCode(428).contentType("application/problem+json");
        as("coordinator", "CZE").post(path + "/discarding").then().statusCode(428)
                .contentType("application/problem+json");
        // A tag that is not the suggestion's (here: another suggestion's): 412, and nothing changed.
        as("coordinator", "CZE").contentType(ContentType.JSON).header("If-Match", suggestionTag(other)).body(Map.of())
                .post(path + "/acceptance").then().statusCode(412).contentType("application/problem+json");
        as("coordinator", "CZE").header("If-Match", "\"0\"").post(path + "/discarding").then().statusCode(412)
                .contentType("application/problem+json");
        as("coordinator", "CZE").get(path).then().statusCode(200).body("state", equalTo("OPEN"))
                .header("ETag", equalTo(tag));
        assertEquals(clustersBefore, clusters("CZE"));
        assertEquals(0L, audits(suggestion, "ACCEPT") + audits(suggestion, "DISCARD"));

        // The tag read: accepted.
        as("coordinator", "CZE").contentType(ContentType.JSON).header("If-Match", tag).body(Map.of())
                .post(path + "/acceptance").then().statusCode(201).body("suggestionId", equalTo(suggestion.toString()));
        assertEquals(clustersBefore + 1, clusters("CZE"));
        assertEquals(1L, audits(suggestion, "ACCEPT"));
        // Read before the decision, the tag is stale now: a second decision on that reading gets 412.
        as("coordinator", "CZE").header("If-Match", tag).post(path + "/discarding").then().statusCode(412);
        as("coordinator", "CZE").get(path).then().body("state", equalTo("ACCEPTED"));
        assertEquals(0L, audits(suggestion, "DISCARD"));
    }

    @Test
    void ofTwoConcurrentDecisionsWithTheSameTagOneAppliesAndTheOtherGets412() throws Exception {
        UUID rec = fixtures.insert("CZE", "Strengthen the independence of the ombudsperson");
        UUID accepting = insertSuggestion("CZE", rec);
        String acceptTag = suggestionTag(accepting);
        long clustersBefore = clusters("CZE");
        int accepts = Racing.sumOf(2, () -> outcome(as("coordinator", "CZE").contentType(ContentType.JSON)
                .header("If-Match", acceptTag).body(Map.of()).post(SUGGESTIONS + "/" + accepting + "/acceptance")
                .statusCode(), 201));
        assertEquals(ONE_SUCCESS_ONE_412, accepts);
        assertEquals(clustersBefore + 1, clusters("CZE"));
        assertEquals(1L, audits(accepting, "ACCEPT"));

        UUID discarding = insertSuggestion("CZE", rec);
        String discardTag = suggestionTag(discarding);
        // A discard races an accept of the same reading.
        int mixed = Racing.sumOf(2, new java.util.function.IntSupplier() {
            final java.util.concurrent.atomic.AtomicInteger turn = new java.util.concurrent.atomic.AtomicInteger();

            @Override
            public int getAsInt() {
                return turn.getAndIncrement() == 0
                        ? outcome(as("coordinator", "CZE").header("If-Match", discardTag)
                                .post(SUGGESTIONS + "/" + discarding + "/discarding").statusCode(), 200)
                        : outcome(as("coordinator", "CZE").contentType(ContentType.JSON).header("If-Match", discardTag)
                                .body(Map.of()).post(SUGGESTIONS + "/" + discarding + "/acceptance").statusCode(), 201);
            }
        });
        assertEquals(ONE_SUCCESS_ONE_412, mixed);
        assertEquals(1L, audits(discarding, "ACCEPT") + audits(discarding, "DISCARD"));
    }

    /** {@link #outcome}s summed: one success and one 412. */
    static final int ONE_SUCCESS_ONE_412 = 1 + 100;

    /** 1 for the expected success, 100 for 412, 10,000 for anything else: a sum tells how many of each. */
    static int outcome(int status, int success) {
        return status == success ? 1 : status == 412 ? 100 : 10_000;
    }

    /** The suggestion's ETag, as an administrator (who reads every country) gets it. */
    static String suggestionTag(Object suggestion) {
        return given().auth().oauth2(TestTokens.token("admin", "admin", null, null)).get(SUGGESTIONS + "/" + suggestion)
                .then().statusCode(200).header("ETag", notNullValue()).extract().header("ETag");
    }

    private String computeAndWait() throws InterruptedException {
        Response accepted = as("coordinator", "HUN").contentType(ContentType.JSON).body(Map.of("country", "HUN"))
                .post(COMPUTATIONS);
        accepted.then().statusCode(202).header("Location", containsString(COMPUTATIONS + "/"))
                .body("state", equalTo("QUEUED")).body("model", equalTo("all-minilm-l6-v2-q"));
        String id = accepted.path("id");
        String state = "QUEUED";
        for (int i = 0; i < 600 && (state.equals("QUEUED") || state.equals("RUNNING")); i++) {
            Thread.sleep(200);
            state = as("civil-society", "HUN").get(COMPUTATIONS + "/" + id).then().statusCode(200).extract().path("state");
        }
        assertEquals("SUCCEEDED", state);
        return id;
    }

    private static Map<String, Object> suggestionContaining(List<Map<String, Object>> items, UUID recommendation) {
        return items.stream().filter(s -> ((List<?>) s.get("recommendationIds")).contains(recommendation.toString()))
                .findFirst().orElseThrow(() -> new AssertionError(recommendation + " is in no suggestion: " + items));
    }

    @Transactional
    UUID insertSuggestion(String country, UUID member) {
        UUID computation = UUID.randomUUID();
        UUID suggestion = UUID.randomUUID();
        em.createNativeQuery("insert into cluster_computation (id, country, state, progress, model, created_at, created_by)"
                + " values (?1, ?2, 'SUCCEEDED', 1, 'all-minilm-l6-v2-q', now(), 'test')")
                .setParameter(1, computation).setParameter(2, country).executeUpdate();
        em.createNativeQuery("insert into cluster_suggestion (id, computation_id, country, state, terms, size, cohesion, rank)"
                + " values (?1, ?2, ?3, 'OPEN', array['torture'], 1, 0.9, 0)")
                .setParameter(1, suggestion).setParameter(2, computation).setParameter(3, country).executeUpdate();
        em.createNativeQuery("insert into cluster_suggestion_member (suggestion_id, recommendation_id, position)"
                + " values (?1, ?2, 0)").setParameter(1, suggestion).setParameter(2, member).executeUpdate();
        return suggestion;
    }

    @Transactional
    long audits(UUID id, String action) {
        return ((Number) em.createNativeQuery("select count(*) from audit_event where resource_id = ?1 and action = ?2")
                .setParameter(1, id).setParameter(2, action).getSingleResult()).longValue();
    }

    @Transactional
    long clusters(String country) {
        return ((Number) em.createNativeQuery("select count(*) from cluster where country = ?1")
                .setParameter(1, country).getSingleResult()).longValue();
    }

    @Transactional
    long embeddings(String country) {
        return ((Number) em.createNativeQuery("select count(*) from recommendation_embedding e join recommendation r"
                + " on r.id = e.recommendation_id where r.country = ?1").setParameter(1, country).getSingleResult())
                .longValue();
    }

    @Test
    void aClusterIsLedByAnInstitutionOfItsCountryAndActionsLinkOnlyItsCountrysClusters() {
        UUID a = fixtures.insert("EST", "Adopt a national strategy on the inclusion of Roma");
        Map<String, Object> foreignLead = cluster("EST", "Roma inclusion", List.of(a));
        foreignLead.put("leadInstitutionId", lead("LVA"));
        as("coordinator", "EST").contentType(ContentType.JSON).body(foreignLead).post(CLUSTERS).then().statusCode(422)
                .body("violations.field", hasItem("leadInstitutionId"));
        String estonian = as("coordinator", "EST").contentType(ContentType.JSON)
                .body(cluster("EST", "Roma inclusion", List.of(a))).post(CLUSTERS).then().statusCode(201)
                .extract().path("id");

        Map<String, Object> action = new HashMap<>();
        action.put("country", "LVA");
        action.put("title", "Inclusion programme");
        action.put("leadInstitutionId", lead("LVA"));
        action.put("clusterIds", List.of(estonian));
        given().auth().oauth2(TestTokens.token("admin", "admin", null, null)).contentType(ContentType.JSON).body(action)
                .post("/api/v1/actions").then().statusCode(422).body("violations.field", hasItem("clusterIds"));
        action.put("country", "EST");
        action.put("leadInstitutionId", lead("EST"));
        given().auth().oauth2(TestTokens.token("admin", "admin", null, null)).contentType(ContentType.JSON).body(action)
                .post("/api/v1/actions").then().statusCode(201).body("clusterIds", contains(estonian));
    }
}
