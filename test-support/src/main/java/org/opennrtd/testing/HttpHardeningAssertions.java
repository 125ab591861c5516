package org.opennrtd.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.restassured.response.Response;
import java.util.List;

/**
 * What every service's HTTP layer promises, whoever writes the answer: {@code X-Content-Type-Options: nosniff} on
 * every answer, {@code Cache-Control: no-store} unless the answer sets its own, and a 414 problem document for a
 * request target over the API's limit (8,192 characters).
 */
public final class HttpHardeningAssertions {

    public static final String PROBLEM_JSON = "application/problem+json";
    /** The documented limit of the path and query (opennrtd.http.max-request-target-length). */
    public static final int MAX_REQUEST_TARGET = 8192;

    private HttpHardeningAssertions() {
    }

    /** An authenticated JSON read (the caller set up by the test): 200, nosniff, exactly one Cache-Control, no-store. */
    public static void assertAuthenticatedReadIsNotStored(String path) {
        Response r = given().accept("application/json").when().get(path);
        r.then().statusCode(200).contentType(startsWith("application/json"));
        assertHardened(r, "no-store");
    }

    /** An anonymous call to an API path: the 401 problem carries both headers. */
    public static void assertUnauthorizedIsHardened(String path) {
        Response r = given().when().get(path);
        r.then().statusCode(401).contentType(PROBLEM_JSON);
        assertHardened(r, "no-store");
    }

    /** A read of something that does not exist (the caller set up by the test): the 404 problem carries both. */
    public static void assertNotFoundProblemIsHardened(String path) {
        Response r = given().when().get(path);
        r.then().statusCode(404).contentType(PROBLEM_JSON).body("status", equalTo(404));
        assertHardened(r, "no-store");
    }

    /** The contract document, served outside JAX-RS, carries both too. */
    public static void assertContractDocumentIsHardened() {
        Response r = given().queryParam("format", "json").when().get("/q/openapi");
        r.then().statusCode(200).body("openapi", startsWith("3."));
        assertHardened(r, "no-store");
    }

    /**
     * A request target over the limit (the path followed by a long query) gets a 414 problem document with nosniff,
     * before authentication (no token is sent: a 401 would mean the limit was not checked first); one under the
     * limit but over Vert.x's old 4,096 is served as usual (here: 401 for want of a token).
     */
    public static void assertOverLongRequestTargetIsProblem(String apiPath) {
        String over = apiPath + "?q=" + "a".repeat(MAX_REQUEST_TARGET + 1000);
        Response r = given().urlEncodingEnabled(false).when().get(over);
        r.then().statusCode(414).contentType(PROBLEM_JSON)
                .body("type", equalTo("https://opennrtd.org/problems/uri-too-long"))
                .body("title", equalTo("URI Too Long"))
                .body("status", equalTo(414))
                .body("detail", containsString(Integer.toString(MAX_REQUEST_TARGET)))
                .body("detail", not(containsString("Exception")));
        assertHardened(r, "no-store");

        String under = apiPath + "?q=" + "a".repeat(6000);
        given().urlEncodingEnabled(false).when().get(under).then().statusCode(401).contentType(PROBLEM_JSON);
    }

    /** nosniff, and one Cache-Control with exactly this value. */
    public static void assertHardened(Response r, String cacheControl) {
        assertEquals("nosniff", r.header("X-Content-Type-Options"), "X-Content-Type-Options");
        List<String> values = r.headers().getValues("Cache-Control");
        assertEquals(List.of(cacheControl), values, "Cache-Control");
    }

    /** nosniff, and the answer's own Cache-Control, never replaced or joined by no-store. */
    public static void assertOwnCacheControlKept(Response r) {
        assertEquals("nosniff", r.header("X-Content-Type-Options"), "X-Content-Type-Options");
        List<String> values = r.headers().getValues("Cache-Control");
        assertEquals(1, values.size(), "one Cache-Control: " + values);
        assertNotEquals("no-store", values.get(0), "the resource's own Cache-Control");
    }
}
