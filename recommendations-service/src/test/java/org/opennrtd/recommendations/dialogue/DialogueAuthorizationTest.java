package org.opennrtd.recommendations.dialogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opennrtd.recommendations.dialogue.Dialogue.as;
import static org.opennrtd.recommendations.dialogue.Dialogue.comment;
import static org.opennrtd.recommendations.dialogue.Dialogue.recommendation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/**
 * Every role against every write of the dialogue and webhook endpoints, and the same writes from another country
 * by id (404: its records are not revealed).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class DialogueAuthorizationTest {

    static final String DNK = "DNK";
    static final String NHRI_INSTITUTION = "danish-institute-for-human-rights";
    static final List<String> ROLES = List.of("admin", "coordinator", "focal-point", "nhri", "civil-society", "ohchr");

    static RequestSpecification caller(String role, String country) {
        boolean global = role.equals("admin") || role.equals("ohchr");
        return as(role, global && country.equals(DNK) ? null : country,
                role.equals("nhri") ? NHRI_INSTITUTION : "inst-" + role);
    }

    /** A write attempted by a caller, answering its HTTP status. */
    interface Write extends Function<RequestSpecification, Integer> {
    }

    String rec;

    String threadComment() {
        return as("civil-society", DNK, "ngo").body(comment("A thread", null))
                .when().post("/api/v1/recommendations/" + rec + "/comments").then().statusCode(201).extract().path("id");
    }

    String assessment() {
        return as("nhri", DNK, NHRI_INSTITUTION).body(Map.of("status", "IN_PROGRESS", "narrative", "Under way",
                "assessedOn", "2025-01-01")).when().post("/api/v1/recommendations/" + rec + "/assessments")
                .then().statusCode(201).extract().path("id");
    }

    String subscriptionOfDenmark() {
        return as("coordinator", DNK).body(subscription()).when().post("/api/v1/webhook-subscriptions")
                .then().statusCode(201).extract().path("id");
    }

    static Map<String, Object> subscription() {
        return Map.of("url", "https://integrator.example/hooks", "country", DNK, "eventTypes", List.of("COMMENT_CREATED"));
    }

    Map<String, Write> writes() {
        Map<String, Write> w = new LinkedHashMap<>();
        w.put("start a thread", c -> c.body(comment("Start", null))
                .post("/api/v1/recommendations/" + rec + "/comments").statusCode());
        w.put("reply", c -> {
            String parent = threadComment();
            return c.body(comment("Reply", parent)).post("/api/v1/recommendations/" + rec + "/comments").statusCode();
        });
        w.put("edit another's comment", c -> c.header("If-Match", "\"0\"").body(Map.of("text", "Changed"))
                .put("/api/v1/comments/" + threadComment()).statusCode());
        w.put("hide a comment", c -> c.header("If-Match", "\"0\"").body(Map.of("hidden", true, "reason", "Off topic"))
                .put("/api/v1/comments/" + threadComment() + "/visibility").statusCode());
        w.put("record an assessment", c -> c.body(Map.of("status", "IMPLEMENTED", "narrative", "Done",
                "assessedOn", "2025-02-01")).post("/api/v1/recommendations/" + rec + "/assessments").statusCode());
        w.put("correct an assessment", c -> c.header("If-Match", "\"0\"").body(Map.of("status", "IMPLEMENTED",
                "narrative", "Corrected", "assessedOn", "2025-01-01")).put("/api/v1/assessments/" + assessment())
                .statusCode());
        w.put("subscribe", c -> c.body(subscription()).post("/api/v1/webhook-subscriptions").statusCode());
        w.put("change a subscription", c -> c.header("If-Match", "\"0\"").body(subscription())
                .put("/api/v1/webhook-subscriptions/" + subscriptionOfDenmark()).statusCode());
        return w;
    }

    /** Expected status per write, in the order of {@link #ROLES}. */
    static final Map<String, List<Integer>> SAME_COUNTRY = new LinkedHashMap<>();

    static {
        //                                          admin coord focal nhri  cs    ohchr
        SAME_COUNTRY.put("start a thread",         List.of(201, 403, 403, 201, 201, 403));
        SAME_COUNTRY.put("reply",                  List.of(201, 201, 201, 201, 201, 403));
        SAME_COUNTRY.put("edit another's comment", List.of(403, 403, 403, 403, 403, 403));
        SAME_COUNTRY.put("hide a comment",         List.of(200, 200, 403, 403, 403, 403));
        SAME_COUNTRY.put("record an assessment",   List.of(403, 403, 403, 201, 403, 403));
        SAME_COUNTRY.put("correct an assessment",  List.of(403, 403, 403, 200, 403, 403));
        SAME_COUNTRY.put("subscribe",              List.of(201, 201, 403, 403, 403, 403));
        SAME_COUNTRY.put("change a subscription",  List.of(200, 200, 403, 403, 403, 403));
    }

    @Test
    void eachRoleMayDoExactlyItsWritesInItsCountry() {
        rec = recommendation(DNK, "Strengthen the protection of whistle-blowers");
        List<String> wrong = new ArrayList<>();
        writes().forEach((name, write) -> {
            for (int i = 0; i < ROLES.size(); i++) {
                String role = ROLES.get(i);
                int status = write.apply(caller(role, DNK).when());
                if (status != SAME_COUNTRY.get(name).get(i)) {
                    wrong.add(role + " / " + name + ": " + status + " instead of " + SAME_COUNTRY.get(name).get(i));
                }
            }
        });
        assertEquals(List.of(), wrong);
    }

    @Test
    void anotherCountrysRecordsAreNotFoundForEveryWrite() {
        rec = recommendation(DNK, "Investigate allegations of excessive use of force");
        List<String> wrong = new ArrayList<>();
        // Roles that could do the write in Denmark get 404 from Norway: Denmark's records do not exist for them.
        Map<String, List<String>> allowedAtHome = Map.of(
                "start a thread", List.of("nhri", "civil-society"),
                "reply", List.of("coordinator", "focal-point", "nhri", "civil-society"),
                "hide a comment", List.of("coordinator"),
                "record an assessment", List.of("nhri"),
                "change a subscription", List.of("coordinator"));
        Map<String, Write> writes = writes();
        allowedAtHome.forEach((name, roles) -> {
            for (String role : roles) {
                int status = writes.get(name).apply(caller(role, "NOR").when());
                if (status != 404) {
                    wrong.add(role + " of NOR / " + name + ": " + status + " instead of 404");
                }
            }
        });
        // The assessment's own institution, but of another country's account, cannot correct it either.
        int correction = writes.get("correct an assessment").apply(caller("nhri", "NOR").when());
        if (correction != 404) {
            wrong.add("nhri of NOR / correct an assessment: " + correction + " instead of 404");
        }
        // Subscribing for a country not one's own is refused outright.
        int subscribe = writes.get("subscribe").apply(caller("coordinator", "NOR").when());
        if (subscribe != 403) {
            wrong.add("coordinator of NOR / subscribe for DNK: " + subscribe + " instead of 403");
        }
        assertEquals(List.of(), wrong);
    }
}
