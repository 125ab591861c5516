package org.opennrtd.recommendations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.opennrtd.testing.PostgresTestResource;

/**
 * Near-duplicates of the real OHCHR matrix (Slovenia, UPR 34), imported through the API for SVK so as not to meet
 * the other test classes' data. The pairs below were checked by hand against the Word file.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NearDuplicateTest {

    static final String GROUPS = "/api/v1/near-duplicate-groups";
    static final String COMPUTATIONS = "/api/v1/near-duplicate-computations";

    /** Paragraph → recommendation id of the SVK import. */
    static final Map<String, String> ids = new HashMap<>();

    static String enforcedDisappearanceGroup;

    static String nearDuplicates(String paragraph) {
        return "/api/v1/recommendations/" + ids.get(paragraph) + "/near-duplicates";
    }

    static JsonPath of(String paragraph) {
        return given().when().get(nearDuplicates(paragraph)).then().statusCode(200).extract().jsonPath();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String groupOf(String paragraph) {
        return of(paragraph).getString("groupId");
    }

    /** Every SVK group, read page by page. */
    static List<Map<String, Object>> allGroups() {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (int offset = 0; ; offset += 100) {
            JsonPath page = given().when().get(GROUPS + "?country=SVK&limit=100&offset=" + offset).then().statusCode(200)
                    .extract().jsonPath();
            groups.addAll(page.getList("items"));
            if (groups.size() >= page.getInt("page.total")) {
                return groups;
            }
        }
    }

    @Test
    @Order(1)
    @TestSecurity(user = "coordinator-svk", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "SVK"))
    void anImportGroupsTheEnforcedDisappearanceRatificationsTogether() {
        JsonPath job = ImportTest.importFile(ImportTest.upload(ImportFiles.resource(ImportFiles.MATRIX), "matrix.docx",
                ImportTest.DOCX).multiPart("uprCycle", "3").multiPart("uprSession", "34"));
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals(215, job.getInt("created"));
        for (int offset = 0; offset < 215; offset += 100) {
            JsonPath page = given().when().get("/api/v1/recommendations?country=SVK&limit=100&offset=" + offset)
                    .then().statusCode(200).extract().jsonPath();
            List<String> paragraphs = page.getList("items.paragraph");
            List<String> found = page.getList("items.id");
            for (int i = 0; i < paragraphs.size(); i++) {
                ids.put(paragraphs.get(i), found.get(i));
            }
        }
        assertEquals(215, ids.size());

        // 121.1 "Ratify the International Convention for the Protection of All Persons from Enforced Disappearance"
        // 121.2 "Complete the process of ratification of the International Convention ... Enforced Disappearance"
        // Groups are recomputed just after the import commits.
        JsonPath first = of("121.1");
        for (int i = 0; i < 300 && first.getString("groupId") == null; i++) {
            sleep();
            first = of("121.1");
        }
        enforcedDisappearanceGroup = first.getString("groupId");
        assertNotNull(enforcedDisappearanceGroup);
        assertEquals(List.of(ids.get("121.2")), first.getList("items.recommendationId"));
        float score = first.getFloat("items[0].score");
        assertTrue(score > 0.7 && score <= 1, "score " + score);
        JsonPath second = of("121.2");
        assertEquals(first.getString("groupId"), second.getString("groupId"));
        assertEquals(List.of(ids.get("121.1")), second.getList("items.recommendationId"));
        assertEquals(score, second.getFloat("items[0].score"), "a similarity is symmetric");
        assertEquals("121.1", second.getString("items[0].paragraph"));
    }

    @Test
    @Order(2)
    @TestSecurity(user = "ngo-svk", roles = "civil-society")
    @OidcSecurity(claims = @Claim(key = "country", value = "SVK"))
    void handCheckedPairsAreGroupedOrApart() {
        // Same request, other words or other States.
        String[][] together = {
            {"121.1", "121.2"},     // ratify / complete ratification of the Enforced Disappearance Convention
            {"122.2", "122.4"},     // ratify / complete ratification of the Migrant Workers Convention
            {"122.2", "122.3"},
            {"122.5", "122.7"},     // consider ratifying / ratify the 1961 Statelessness Convention
            {"121.38", "122.106"},  // revise the definition of rape so that it rests on the absence of consent
            {"122.51", "122.52"},   // criminal justice response to (racist) hate speech and violence
            {"121.53", "121.57"},   // fair and effective asylum procedures
            {"121.8", "122.32"},    // raise awareness of the need to eliminate discrimination and hate speech
        };
        for (String[] pair : together) {
            String group = groupOf(pair[0]);
            assertNotNull(group, pair[0] + " has near-duplicates");
            assertEquals(group, groupOf(pair[1]), pair[0] + " and " + pair[1] + " ask for the same thing");
        }
        // Different requests that share many words.
        String[][] apart = {
            {"121.1", "122.2"},     // two different "International Convention on the Protection of ..." treaties
            {"122.7", "122.2"},     // statelessness vs migrant workers
            {"121.1", "122.1"},     // enforced disappearance vs the Optional Protocol to the ICESCR
            {"121.13", "122.51"},   // domestic violence vs hate speech
            {"122.95", "121.53"},   // education vs asylum
            {"122.15", "122.16"},   // a national human rights institution vs one for the rights of the child
        };
        for (String[] pair : apart) {
            assertNotEquals(Objects.requireNonNullElse(groupOf(pair[0]), "none-" + pair[0]),
                    Objects.requireNonNullElse(groupOf(pair[1]), "none-" + pair[1]),
                    pair[0] + " and " + pair[1] + " ask for different things");
        }
        // A recommendation without near-duplicates: an empty list, not a 404.
        given().when().get(nearDuplicates("122.63")).then().statusCode(200)
                .body("recommendationId", equalTo(ids.get("122.63")))
                .body("items.size()", equalTo(0));
    }

    @Test
    @Order(3)
    @TestSecurity(user = "focal-svk", roles = "focal-point")
    @OidcSecurity(claims = @Claim(key = "country", value = "SVK"))
    void groupsAreListedPagedAndScoredWithinTheOpenUnitInterval() {
        List<Map<String, Object>> groups = allGroups();
        assertTrue(groups.size() >= 8, "the hand-checked groups at least: " + groups.size());
        int previousSize = Integer.MAX_VALUE;
        for (Map<String, Object> g : groups) {
            int size = (Integer) g.get("size");
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> members = (List<Map<String, Object>>) g.get("members");
            assertEquals("SVK", g.get("country"));
            assertEquals(size, members.size());
            assertTrue(size >= 2 && size <= previousSize, "largest first");
            previousSize = size;
            double cohesion = ((Number) g.get("cohesion")).doubleValue();
            assertTrue(cohesion > 0 && cohesion <= 1, "cohesion " + cohesion);
            assertEquals(g.get("representativeId"), members.get(0).get("recommendationId"));
            assertEquals(g.get("representativeText"), members.get(0).get("text"));
            assertEquals(1.0, ((Number) members.get(0).get("score")).doubleValue(), 1e-9);
            for (Map<String, Object> m : members) {
                double score = ((Number) m.get("score")).doubleValue();
                assertTrue(score > 0 && score <= 1, "score " + score);
            }
        }
        System.out.printf("Near-duplicates of the real matrix: %d groups, sizes %s%n", groups.size(),
                groups.stream().map(g -> g.get("size")).toList());

        int total = groups.size();
        given().when().get(GROUPS + "?country=SVK&limit=2&offset=1").then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items[0].id", equalTo(groups.get(1).get("id")))
                .body("page.total", equalTo(total))
                .body("page.offset", equalTo(1))
                .body("page.limit", equalTo(2));
        given().when().get(GROUPS + "?limit=100").then().statusCode(200)
                .body("items.country", everyItem(equalTo("SVK"))).body("page.total", equalTo(total));
        given().when().get(GROUPS + "?country=SVK&offset=" + total).then().statusCode(200)
                .body("items.size()", equalTo(0)).body("page.total", equalTo(total));
        long large = groups.stream().filter(g -> (Integer) g.get("size") >= 3).count();
        given().when().get(GROUPS + "?country=SVK&minSize=3&limit=100").then().statusCode(200)
                .body("page.total", equalTo((int) large))
                .body("items.size", everyItem(greaterThanOrEqualTo(3)));
        given().when().get(GROUPS + "?country=SVK&minSize=1").then().statusCode(400)
                .contentType("application/problem+json");

        String id = (String) groups.get(0).get("id");
        given().when().get(GROUPS + "/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("size", equalTo(groups.get(0).get("size")))
                .body("members.recommendationId", equalTo(((List<?>) groups.get(0).get("members")).stream()
                        .map(m -> ((Map<?, ?>) m).get("recommendationId")).toList()));
        given().when().get(GROUPS + "/00000000-0000-4000-8000-000000000000").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @Order(4)
    @TestSecurity(user = "coordinator-svn", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "SVN"))
    void anotherCountrysGroupsAndRecommendationsAreInvisible() {
        given().when().get(GROUPS + "/" + enforcedDisappearanceGroup).then().statusCode(404).contentType("application/problem+json");
        given().when().get(nearDuplicates("121.1")).then().statusCode(404).contentType("application/problem+json");
        given().when().get(GROUPS + "?country=SVK").then().statusCode(403).contentType("application/problem+json");
        given().when().get(GROUPS).then().statusCode(200).body("items.country", everyItem(equalTo("SVN")));
        given().contentType(ContentType.JSON).body(Map.of("country", "SVK")).when().post(COMPUTATIONS).then()
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    @Order(5)
    @TestSecurity(user = "ohchr", roles = "ohchr")
    void ohchrSeesEveryCountry() {
        given().when().get(nearDuplicates("121.1")).then().statusCode(200).body("items[0].paragraph", equalTo("121.2"));
        given().when().get(GROUPS + "/" + enforcedDisappearanceGroup).then().statusCode(200).body("country", equalTo("SVK"));
        given().when().get(GROUPS + "?country=SVK&limit=1").then().statusCode(200).body("items.size()", equalTo(1));
        given().contentType(ContentType.JSON).body(Map.of("country", "SVK")).when().post(COMPUTATIONS).then()
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    @Order(6)
    void withoutATokenEveryOperationIs401() {
        given().when().get(GROUPS).then().statusCode(401);
        given().when().get(GROUPS + "/00000000-0000-4000-8000-000000000000").then().statusCode(401);
        given().when().get("/api/v1/recommendations/00000000-0000-4000-8000-000000000000/near-duplicates").then()
                .statusCode(401);
        given().contentType(ContentType.JSON).body(Map.of("country", "SVK")).when().post(COMPUTATIONS).then()
                .statusCode(401);
    }

    @Test
    @Order(7)
    @TestSecurity(user = "coordinator-svk", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "SVK"))
    void recomputingOrReimportingUnchangedDataKeepsTheGroupsAndTheirIds() {
        List<Object> before = allGroups().stream().map(g -> g.get("id")).toList();
        given().contentType(ContentType.JSON).body(Map.of("country", "SVK")).when().post(COMPUTATIONS).then()
                .statusCode(200)
                .body("country", equalTo("SVK"))
                .body("recommendations", equalTo(215))
                .body("groups", equalTo(before.size()));
        assertEquals(before, allGroups().stream().map(g -> g.get("id")).toList());

        JsonPath again = ImportTest.importFile(ImportTest.upload(ImportFiles.resource(ImportFiles.MATRIX), "matrix.docx",
                ImportTest.DOCX).multiPart("uprCycle", "3").multiPart("uprSession", "34"));
        assertEquals(215, again.getInt("unchanged"), again.prettify());
        assertEquals(before, allGroups().stream().map(g -> g.get("id")).toList());
    }

    @Test
    @Order(8)
    @TestSecurity(user = "coordinator-svk", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "SVK"))
    void aRecommendationCreatedByHandJoinsItsGroup() throws InterruptedException {
        Map<String, Object> body = RecommendationResourceTest.recommendation("SVK", "CED/C/SVK/CO/1", "9",
                "Ratify without delay the International Convention for the Protection of All Persons from Enforced"
                        + " Disappearance");
        body.put("mechanism", "TREATY_BODY");
        body.put("body", "CED");
        String created = RecommendationResourceTest.create(body).then().statusCode(201).extract().path("id");
        List<String> members = List.of();
        for (int i = 0; i < 100 && !members.contains(created); i++) {
            Thread.sleep(100);
            members = of("121.1").getList("items.recommendationId");
        }
        assertTrue(members.contains(created), "the new recommendation joins 121.1's group: " + members);
        given().when().get("/api/v1/recommendations/" + created + "/near-duplicates").then().statusCode(200)
                .body("items.paragraph", org.hamcrest.Matchers.hasItems("121.1", "121.2"))
                .body("items.mechanism", everyItem(equalTo("UPR")));
    }
}
