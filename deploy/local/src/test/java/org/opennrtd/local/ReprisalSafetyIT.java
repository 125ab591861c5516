package org.opennrtd.local;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pseudonymous and restricted comments and a reprisal report with real tokens from the shipped realm: what the
 * Slovenian focal point, coordinator, OHCHR and the reporting service's own account read, and the demo moderator's
 * recorded look behind the pseudonym.
 */
class ReprisalSafetyIT {

    private static final String RECOMMENDATIONS = "recommendations-service";

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    private static void assertNoIdentity(String what, String body) {
        assertFalse(body.contains("civil-society-svn"), what + " names the author: " + body);
        assertFalse(body.contains("human-rights-ngo"), what + " names the author's organisation: " + body);
    }

    @Test
    void governmentReadsThePseudonymOnlyAndTheModeratorsLookIsShownToTheAuthor() {
        E2EStack.assumeRunning(RECOMMENDATIONS);
        String base = E2EStack.url(RECOMMENDATIONS) + "/api/v1";
        String rec = as(E2EStack.userToken("coordinator-svn")).body(AccessAcrossServicesIT.recommendation("SVN"))
                .when().post(base + "/recommendations").then().statusCode(201).extract().path("id");
        String author = E2EStack.userToken("civil-society-svn");
        String comment = as(author).body(Map.of("text", "Our members were questioned after the review."))
                .when().post(base + "/recommendations/" + rec + "/comments").then().statusCode(201)
                .body("identity", equalTo("PSEUDONYM")).extract().path("id");
        String restricted = as(author).body(Map.of("text", "The names of the officers.", "restricted", true))
                .when().post(base + "/recommendations/" + rec + "/comments").then().statusCode(201).extract().path("id");

        for (String reader : new String[] {E2EStack.userToken("focal-point-svn"), E2EStack.userToken("coordinator-svn"),
                E2EStack.userToken("ohchr-analyst"), E2EStack.clientToken("reporting-service",
                        "reporting-service-demo-secret")}) {
            String list = as(reader).when().get(base + "/recommendations/" + rec + "/comments").then().statusCode(200)
                    .body("page.total", equalTo(1)).extract().asString();
            assertNoIdentity("the comments", list);
            as(reader).when().get(base + "/comments/" + restricted).then().statusCode(404);
            as(reader).when().get(base + "/comments/" + comment + "/author").then().statusCode(403);
        }
        String history = as(E2EStack.userToken("coordinator-svn")).when().get(base + "/comments/" + comment + "/history")
                .then().statusCode(200).extract().asString();
        assertNoIdentity("the history", history);

        // The demo data makes nhri-svn moderator of SVN; grant it here too in case the stack ran without demo data.
        as(E2EStack.userToken("admin")).body(Map.of("country", "SVN", "userName", "nhri-svn"))
                .when().post(base + "/moderators").then().statusCode(anyOf(equalTo(201), equalTo(409)));
        as(E2EStack.userToken("nhri-svn")).when().get(base + "/comments/" + comment + "/author").then().statusCode(200)
                .body("authorName", equalTo("civil-society-svn"));
        as(author).when().get(base + "/me/identity-disclosures").then().statusCode(200)
                .body("items.commentId", hasItem(comment)).body("items.moderatorName", hasItem("nhri-svn"));

        String report = as(author).body(Map.of("country", "SVN", "commentId", comment,
                        "description", "Questioned by the police after speaking to the Working Group."))
                .when().post(base + "/reprisal-reports").then().statusCode(201).extract().path("id");
        as(E2EStack.userToken("nhri-svn")).when().get(base + "/reprisal-reports/" + report).then().statusCode(200);
        as(E2EStack.userToken("ohchr-analyst")).when().get(base + "/reprisal-reports/" + report).then().statusCode(200);
        as(E2EStack.userToken("coordinator-svn")).when().get(base + "/reprisal-reports/" + report).then()
                .statusCode(403).contentType(startsWith("application/problem+json"));
    }
}
