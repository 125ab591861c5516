package org.opennrtd.recommendations.followup;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.opennrtd.recommendations.followup.Fixtures.as;
import static org.opennrtd.recommendations.followup.Fixtures.civilSociety;
import static org.opennrtd.recommendations.followup.Fixtures.coordinator;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/**
 * A recommendation's follow-up is stored from its first change on: before that it is NOT_STARTED at version 0 without
 * a row, and the first change is version-checked like any other, also against a concurrent first change
 * (recommendations of LTU).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class FirstFollowUpChangeTest {

    static final String LTU = "LTU";
    static final ExecutorService PARALLEL = Executors.newFixedThreadPool(2);

    @Inject
    DataSource dataSource;

    @AfterAll
    static void stop() {
        PARALLEL.shutdownNow();
    }

    @Test
    void aNeverChangedRecommendationHasNoRowAndIsNotStartedAtVersionZero() throws Exception {
        UUID rec = Fixtures.createRecommendation(LTU, "Adopt a national action plan on human rights " + UUID.randomUUID());
        assertEquals(0, rows(rec));
        as(civilSociety(LTU)).get(path(rec)).then().statusCode(200).header("ETag", equalTo("\"0\""))
                .body("implementationStatus", equalTo("NOT_STARTED")).body("priorityLevel", nullValue())
                .body("updatedAt", nullValue()).body("version", equalTo(0));
        as(civilSociety(LTU)).get("/api/v1/recommendations/" + rec + "/priority-score").then().statusCode(200)
                .body("priorityLevel", nullValue());

        // Setting what it already is writes nothing.
        as(coordinator(LTU)).header("If-Match", "\"0\"").body(Map.of("implementationStatus", "NOT_STARTED"))
                .put(path(rec)).then().statusCode(200).header("ETag", equalTo("\"0\""));
        assertEquals(0, rows(rec));

        as(coordinator(LTU)).header("If-Match", "\"0\"").body(Map.of("implementationStatus", "IN_PROGRESS"))
                .put(path(rec)).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("updatedAt", notNullValue());
        assertEquals(1, rows(rec));
        as(coordinator(LTU)).header("If-Match", "\"0\"").body(Map.of("implementationStatus", "IMPLEMENTED"))
                .put(path(rec)).then().statusCode(412);
        as(coordinator(LTU)).header("If-Match", "\"1\"").body(Map.of("implementationStatus", "IMPLEMENTED"))
                .put(path(rec)).then().statusCode(200).header("ETag", equalTo("\"2\""));
        as(civilSociety(LTU)).get(path(rec)).then().body("implementationStatus", equalTo("IMPLEMENTED"))
                .body("version", equalTo(2));
        assertEquals(2, followUpEntries(rec));
    }

    @Test
    void twoConcurrentFirstChangesCannotBothWin() throws Exception {
        UUID rec = Fixtures.createRecommendation(LTU, "Ratify the Optional Protocol to CAT " + UUID.randomUUID());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Response>> puts = new ArrayList<>();
        for (String status : List.of("IN_PROGRESS", "IMPLEMENTED")) {
            puts.add(PARALLEL.submit(() -> {
                go.await();
                return as(coordinator(LTU)).header("If-Match", "\"0\"").body(Map.of("implementationStatus", status))
                        .put(path(rec));
            }));
        }
        go.countDown();
        Response first = puts.get(0).get(60, TimeUnit.SECONDS);
        Response second = puts.get(1).get(60, TimeUnit.SECONDS);
        List<Integer> codes = new ArrayList<>(List.of(first.statusCode(), second.statusCode()));
        codes.sort(null);
        assertEquals(List.of(200, 412), codes, first.asString() + " / " + second.asString());

        Response winner = first.statusCode() == 200 ? first : second;
        as(civilSociety(LTU)).get(path(rec)).then().header("ETag", equalTo("\"1\""))
                .body("implementationStatus", equalTo(winner.path("implementationStatus")));
        assertEquals(1, followUpEntries(rec));
    }

    @Test
    void aFirstChangeThatWaitedForAnotherFirstChangeIsRefusedWhenThatOneCommits() throws Exception {
        UUID rec = Fixtures.createRecommendation(LTU, "Combat trafficking in persons " + UUID.randomUUID());
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            insertRow(other, rec, "PARTIALLY_IMPLEMENTED", 1);
            // The request reads no row (version 0, its If-Match holds), then waits for the other transaction's row.
            Future<Response> put = PARALLEL.submit(() -> as(coordinator(LTU)).header("If-Match", "\"0\"")
                    .body(Map.of("implementationStatus", "IN_PROGRESS")).put(path(rec)));
            awaitWaitingOnTracking(put);
            other.commit();
            Response refused = put.get(60, TimeUnit.SECONDS);
            assertEquals(412, refused.statusCode(), refused.asString());
            assertEquals("application/problem+json", refused.contentType().split(";")[0]);
        }
        as(civilSociety(LTU)).get(path(rec)).then().header("ETag", equalTo("\"1\""))
                .body("implementationStatus", equalTo("PARTIALLY_IMPLEMENTED"));
        assertEquals(0, followUpEntries(rec));
    }

    @Test
    void aFirstChangeThatWaitedForAnotherOneThatRolledBackWins() throws Exception {
        UUID rec = Fixtures.createRecommendation(LTU, "Guarantee the independence of the judiciary " + UUID.randomUUID());
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            insertRow(other, rec, "IMPLEMENTED", 1);
            Future<Response> put = PARALLEL.submit(() -> as(coordinator(LTU)).header("If-Match", "\"0\"")
                    .body(Map.of("implementationStatus", "IN_PROGRESS")).put(path(rec)));
            awaitWaitingOnTracking(put);
            other.rollback();
            Response stored = put.get(60, TimeUnit.SECONDS);
            assertEquals(200, stored.statusCode(), stored.asString());
            assertEquals("\"1\"", stored.header("ETag"));
        }
        as(civilSociety(LTU)).get(path(rec)).then().body("implementationStatus", equalTo("IN_PROGRESS"));
        assertEquals(1, followUpEntries(rec));
    }

    @Test
    void aRowStoredBeforeRowsWereLazyIsChangedFromVersionZero() throws Exception {
        UUID rec = Fixtures.createRecommendation(LTU, "Strengthen the ombudsperson's mandate " + UUID.randomUUID());
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("insert into recommendation_tracking (recommendation_id) values (?)")) {
            st.setObject(1, rec);
            st.executeUpdate();
        }
        as(civilSociety(LTU)).get(path(rec)).then().header("ETag", equalTo("\"0\""))
                .body("implementationStatus", equalTo("NOT_STARTED"));
        as(coordinator(LTU)).header("If-Match", "\"0\"").body(Map.of("implementationStatus", "IN_PROGRESS",
                "priorityLevel", "MEDIUM")).put(path(rec)).then().statusCode(200).header("ETag", equalTo("\"1\""))
                .body("priorityLevel", equalTo("MEDIUM"));
        as(coordinator(LTU)).header("If-Match", "\"0\"").body(Map.of("implementationStatus", "IMPLEMENTED"))
                .put(path(rec)).then().statusCode(412);
        assertEquals(1, rows(rec));
    }

    private static String path(UUID rec) {
        return "/api/v1/recommendations/" + rec + "/follow-up";
    }

    private static void insertRow(Connection c, UUID rec, String status, long version) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("insert into recommendation_tracking (recommendation_id,"
                + " implementation_status, updated_at, version) values (?, ?, now(), ?)")) {
            st.setObject(1, rec);
            st.setString(2, status);
            st.setLong(3, version);
            st.executeUpdate();
        }
    }

    /** Until a session waits for a lock while writing recommendation_tracking (the request, blocked by ours). */
    private void awaitWaitingOnTracking(Future<Response> request) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (request.isDone()) {
                fail("The request finished without waiting: " + request.get().statusCode() + " " + request.get().asString());
            }
            try (Connection c = dataSource.getConnection();
                    PreparedStatement st = c.prepareStatement("select count(*) from pg_stat_activity"
                            + " where wait_event_type = 'Lock' and query like '%recommendation_tracking%'");
                    ResultSet rs = st.executeQuery()) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        fail("The request never waited for the other transaction's row.");
    }

    private long rows(UUID rec) throws SQLException {
        return count("select count(*) from recommendation_tracking where recommendation_id = ?", rec);
    }

    private long followUpEntries(UUID rec) throws SQLException {
        return count("select count(*) from audit_event where resource_id = ? and action = 'FOLLOW_UP'", rec);
    }

    private long count(String sql, UUID rec) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setObject(1, rec);
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
