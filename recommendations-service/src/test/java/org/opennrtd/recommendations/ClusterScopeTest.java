package org.opennrtd.recommendations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.TestTokens;

/**
 * Cluster computations over a scope, with imported themes in the distance, labels and reasons, and bulk decisions,
 * through HTTP with signed tokens. Countries no other test uses: PER (the real Slovenian OHCHR matrix imported as a
 * third-cycle review, beside fourth-cycle recommendations), CHL and ECU (the same texts without and with imported
 * themes), URY (bulk decisions), PRY (scope validation and an empty scope).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ClusterScopeTest {

    static final String COMPUTATIONS = ClusterTest.COMPUTATIONS;
    static final String SUGGESTIONS = ClusterTest.SUGGESTIONS;
    static final String DECISIONS = SUGGESTIONS + "/decisions";

    @Inject
    EntityManager em;

    @Inject
    RecommendationFixtures fixtures;

    static RequestSpecification as(String role, String country) {
        return ClusterTest.as(role, country);
    }

    static RequestSpecification admin() {
        return given().auth().oauth2(TestTokens.token("admin", "admin", null, null));
    }

    @Test
    void aScopedComputationClustersOnlyItsScopeAndSaysWhichScopeMadeItsSuggestions() throws InterruptedException {
        JsonPath imported = importAndWait(as("coordinator", "PER")
                .multiPart("file", "matrix.docx", ImportFiles.resource(ImportFiles.MATRIX), ImportTest.DOCX)
                .multiPart("country", "PER").multiPart("uprCycle", "3").multiPart("uprSession", "34"));
        assertEquals("SUCCEEDED", imported.getString("state"), imported.prettify());
        assertEquals(215, imported.getInt("created"));
        Set<String> cycle3 = new HashSet<>(ids("PER", 3));
        assertEquals(215, cycle3.size());
        List<UUID> cycle4 = List.of(
                fixtures.insert("PER", "Investigate all allegations of torture by police officers", 4, "A/HRC/99/1",
                        List.of(), List.of()),
                fixtures.insert("PER", "Prosecute and punish law enforcement officials responsible for ill-treatment",
                        4, "A/HRC/99/1", List.of(), List.of()),
                fixtures.insert("PER", "Guarantee access to asylum procedures at the border", 4, "A/HRC/99/1",
                        List.of(), List.of()),
                fixtures.insert("PER", "Respect the principle of non-refoulement of asylum seekers", 4, "A/HRC/99/1",
                        List.of(), List.of()));

        // Coordinators need not name their own country.
        String third = computeAndWait(as("coordinator", "PER"), Map.of("scope", Map.of("uprCycle", 3)));
        as("coordinator", "PER").get(COMPUTATIONS + "/" + third).then().statusCode(200)
                .body("country", equalTo("PER")).body("recommendations", equalTo(215))
                .body("scope.uprCycle", equalTo(3)).body("scope.documentSymbol", equalTo(null));
        List<Map<String, Object>> suggestions = suggestions("PER", third);
        assertFalse(suggestions.isEmpty());
        for (Map<String, Object> s : suggestions) {
            assertEquals(Map.of("uprCycle", 3), set(s.get("scope")), "each suggestion names its scope: " + s);
            for (Object member : (List<?>) s.get("recommendationIds")) {
                assertTrue(cycle3.contains(member), member + " is outside the scope (third cycle)");
            }
        }
        // The matrix's imported themes label clusters, and members say what they share.
        Map<String, Object> themed = suggestions.stream().filter(s -> "THEME".equals(s.get("labelSource")))
                .findFirst().orElseThrow(() -> new AssertionError("no cluster is labelled by a theme: " + suggestions));
        List<Map<String, Object>> members = cast(themed.get("members"));
        assertEquals(themed.get("recommendationIds"), members.stream().map(m -> m.get("recommendationId")).toList());
        assertTrue(members.stream().anyMatch(m -> ((String) m.get("reason")).contains("shares theme '" + themed.get("label") + "'")
                && ((List<?>) m.get("sharedThemes")).contains(themed.get("label"))), "reasons: " + members);
        assertTrue(members.stream().allMatch(m -> ((String) m.get("reason")).contains("mean cosine")), "reasons: " + members);

        String fourth = computeAndWait(as("coordinator", "PER"),
                Map.of("country", "PER", "scope", Map.of("uprCycle", 4, "documentSymbol", "A/HRC/99/1")));
        as("coordinator", "PER").get(COMPUTATIONS + "/" + fourth).then().body("recommendations", equalTo(4))
                .body("embeddingsComputed", equalTo(4)).body("scope.documentSymbol", equalTo("A/HRC/99/1"));
        List<String> inFourth = suggestions("PER", fourth).stream()
                .flatMap(s -> ((List<?>) s.get("recommendationIds")).stream()).map(String::valueOf).toList();
        assertTrue(cycle4.stream().map(UUID::toString).toList().containsAll(inFourth), inFourth.toString());
        // Another scope's computation leaves the third cycle's open suggestions alone.
        as("coordinator", "PER").get(SUGGESTIONS + "?computationId=" + third + "&limit=100").then()
                .body("items.state", everyItem(equalTo("OPEN")));
    }

    @Test
    void importedThemesChangeTheClustersOfTheSameTexts() throws InterruptedException {
        String[] texts = {
            "Investigate all allegations of torture and ill-treatment by police officers",
            "Prosecute law enforcement officials responsible for torture in places of detention",
            "Ensure inclusive education for Roma children in mainstream schools",
            "End the segregation of Roma pupils in primary schools"};
        // Themes and persons that cut across the texts: torture 1 with education 1, torture 2 with education 2.
        List<List<String>> themes = List.of(List.of("Minorities", "Racial discrimination"),
                List.of("Administration of justice", "Detention"), List.of("Minorities", "Racial discrimination"),
                List.of("Administration of justice", "Detention"));
        List<List<String>> persons = List.of(List.of("Roma"), List.of("persons deprived of liberty"), List.of("Roma"),
                List.of("persons deprived of liberty"));
        List<UUID> plain = new ArrayList<>();
        List<UUID> withThemes = new ArrayList<>();
        for (int i = 0; i < texts.length; i++) {
            plain.add(fixtures.insert("CHL", texts[i], null, null, List.of(), List.of()));
            withThemes.add(fixtures.insert("ECU", texts[i], null, null, themes.get(i), persons.get(i)));
        }
        List<Set<Integer>> byText = groups(plain, suggestions("CHL",
                computeAndWait(as("coordinator", "CHL"), Map.of())));
        List<Set<Integer>> byThemes = groups(withThemes, suggestions("ECU",
                computeAndWait(as("coordinator", "ECU"), Map.of("scope", Map.of()))));
        // Text alone: torture with torture, education with education.
        assertEquals(Set.of(Set.of(0, 1), Set.of(2, 3)), Set.copyOf(byText), "text only: " + byText);
        // With imported themes the shared themes and persons outweigh the text.
        assertEquals(Set.of(Set.of(0, 2), Set.of(1, 3)), Set.copyOf(byThemes), "with themes: " + byThemes);
        assertNotEquals(Set.copyOf(byText), Set.copyOf(byThemes));
        List<Map<String, Object>> ecu = suggestions("ECU", null);
        assertTrue(ecu.stream().anyMatch(s -> "Minorities".equals(s.get("label")) && "THEME".equals(s.get("labelSource"))),
                ecu.toString());
        assertTrue(suggestions("CHL", null).stream().allMatch(s -> "TERMS".equals(s.get("labelSource"))));
    }

    @Test
    void aBulkAcceptIsAllOrNothingAndAuditedPerSuggestion() {
        UUID computation = insertComputation("URY");
        List<UUID> recs = List.of(fixtures.insert("URY", "Ratify the Optional Protocol to the Convention against Torture"),
                fixtures.insert("URY", "Establish a national preventive mechanism"),
                fixtures.insert("URY", "Adopt a national action plan on business and human rights"));
        UUID a = insertSuggestion(computation, "URY", "Torture", recs.get(0));
        UUID b = insertSuggestion(computation, "URY", "Detention", recs.get(1));
        UUID c = insertSuggestion(computation, "URY", "Business", recs.get(2));
        String tagA = ClusterTest.suggestionTag(a);
        String tagB = ClusterTest.suggestionTag(b);
        String staleC = ClusterTest.suggestionTag(c);
        as("coordinator", "URY").header("If-Match", staleC).post(SUGGESTIONS + "/" + c + "/discarding").then()
                .statusCode(200);
        long clusters = clusters("URY");

        // One stale tag among three: 412 naming it, and nothing accepted.
        as("coordinator", "URY").contentType(ContentType.JSON)
                .body(decisions("ACCEPT", a, tagA, b, tagB, c, staleC)).post(DECISIONS).then().statusCode(412)
                .contentType("application/problem+json").body("violations[0].field", equalTo("body.suggestions[2]"));
        assertEquals(clusters, clusters("URY"));
        assertEquals(0L, audits(a, "ACCEPT") + audits(b, "ACCEPT"));
        as("coordinator", "URY").get(SUGGESTIONS + "/" + a).then().body("state", equalTo("OPEN")).header("ETag", tagA);
        // Unknown, listed twice, other country, read-only role, no token: nothing changes either.
        UUID unknown = UUID.randomUUID();
        as("coordinator", "URY").contentType(ContentType.JSON).body(decisions("ACCEPT", a, tagA, unknown, "\"x\""))
                .post(DECISIONS).then().statusCode(404).body("violations[0].field", equalTo("body.suggestions[1]"));
        as("coordinator", "URY").contentType(ContentType.JSON).body(decisions("DISCARD", a, tagA, a, tagA))
                .post(DECISIONS).then().statusCode(400).body("violations[0].field", equalTo("body.suggestions[1].id"));
        as("coordinator", "URY").contentType(ContentType.JSON).body(Map.of("decision", "ACCEPT", "suggestions", List.of()))
                .post(DECISIONS).then().statusCode(400).body("violations.field", hasItem("body.suggestions"));
        as("coordinator", "PRY").contentType(ContentType.JSON).body(decisions("ACCEPT", a, tagA)).post(DECISIONS)
                .then().statusCode(404);
        as("civil-society", "URY").contentType(ContentType.JSON).body(decisions("ACCEPT", a, tagA)).post(DECISIONS)
                .then().statusCode(403);
        given().contentType(ContentType.JSON).body(decisions("ACCEPT", a, tagA)).post(DECISIONS).then().statusCode(401);
        assertEquals(clusters, clusters("URY"));
        assertEquals(0L, audits(a, "ACCEPT") + audits(a, "DISCARD"));

        // The current tags: both accepted in one call, one audit entry each, named by their labels.
        Response accepted = as("coordinator", "URY").contentType(ContentType.JSON)
                .body(decisions("ACCEPT", a, tagA, b, tagB)).post(DECISIONS);
        accepted.then().statusCode(200).body("items", hasSize(2)).body("items.state", everyItem(equalTo("ACCEPTED")))
                .body("items.id", equalTo(List.of(a.toString(), b.toString())))
                .body("items.clusterId", everyItem(notNullValue()));
        assertEquals(clusters + 2, clusters("URY"));
        assertEquals(1L, audits(a, "ACCEPT"));
        assertEquals(1L, audits(b, "ACCEPT"));
        as("coordinator", "URY").get("/api/v1/clusters/" + accepted.path("items[0].clusterId")).then().statusCode(200)
                .body("name", equalTo("Torture")).body("origin", equalTo("SUGGESTED"));
        // The same tags again are stale; the current ones meet a decided suggestion.
        as("coordinator", "URY").contentType(ContentType.JSON).body(decisions("DISCARD", a, tagA)).post(DECISIONS)
                .then().statusCode(412);
        as("coordinator", "URY").contentType(ContentType.JSON)
                .body(decisions("DISCARD", a, ClusterTest.suggestionTag(a))).post(DECISIONS).then().statusCode(409)
                .body("violations[0].field", equalTo("body.suggestions[0]"));
        assertEquals(0L, audits(a, "DISCARD"));
    }

    @Test
    void acceptingAComputationsSuggestionsNeedsItsCurrentTag() {
        UUID computation = insertComputation("URY");
        UUID x = insertSuggestion(computation, "URY", "Gender equality",
                fixtures.insert("URY", "Adopt a law on equal pay for women and men"));
        UUID y = insertSuggestion(computation, "URY", "Right to water",
                fixtures.insert("URY", "Guarantee access to safe drinking water in rural areas"));
        UUID z = insertSuggestion(computation, "URY", "Freedom of expression",
                fixtures.insert("URY", "Protect journalists from harassment"));
        String path = COMPUTATIONS + "/" + computation;
        String tag = as("coordinator", "URY").get(path).then().statusCode(200).header("ETag", notNullValue())
                .extract().header("ETag");
        long clusters = clusters("URY");
        as("coordinator", "URY").post(path + "/acceptance").then().statusCode(428);
        as("nhri", "URY").header("If-Match", tag).post(path + "/acceptance").then().statusCode(403);
        as("coordinator", "PRY").header("If-Match", tag).post(path + "/acceptance").then().statusCode(404);
        // One suggestion decided meanwhile: the computation's tag read before is stale and nothing is accepted.
        as("coordinator", "URY").header("If-Match", ClusterTest.suggestionTag(z)).post(SUGGESTIONS + "/" + z + "/discarding")
                .then().statusCode(200);
        as("coordinator", "URY").header("If-Match", tag).post(path + "/acceptance").then().statusCode(412);
        assertEquals(clusters, clusters("URY"));
        assertEquals(0L, audits(x, "ACCEPT") + audits(y, "ACCEPT"));

        String now = as("coordinator", "URY").get(path).then().extract().header("ETag");
        assertNotEquals(tag, now);
        as("coordinator", "URY").header("If-Match", now).post(path + "/acceptance").then().statusCode(200)
                .body("items.id", equalTo(List.of(x.toString(), y.toString())))
                .body("items.state", everyItem(equalTo("ACCEPTED")));
        assertEquals(clusters + 2, clusters("URY"));
        assertEquals(1L, audits(x, "ACCEPT"));
        assertEquals(1L, audits(y, "ACCEPT"));
        assertEquals(0L, audits(z, "ACCEPT"));
        String after = as("coordinator", "URY").get(path).then().extract().header("ETag");
        as("coordinator", "URY").header("If-Match", after).post(path + "/acceptance").then().statusCode(409);
    }

    @Test
    void aBadScopeIsRefusedNamingTheFieldAndAnEmptyScopeSucceedsWithNothing() throws InterruptedException {
        long before = computations("PRY");
        as("coordinator", "PRY").contentType(ContentType.JSON).body(Map.of("scope", Map.of("uprCycle", 0)))
                .post(COMPUTATIONS).then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("body.scope.uprCycle"));
        as("coordinator", "PRY").contentType(ContentType.JSON).body(Map.of("scope", Map.of("mechanism", "COURT")))
                .post(COMPUTATIONS).then().statusCode(400).body("violations.field", hasItem("body.scope.mechanism"));
        as("coordinator", "PRY").contentType(ContentType.JSON).body(Map.of("scope", Map.of("colour", "red")))
                .post(COMPUTATIONS).then().statusCode(400).body("violations.field", hasItem("body.scope.colour"));
        as("coordinator", "PRY").contentType(ContentType.JSON)
                .body(Map.of("scope", Map.of("publishedFrom", "2024-05-01", "publishedTo", "2024-01-01")))
                .post(COMPUTATIONS).then().statusCode(400).body("violations.field", hasItem("body.scope.publishedTo"));
        admin().contentType(ContentType.JSON).body(Map.of("scope", Map.of())).post(COMPUTATIONS).then()
                .statusCode(400).body("violations.field", hasItem("body.country"));
        as("coordinator", "PRY").contentType(ContentType.JSON).body(Map.of("country", "URY")).post(COMPUTATIONS)
                .then().statusCode(403);
        assertEquals(before, computations("PRY"));

        fixtures.insert("PRY", "Ratify the Convention on the Rights of Persons with Disabilities");
        String empty = computeAndWait(as("coordinator", "PRY"),
                Map.of("scope", Map.of("documentSymbol", "A/HRC/00/0", "withdrawnFromUhri", false)));
        as("civil-society", "PRY").get(COMPUTATIONS + "/" + empty).then().body("recommendations", equalTo(0))
                .body("suggestions", equalTo(0)).body("scope.documentSymbol", equalTo("A/HRC/00/0"))
                .body("scope.withdrawnFromUhri", equalTo(false));
        assertEquals(1L, audits(UUID.fromString(empty), "REQUEST"));
    }

    /** Submits an import, expects 202 and waits for it to finish (polling as an administrator). */
    static JsonPath importAndWait(RequestSpecification request) throws InterruptedException {
        Response accepted = request.post("/api/v1/imports");
        accepted.then().statusCode(202);
        String id = accepted.path("id");
        for (int i = 0; i < 600; i++) {
            JsonPath job = admin().get("/api/v1/imports/" + id).then().statusCode(200).extract().jsonPath();
            if (job.getString("state").equals("SUCCEEDED") || job.getString("state").equals("FAILED")) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import job " + id + " did not finish");
    }

    /** Posts a computation, expects 202 with its scope, waits for SUCCEEDED and returns its id. */
    static String computeAndWait(RequestSpecification as, Map<String, Object> body) throws InterruptedException {
        Response accepted = as.contentType(ContentType.JSON).body(body).post(COMPUTATIONS);
        accepted.then().statusCode(202).header("Location", containsString(COMPUTATIONS + "/"))
                .body("state", equalTo("QUEUED")).body("scope", notNullValue());
        String id = accepted.path("id");
        String state = "QUEUED";
        for (int i = 0; i < 900 && (state.equals("QUEUED") || state.equals("RUNNING")); i++) {
            Thread.sleep(200);
            state = admin().get(COMPUTATIONS + "/" + id).then().statusCode(200).extract().path("state");
        }
        assertEquals("SUCCEEDED", state);
        return id;
    }

    static List<Map<String, Object>> suggestions(String country, String computation) {
        return admin().get(SUGGESTIONS + "?country=" + country + "&state=OPEN&limit=100"
                + (computation == null ? "" : "&computationId=" + computation)).then().statusCode(200)
                .extract().path("items");
    }

    /** The suggested groups, as sets of positions in {@code ids}. */
    static List<Set<Integer>> groups(List<UUID> ids, List<Map<String, Object>> suggestions) {
        List<Set<Integer>> out = new ArrayList<>();
        for (Map<String, Object> s : suggestions) {
            Set<Integer> g = new HashSet<>();
            for (Object m : (List<?>) s.get("recommendationIds")) {
                g.add(ids.indexOf(UUID.fromString((String) m)));
            }
            out.add(g);
        }
        return out;
    }

    static Map<String, Object> decisions(String decision, Object... idsAndTags) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < idsAndTags.length; i += 2) {
            items.add(Map.of("id", idsAndTags[i].toString(), "etag", idsAndTags[i + 1]));
        }
        return Map.of("decision", decision, "suggestions", items);
    }

    /** A scope's filters that are set. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> set(Object scope) {
        Map<String, Object> out = new java.util.HashMap<>((Map<String, Object>) scope);
        out.values().removeIf(java.util.Objects::isNull);
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> cast(Object o) {
        return (List<Map<String, Object>>) o;
    }

    @Transactional
    List<String> ids(String country, int cycle) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("select id from recommendation where country = ?1 and upr_cycle = ?2")
                .setParameter(1, country).setParameter(2, cycle).getResultList();
        return ids.stream().map(UUID::toString).toList();
    }

    @Transactional
    UUID insertComputation(String country) {
        UUID computation = UUID.randomUUID();
        em.createNativeQuery("insert into cluster_computation (id, country, state, progress, model, created_at, created_by)"
                + " values (?1, ?2, 'SUCCEEDED', 1, 'all-minilm-l6-v2-q', now(), 'test')")
                .setParameter(1, computation).setParameter(2, country).executeUpdate();
        return computation;
    }

    /** An open suggestion of one member; the rank keeps them in insertion order among equals. */
    @Transactional
    UUID insertSuggestion(UUID computation, String country, String label, UUID member) {
        UUID suggestion = UUID.randomUUID();
        int rank = ((Number) em.createNativeQuery("select count(*) from cluster_suggestion where computation_id = ?1")
                .setParameter(1, computation).getSingleResult()).intValue();
        em.createNativeQuery("insert into cluster_suggestion (id, computation_id, country, state, terms, size, cohesion,"
                + " rank, label, label_source) values (?1, ?2, ?3, 'OPEN', array['x'], 1, ?4, ?5, ?6, 'THEME')")
                .setParameter(1, suggestion).setParameter(2, computation).setParameter(3, country)
                .setParameter(4, 0.9 - rank * 0.1).setParameter(5, rank).setParameter(6, label).executeUpdate();
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
    long computations(String country) {
        return ((Number) em.createNativeQuery("select count(*) from cluster_computation where country = ?1")
                .setParameter(1, country).getSingleResult()).longValue();
    }
}
