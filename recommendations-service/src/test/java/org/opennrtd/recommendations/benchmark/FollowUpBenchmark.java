package org.opennrtd.recommendations.benchmark;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.service.MilestoneNotifier;
import org.opennrtd.testing.PostgresTestResource;

/**
 * The follow-up's reads at the scale of a large national plan: 5,000 recommendations, 50,000 actions, 200,000
 * milestones and 100,000 progress updates in one country, seeded in SQL; each read is the first page through HTTP,
 * timed as the median of 21 calls after 5 warm-up calls. Then one round of the milestone-notice job over all of them.
 * Run with {@code ./mvnw -B test -pl recommendations-service -Pbenchmark -Dtest=FollowUpBenchmark}; results go to
 * stdout and {@code target/benchmark/follow-up.md}.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@TestProfile(FollowUpBenchmark.Quiet.class)
class FollowUpBenchmark {

    static final String COUNTRY = "XBM";
    static final int RECOMMENDATIONS = 5_000;
    static final int ACTIONS = 50_000;

    /** No background grouping competing for the same cores. */
    public static class Quiet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("opennrtd.near-duplicates.enabled", "false", "quarkus.http.test-timeout", "600s");
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    MilestoneNotifier notifier;

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void followUpReadsAtScale() throws Exception {
        long seedStart = System.nanoTime();
        seed();
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        String firstRecommendation = given().get("/api/v1/recommendations?country=" + COUNTRY + "&limit=1")
                .then().statusCode(200).extract().path("items[0].id");

        List<String[]> rows = new ArrayList<>();
        rows.add(time("milestones, due=OVERDUE, first page of 20", "/api/v1/milestones?country=" + COUNTRY + "&due=OVERDUE"));
        rows.add(time("milestones, due=DUE, first page of 20", "/api/v1/milestones?country=" + COUNTRY + "&due=DUE"));
        rows.add(time("actions, updateDue=OVERDUE, first page of 20", "/api/v1/actions?country=" + COUNTRY + "&updateDue=OVERDUE"));
        rows.add(time("actions sorted by nextUpdateDueDate, page of 100", "/api/v1/actions?country=" + COUNTRY
                + "&sort=nextUpdateDueDate&limit=100"));
        rows.add(time("actions of one recommendation", "/api/v1/actions?recommendationId=" + firstRecommendation));
        rows.add(time("progress updates, status=SUBMITTED, page of 100", "/api/v1/progress-updates?country=" + COUNTRY
                + "&status=SUBMITTED&limit=100"));
        rows.add(time("priority score of one recommendation", "/api/v1/recommendations/" + firstRecommendation + "/priority-score"));

        long start = System.nanoTime();
        MilestoneNotifier.Round round = notifier.announce(LocalDate.now(ZoneOffset.UTC));
        double roundSeconds = (System.nanoTime() - start) / 1e9;
        assertTrue(round.ran());
        start = System.nanoTime();
        MilestoneNotifier.Round idle = notifier.announce(LocalDate.now(ZoneOffset.UTC));
        double idleSeconds = (System.nanoTime() - start) / 1e9;

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Seeded %,d recommendations, %,d actions, %,d milestones, %,d progress"
                + " updates in %.1f s (SQL).%n%n", RECOMMENDATIONS, ACTIONS, ACTIONS * 4, ACTIONS * 2, seedSeconds));
        report.append("| read (HTTP, admin) | median ms | p90 ms |\n|---|---:|---:|\n");
        rows.forEach(r -> report.append("| ").append(r[0]).append(" | ").append(r[1]).append(" | ").append(r[2]).append(" |\n"));
        report.append(String.format(Locale.ROOT, "%nMilestone-notice job, first round: %,d MILESTONE_DUE and %,d"
                + " MILESTONE_OVERDUE events in %.2f s; the next round, with nothing new: %.3f s.%n",
                round.due(), round.overdue(), roundSeconds, idleSeconds));
        System.out.println(report);
        Path dir = Files.createDirectories(Path.of("target", "benchmark"));
        Files.writeString(dir.resolve("follow-up.md"), report.toString());
    }

    private String[] time(String label, String path) {
        for (int i = 0; i < 5; i++) {
            given().get(path).then().statusCode(200);
        }
        double[] ms = new double[21];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            given().get(path).then().statusCode(200);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new String[] {label, String.format(Locale.ROOT, "%.1f", ms[10]), String.format(Locale.ROOT, "%.1f", ms[18])};
    }

    private void seed() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("insert into recommendation (id, country, text, mechanism, body, position, recommending_states,"
                    + " affected_persons, created_at, updated_at, version) select gen_random_uuid(), '" + COUNTRY + "',"
                    + " 'Recommendation number ' || g, 'UPR', 'UPR', 'SUPPORTED', array['Chile'], array['Children'],"
                    + " now(), now(), 0 from generate_series(1, " + RECOMMENDATIONS + ") g");
            st.execute("insert into institution (id, country, code, name, kind, created_at, updated_at, version)"
                    + " select gen_random_uuid(), '" + COUNTRY + "', 'inst-' || g, 'Institution ' || g, 'MINISTRY', now(),"
                    + " now(), 0 from generate_series(1, 40) g");
            st.execute("create temporary table seed_inst as select id, cast(row_number() over (order by code) - 1 as integer) as n"
                    + " from institution where country = '" + COUNTRY + "'");
            st.execute("create temporary table seed_rec as select id, cast(row_number() over (order by id) - 1 as integer) as n"
                    + " from recommendation where country = '" + COUNTRY + "'");
            st.execute("insert into action (id, country, title, lead_institution_id, start_date, end_date, indicator_ids,"
                    + " legislative_action_required, created_at, updated_at, version)"
                    + " select gen_random_uuid(), '" + COUNTRY + "', 'Action ' || g, (select id from seed_inst where n = g % 40),"
                    + " current_date - (g % 700), current_date + (g % 900), '{}', g % 10 = 0, now(), now(), 0"
                    + " from generate_series(1, " + ACTIONS + ") g");
            st.execute("create temporary table seed_action as select id, cast(row_number() over (order by id) - 1 as integer) as n"
                    + " from action where country = '" + COUNTRY + "'");
            st.execute("insert into action_recommendation (action_id, recommendation_id) select a.id, r.id"
                    + " from seed_action a join seed_rec r on r.n = a.n % " + RECOMMENDATIONS);
            st.execute("insert into milestone (id, action_id, title, due_date, status, created_at, updated_at, version)"
                    + " select gen_random_uuid(), a.id, 'Milestone ' || k, current_date + ((a.n * 7 + k * 97) % 730 - 365),"
                    + " case when k = 1 then 'ACHIEVED' else 'PLANNED' end, now(), now(), 0"
                    + " from seed_action a, generate_series(1, 4) k");
            st.execute("insert into progress_update (id, action_id, narrative, report_date, status, author, created_at,"
                    + " updated_at, version) select gen_random_uuid(), a.id, 'Progress ' || k, current_date - ((a.n + k * 53) % 400),"
                    + " case when k = 1 then 'VALIDATED' when a.n % 2 = 0 then 'SUBMITTED' else 'DRAFT' end, 'fp', now(), now(), 0"
                    + " from seed_action a, generate_series(1, 2) k");
            st.execute("analyze");
        }
    }
}
