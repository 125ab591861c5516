package org.opennrtd.recommendations;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.recommendations.entity.RecommendationEntity;

@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class RecommendationResourceTest {

    static final String PATH = "/api/v1/recommendations";

    @Inject
    EntityManager em;

    @Inject
    RecommendationFixtures fixtures;

    static Map<String, Object> recommendation(String country, String symbol, String paragraph, String text) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("text", text);
        m.put("mechanism", "UPR");
        m.put("body", "UPR");
        m.put("country", country);
        if (symbol != null) {
            m.put("documentSymbol", symbol);
            m.put("paragraph", paragraph);
        }
        m.put("uprCycle", 3);
        m.put("recommendingStates", List.of("Austria", "Brazil"));
        m.put("position", "SUPPORTED");
        m.put("themes", List.of("Rights of the Child", "Education"));
        m.put("affectedPersons", List.of("Children"));
        m.put("sdgTargets", List.of("4.1", "16.2"));
        m.put("sdgGoals", List.of(5));
        return m;
    }

    static Response create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).when().post(PATH);
    }

    @Test
    @TestSecurity(user = "coordinator-svn", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "AUT"))
    void coordinatorCreatesAndReadsARecommendation() {
        Response created = create(recommendation("AUT", "A/HRC/43/15", "121.1",
                "Ratify the Optional Protocol to the Convention on the Rights of the Child on a communications procedure"));
        created.then().statusCode(201)
                .header("Location", containsString(PATH + "/"))
                .header("ETag", equalTo("\"0\""))
                .body("country", equalTo("AUT"))
                .body("position", equalTo("SUPPORTED"))
                .body("sdgGoals", contains(4, 5, 16))
                .body("themes", contains("Rights of the Child", "Education"));
        String id = created.path("id");

        given().when().get(PATH + "/" + id).then().statusCode(200)
                .header("ETag", equalTo("\"0\""))
                .body("id", equalTo(id))
                .body("documentSymbol", equalTo("A/HRC/43/15"))
                .body("paragraph", equalTo("121.1"))
                .body("recommendingStates", contains("Austria", "Brazil"))
                .body("sdgTargets", contains("4.1", "16.2"));
        assertEquals(1L, auditCount(UUID.fromString(id), "CREATE"));
    }

    @Test
    @TestSecurity(user = "coordinator-svn", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "AUT"))
    void updateNeedsTheCurrentEntityTag() {
        String id = create(recommendation("AUT", "A/HRC/43/15", "121.2", "Adopt a national action plan on business and human rights"))
                .then().statusCode(201).extract().path("id");
        Map<String, Object> changed = new java.util.HashMap<>(recommendation("AUT", "A/HRC/43/15", "121.2",
                "Adopt and fund a national action plan on business and human rights"));
        changed.put("position", "NOTED");

        given().contentType(ContentType.JSON).body(changed).when().put(PATH + "/" + id)
                .then().statusCode(428).contentType("application/problem+json").body("status", equalTo(428));
        given().contentType(ContentType.JSON).header("If-Match", "\"7\"").body(changed).when().put(PATH + "/" + id)
                .then().statusCode(412).contentType("application/problem+json");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(changed).when().put(PATH + "/" + id)
                .then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("position", equalTo("NOTED")).body("text", startsWithAdopt());
        // The tag just used is now stale: a second writer holding it loses instead of overwriting.
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(recommendation("AUT", "A/HRC/43/15", "121.2", "x"))
                .when().put(PATH + "/" + id).then().statusCode(412);
        given().when().get(PATH + "/" + id).then().body("text", startsWithAdopt()).body("version", equalTo(1));
        assertEquals(1L, auditCount(UUID.fromString(id), "UPDATE"));
        Map<?, ?> before = auditBefore(UUID.fromString(id));
        assertEquals("SUPPORTED", before.get("position"));
    }

    private static org.hamcrest.Matcher<String> startsWithAdopt() {
        return equalTo("Adopt and fund a national action plan on business and human rights");
    }

    @Test
    @TestSecurity(user = "coordinator-svn", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "AUT"))
    void duplicateDocumentParagraphIsAConflict() {
        create(recommendation("AUT", "A/HRC/43/15", "121.3", "Strengthen the Ombudsman")).then().statusCode(201);
        create(recommendation("AUT", "A/HRC/43/15", "121.3", "Something else"))
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("121.3"));
    }

    @Test
    @TestSecurity(user = "coordinator-svn", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "AUT"))
    void theParagraphIsAKeyOnlyOfRecommendationsWithoutAnnotationId() {
        // Two UHRI annotations of one paragraph (as the UHRI holds them) are two recommendations.
        Map<String, Object> concern = recommendation("AUT", "CRC/C/AUT/CO/5-6", "17", "The Committee is concerned");
        concern.put("uhriAnnotationId", "b7a00005-0000-4000-8000-000000000001");
        Map<String, Object> recommends = recommendation("AUT", "CRC/C/AUT/CO/5-6", "17", "The Committee recommends");
        recommends.put("uhriAnnotationId", "b7a00005-0000-4000-8000-000000000002");
        create(concern).then().statusCode(201).body("paragraph", equalTo("17"));
        String second = create(recommends).then().statusCode(201).body("paragraph", equalTo("17"))
                .body("uhriAnnotationId", equalTo("b7a00005-0000-4000-8000-000000000002")).extract().path("id");
        // One without annotation id may carry it too, but only one.
        String plain = create(recommendation("AUT", "CRC/C/AUT/CO/5-6", "17", "Entered by hand")).then().statusCode(201)
                .extract().path("id");
        create(recommendation("AUT", "CRC/C/AUT/CO/5-6", "17", "Entered twice")).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("without UHRI annotation id already has document CRC/C/AUT/CO/5-6"
                        + " paragraph 17"));
        // An update is checked the same way: dropping the annotation id of the second would make a second one.
        Map<String, Object> dropped = recommendation("AUT", "CRC/C/AUT/CO/5-6", "17", "The Committee recommends");
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(dropped).when().put(PATH + "/" + second)
                .then().statusCode(409).body("detail", containsString("paragraph 17"));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"")
                .body(recommendation("AUT", "CRC/C/AUT/CO/5-6", "17", "Entered by hand, corrected"))
                .when().put(PATH + "/" + plain).then().statusCode(200)
                .body("text", equalTo("Entered by hand, corrected"));
        given().when().get(PATH + "?country=AUT&documentSymbol=CRC/C/AUT/CO/5-6").then().statusCode(200)
                .body("page.total", equalTo(3)).body("items.paragraph", everyItem(equalTo("17")));
    }

    @Test
    @TestSecurity(user = "coordinator-svn", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "AUT"))
    void coordinatorCannotWriteForAnotherCountry() {
        create(recommendation("HRV", "A/HRC/43/99", "1.1", "Not ours")).then().statusCode(403)
                .contentType("application/problem+json");
        given().when().get(PATH + "?country=HRV").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "ngo-svn", roles = "civil-society")
    @OidcSecurity(claims = @Claim(key = "country", value = "AUT"))
    void civilSocietyReadsOnlyItsOwnCountryAndWritesNothing() {
        UUID foreign = fixtures.insert("HRV", "Combat hate speech against Serbs and Roma",
                RecommendationEntity.Position.PENDING, List.of());
        UUID own = fixtures.insert("AUT", "Recognise the German-speaking community",
                RecommendationEntity.Position.PENDING, List.of());

        given().when().get(PATH + "/" + foreign).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(foreign.toString()));
        given().when().get(PATH + "/" + own).then().statusCode(200).body("country", equalTo("AUT"));
        given().when().get(PATH + "?limit=100").then().statusCode(200)
                .body("items.country", everyItem(equalTo("AUT")))
                .body("items.id", hasItem(own.toString()));
        create(recommendation("AUT", "A/HRC/43/15", "121.9", "x")).then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(recommendation("AUT", null, null, "x"))
                .when().put(PATH + "/" + own).then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void searchFiltersCombineAndFullTextFindsStems() {
        create(Map.of("text", "Criminalize marital rape and domestic violence", "mechanism", "TREATY_BODY",
                "body", "CEDAW", "country", "MKD", "documentSymbol", "CEDAW/C/MKD/CO/2", "paragraph", "21",
                "themes", List.of("Violence against women"), "affectedPersons", List.of("Women"),
                "sdgTargets", List.of("5.2"))).then().statusCode(201);
        create(Map.of("text", "Ensure inclusive education for Roma children", "mechanism", "UPR",
                "body", "UPR", "country", "MKD", "documentSymbol", "A/HRC/42/12", "paragraph", "115.4",
                "position", "NOTED", "themes", List.of("Right to education"), "affectedPersons", List.of("Roma", "Children"),
                "sdgTargets", List.of("4.5"))).then().statusCode(201);

        given().when().get(PATH + "?country=MKD&q=criminalizing violence").then().statusCode(200)
                .body("page.total", equalTo(1)).body("items[0].body", equalTo("CEDAW"));
        given().when().get(PATH + "?country=MKD&affectedPerson=Children&sdgGoal=4").then().statusCode(200)
                .body("page.total", equalTo(1)).body("items[0].paragraph", equalTo("115.4"));
        given().when().get(PATH + "?country=MKD&mechanism=TREATY_BODY&position=PENDING").then().statusCode(200)
                .body("page.total", equalTo(1)).body("items[0].sdgGoals", contains(5));
        given().when().get(PATH + "?country=MKD&sort=-documentSymbol&limit=1").then().statusCode(200)
                .body("page.total", equalTo(2)).body("page.limit", equalTo(1)).body("items.size()", equalTo(1))
                .body("items[0].documentSymbol", equalTo("CEDAW/C/MKD/CO/2"));
        given().when().get(PATH + "?country=MKD&offset=1&limit=1&sort=documentSymbol").then().statusCode(200)
                .body("items[0].documentSymbol", equalTo("CEDAW/C/MKD/CO/2"));
        given().when().get(PATH + "?country=MKD&theme=Nothing").then().statusCode(200)
                .body("page.total", equalTo(0)).body("items.size()", equalTo(0));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void pagesCarryTheTotalAndFollowTheDefaultOrderToTheEnd() {
        for (String paragraph : List.of("10.2", "9.1", "10.10", "10.1")) {
            create(Map.of("text", "Protect the rights of children " + paragraph, "mechanism", "UPR", "body", "UPR",
                    "country", "MCO", "documentSymbol", "A/HRC/53/9", "paragraph", paragraph)).then().statusCode(201);
        }
        create(Map.of("text", "Protect the rights of older persons", "mechanism", "UPR", "body", "UPR",
                "country", "MCO", "documentSymbol", "A/HRC/39/3", "paragraph", "120.1")).then().statusCode(201);
        // The same words in another country are not found in this one.
        create(Map.of("text", "Protect the rights of children", "mechanism", "UPR", "body", "UPR",
                "country", "MLT")).then().statusCode(201);

        // Document first, then the paragraph split at its dots (compared as text, part by part).
        given().when().get(PATH + "?country=MCO&limit=2").then().statusCode(200)
                .body("page.total", equalTo(5)).body("items.paragraph", contains("120.1", "10.1"));
        given().when().get(PATH + "?country=MCO&limit=2&offset=2").then().statusCode(200)
                .body("page.total", equalTo(5)).body("items.paragraph", contains("10.10", "10.2"));
        given().when().get(PATH + "?country=MCO&limit=2&offset=4").then().statusCode(200)
                .body("page.total", equalTo(5)).body("items.paragraph", contains("9.1"));
        given().when().get(PATH + "?country=MCO&limit=2&offset=6").then().statusCode(200)
                .body("page.total", equalTo(5)).body("items.size()", equalTo(0));
        given().when().get(PATH + "?country=MCO&q=children&limit=3").then().statusCode(200)
                .body("page.total", equalTo(4)).body("items.size()", equalTo(3))
                .body("items.country", everyItem(equalTo("MCO")));
        given().when().get(PATH + "?country=MCO&q=children&offset=4").then().statusCode(200)
                .body("page.total", equalTo(4)).body("items.size()", equalTo(0));
        given().when().get("/api/v1/recommendation-statistics?country=MCO").then().statusCode(200)
                .body("total", equalTo(5)).body("byPosition.key", contains("PENDING"))
                .body("byPosition.count", contains(5));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void statisticsCountByPositionMechanismBodyAndGoal() {
        create(Map.of("text", "a", "mechanism", "UPR", "body", "UPR", "country", "ARM", "position", "SUPPORTED",
                "sdgTargets", List.of("5.1", "5.2"), "sdgGoals", List.of(10))).then().statusCode(201);
        create(Map.of("text", "b", "mechanism", "UPR", "body", "UPR", "country", "ARM", "position", "NOTED",
                "sdgGoals", List.of(5))).then().statusCode(201);
        create(Map.of("text", "c", "mechanism", "SPECIAL_PROCEDURE", "body", "SR on the right to food",
                "country", "ARM")).then().statusCode(201);

        given().when().get("/api/v1/recommendation-statistics?country=ARM").then().statusCode(200)
                .body("total", equalTo(3))
                .body("byPosition.find { it.key == 'SUPPORTED' }.count", equalTo(1))
                .body("byPosition.find { it.key == 'NOTED' }.count", equalTo(1))
                .body("byPosition.find { it.key == 'PENDING' }.count", equalTo(1))
                .body("byMechanism.find { it.key == 'UPR' }.count", equalTo(2))
                .body("byBody.find { it.key == 'SR on the right to food' }.count", equalTo(1))
                .body("bySdgGoal.find { it.key == '5' }.count", equalTo(2))
                .body("bySdgGoal.find { it.key == '10' }.count", equalTo(1))
                .body("lastUpdatedAt", notNullValue());
        given().when().get("/api/v1/recommendation-statistics?country=ZZZ").then().statusCode(200)
                .body("total", equalTo(0)).body("byPosition.size()", equalTo(0)).body("lastUpdatedAt", nullValue());
    }

    @Transactional
    long auditCount(UUID id, String action) {
        return ((Number) em.createNativeQuery("select count(*) from audit_event where resource_id = ?1 and action = ?2")
                .setParameter(1, id).setParameter(2, action).getSingleResult()).longValue();
    }

    @Transactional
    Map<?, ?> auditBefore(UUID id) {
        String json = (String) em.createNativeQuery(
                        "select cast(before_state as text) from audit_event where resource_id = ?1 and action = 'UPDATE'")
                .setParameter(1, id).getSingleResult();
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
