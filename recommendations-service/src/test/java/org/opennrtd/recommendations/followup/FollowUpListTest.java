package org.opennrtd.recommendations.followup;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.opennrtd.recommendations.followup.Fixtures.admin;
import static org.opennrtd.recommendations.followup.Fixtures.as;
import static org.opennrtd.recommendations.followup.Fixtures.civilSociety;
import static org.opennrtd.recommendations.followup.Fixtures.coordinator;
import static org.opennrtd.recommendations.followup.Fixtures.ohchr;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/** The follow-ups of all recommendations of a country in one paged read (KAZ, and CYP for another country). */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class FollowUpListTest {

    static final String KAZ = "KAZ";
    static final String PATH = "/api/v1/recommendation-follow-ups";

    @Test
    void aCountrysStatusesAreReadInPagesAndFilteredByStatus() {
        UUID a = Fixtures.createRecommendation(KAZ, "Adopt a national action plan against racism " + UUID.randomUUID());
        UUID b = Fixtures.createRecommendation(KAZ, "Ratify the Optional Protocol to CAT " + UUID.randomUUID());
        UUID c = Fixtures.createRecommendation(KAZ, "Train the police on hate crime " + UUID.randomUUID());
        Fixtures.createRecommendation("CYP", "Elsewhere " + UUID.randomUUID());
        as(coordinator(KAZ)).header("If-Match", "\"0\"").body(Map.of("implementationStatus", "IMPLEMENTED"))
                .put("/api/v1/recommendations/" + b + "/follow-up").then().statusCode(200);

        as(civilSociety(KAZ)).get(PATH).then().statusCode(200)
                .body("page.total", equalTo(3)).body("page.offset", equalTo(0)).body("page.limit", equalTo(20))
                .body("items.recommendationId", containsInAnyOrder(a.toString(), b.toString(), c.toString()))
                .body("items.country", everyItem(equalTo(KAZ)));
        as(ohchr()).queryParam("country", KAZ).queryParam("implementationStatus", "IMPLEMENTED").get(PATH).then()
                .statusCode(200).body("page.total", equalTo(1)).body("items[0].recommendationId", equalTo(b.toString()))
                .body("items[0].version", equalTo(1));
        as(admin()).queryParam("country", KAZ).queryParam("implementationStatus", "NOT_STARTED")
                .queryParam("offset", 1).queryParam("limit", 1).get(PATH).then().statusCode(200)
                .body("page.total", equalTo(2)).body("items", hasSize(1));
        List<String> firstTwo = as(admin()).queryParam("country", KAZ).queryParam("limit", 2).get(PATH).then()
                .statusCode(200).extract().path("items.recommendationId");
        as(admin()).queryParam("country", KAZ).queryParam("offset", 2).get(PATH).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].recommendationId",
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.isIn(firstTwo)));
    }

    @Test
    void anotherCountryBadInputAndNoTokenAreRefused() {
        as(civilSociety(KAZ)).queryParam("country", "CYP").get(PATH).then().statusCode(403)
                .contentType("application/problem+json");
        as(civilSociety(KAZ)).queryParam("implementationStatus", "DONE").get(PATH).then().statusCode(400)
                .contentType("application/problem+json");
        as(civilSociety(KAZ)).queryParam("limit", 101).get(PATH).then().statusCode(400);
        as(null).get(PATH).then().statusCode(401);
    }

    @Test
    void recommendationsAndTheirExportAreFilteredByImplementationStatusAndPriorityLevel() {
        String uzb = "UZB";
        UUID untouched = Fixtures.createRecommendation(uzb, "Establish a national preventive mechanism " + UUID.randomUUID());
        UUID high = Fixtures.createRecommendation(uzb, "Criminalise torture in line with CAT " + UUID.randomUUID());
        UUID done = Fixtures.createRecommendation(uzb, "Ratify the Convention on disability rights " + UUID.randomUUID());
        as(coordinator(uzb)).header("If-Match", "\"0\"").body(Map.of("implementationStatus", "IN_PROGRESS",
                "priorityLevel", "HIGH")).put("/api/v1/recommendations/" + high + "/follow-up").then().statusCode(200);
        as(coordinator(uzb)).header("If-Match", "\"0\"").body(Map.of("implementationStatus", "IMPLEMENTED",
                "priorityLevel", "LOW")).put("/api/v1/recommendations/" + done + "/follow-up").then().statusCode(200);

        String list = "/api/v1/recommendations";
        as(civilSociety(uzb)).queryParam("implementationStatus", "NOT_STARTED").get(list).then().statusCode(200)
                .body("page.total", equalTo(1)).body("items[0].id", equalTo(untouched.toString()));
        as(civilSociety(uzb)).queryParam("implementationStatus", "IN_PROGRESS").get(list).then().statusCode(200)
                .body("page.total", equalTo(1)).body("items[0].id", equalTo(high.toString()));
        as(admin()).queryParam("country", uzb).queryParam("priorityLevel", "LOW").get(list).then().statusCode(200)
                .body("page.total", equalTo(1)).body("items[0].id", equalTo(done.toString()));
        as(admin()).queryParam("country", uzb).queryParam("priorityLevel", "MEDIUM").get(list).then().statusCode(200)
                .body("page.total", equalTo(0));
        as(admin()).queryParam("country", uzb).queryParam("priorityLevel", "HIGH")
                .queryParam("implementationStatus", "IMPLEMENTED").get(list).then().statusCode(200)
                .body("page.total", equalTo(0));
        as(civilSociety(uzb)).queryParam("priorityLevel", "URGENT").get(list).then().statusCode(400)
                .contentType("application/problem+json");

        String csv = as(civilSociety(uzb)).queryParam("format", "csv").queryParam("columns", "id,text")
                .queryParam("implementationStatus", "NOT_STARTED").get("/api/v1/recommendation-exports").then()
                .statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(csv.contains(untouched.toString()), csv);
        org.junit.jupiter.api.Assertions.assertFalse(csv.contains(high.toString()), csv);
        org.junit.jupiter.api.Assertions.assertFalse(csv.contains(done.toString()), csv);
    }
}
