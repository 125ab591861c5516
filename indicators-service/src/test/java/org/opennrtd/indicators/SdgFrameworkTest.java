package org.opennrtd.indicators;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.opennrtd.indicators.seeding.SdgFrameworkSeeder;
import org.opennrtd.testing.PostgresTestResource;

/** The global SDG framework as seeded from the packed YAML files and served in the six UN languages. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@TestSecurity(user = "ngo", roles = "civil-society")
class SdgFrameworkTest {

    static final String SDG = "/api/v1/sdg";

    @Inject
    SdgFrameworkSeeder seeder;

    @Inject
    EntityManager em;

    @Test
    void theFrameworkHoldsEveryGoalTargetAndIndicatorCodeOfTheFiles() {
        Set<String> goals = SdgYaml.file("en", "goals").keySet().stream()
                .map(k -> k.substring(0, k.indexOf('-'))).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(17, goals.size());
        assertEquals(169, SdgYaml.codes("targets").size());
        assertEquals(252, SdgYaml.codes("indicators").size());

        given().when().get(SDG + "/framework").then().statusCode(200)
                .body("goals", equalTo(17)).body("targets", equalTo(169)).body("indicators", equalTo(252))
                .body("languages", contains("en", "fr", "es", "ru", "zh-Hans", "ar"))
                .body("source", org.hamcrest.Matchers.containsString("sdg-translations"));

        JsonPath page = given().when().get(SDG + "/goals?limit=100").then().statusCode(200)
                .body("page.total", equalTo(17)).extract().jsonPath();
        assertEquals(IntStream.rangeClosed(1, 17).boxed().toList(), page.getList("items.code", Integer.class));
        assertEquals(169, page.getList("items.targetCount", Integer.class).stream().mapToInt(Integer::intValue).sum());
        assertEquals(252, page.getList("items.indicatorCount", Integer.class).stream().mapToInt(Integer::intValue).sum());

        List<String> targets = all(SDG + "/targets", 169);
        assertEquals(SdgYaml.codes("targets"), new TreeSet<>(targets));
        List<String> indicators = all(SDG + "/indicators", 252);
        assertEquals(252, new HashSet<>(indicators).size(), "no indicator code twice");
        assertEquals(SdgYaml.codes("indicators"), new TreeSet<>(indicators));
    }

    @Test
    void indicatorsWhoseTextRepeatsUnderSeveralTargetsKeepEveryCode() {
        Map<String, String> english = SdgYaml.file("en", "indicators");
        Map<String, List<String>> codesByTitle = english.entrySet().stream().collect(Collectors.groupingBy(
                Map.Entry::getValue, Collectors.mapping(e -> e.getKey().replace("-title", "").replace('-', '.'),
                        Collectors.toList())));
        List<List<String>> repeated = codesByTitle.values().stream().filter(codes -> codes.size() > 1).toList();
        assertFalse(repeated.isEmpty(), "the files repeat some indicators under several targets");
        for (List<String> codes : repeated) {
            for (String code : codes) {
                given().when().get(SDG + "/indicators/" + code).then().statusCode(200)
                        .body("code", equalTo(code)).body("title", equalTo(english.get(code.replace('.', '-') + "-title")));
            }
        }
        // 1.5.1, 11.5.1 and 13.1.1 are the same indicator under three targets.
        given().when().get(SDG + "/indicators/13.1.1").then().statusCode(200)
                .body("target", equalTo("13.1")).body("goal", equalTo(13));
    }

    @Test
    void targetsAndIndicatorsComeInFrameworkOrder() {
        given().when().get(SDG + "/targets?goal=1").then().statusCode(200)
                .body("items.code", contains("1.1", "1.2", "1.3", "1.4", "1.5", "1.a", "1.b"));
        given().when().get(SDG + "/targets?goal=17&offset=7&limit=5").then().statusCode(200)
                .body("items.code", contains("17.8", "17.9", "17.10", "17.11", "17.12"));
        given().when().get(SDG + "/indicators?goal=1").then().statusCode(200)
                .body("items.code", contains("1.1.1", "1.2.1", "1.2.2", "1.3.1", "1.4.1", "1.4.2", "1.5.1", "1.5.2",
                        "1.5.3", "1.5.4", "1.a.1", "1.a.2", "1.a.3", "1.b.1"));
    }

    @Test
    void targetsFilterByGoal() {
        given().when().get(SDG + "/targets?goal=5").then().statusCode(200)
                .header("Content-Language", "en")
                .body("page.total", equalTo(9))
                .body("items.goal", everyItem(equalTo(5)))
                .body("items.code", contains("5.1", "5.2", "5.3", "5.4", "5.5", "5.6", "5.a", "5.b", "5.c"));
        given().when().get(SDG + "/targets/5.2").then().statusCode(200)
                .body("goal", equalTo(5)).body("indicatorCount", equalTo(2))
                .body("title", equalTo(SdgYaml.title("en", "targets", "5.2"))).body("language", equalTo("en"));
        given().when().get(SDG + "/goals/5").then().statusCode(200)
                .body("targetCount", equalTo(9))
                .body("indicatorCount", equalTo((int) SdgYaml.codes("indicators").stream().filter(c -> c.startsWith("5.")).count()));
    }

    @Test
    void indicatorsFilterByGoalAndTarget() {
        given().when().get(SDG + "/indicators?target=5.2").then().statusCode(200)
                .body("page.total", equalTo(2)).body("items.code", contains("5.2.1", "5.2.2"));
        long ofGoal16 = SdgYaml.codes("indicators").stream().filter(c -> c.startsWith("16.")).count();
        given().when().get(SDG + "/indicators?goal=16&limit=100").then().statusCode(200)
                .body("page.total", equalTo((int) ofGoal16)).body("items.goal", everyItem(equalTo(16)));
        given().when().get(SDG + "/indicators?goal=4&target=5.2").then().statusCode(200)
                .body("page.total", equalTo(0)).body("items", empty());
        given().when().get(SDG + "/indicators?target=5.9").then().statusCode(200).body("page.total", equalTo(0));
    }

    @Test
    void labelsComeInEachOfTheSixLanguages() {
        for (String language : SdgYaml.TRANSLATIONS) {
            String title = SdgYaml.file(language, "goals").get("5-title");
            String shortTitle = SdgYaml.file(language, "goals").get("5-short");
            assertFalse(title.isBlank());
            assertNotEquals(SdgYaml.file("en", "goals").get("5-title"), title);
            given().header("Accept-Language", language).when().get(SDG + "/goals/5").then().statusCode(200)
                    .header("Content-Language", language)
                    .body("title", equalTo(title)).body("shortTitle", equalTo(shortTitle))
                    .body("language", equalTo(language));
            String target = SdgYaml.title(language, "targets", "5.2");
            assertNotEquals(SdgYaml.title("en", "targets", "5.2"), target);
            given().header("Accept-Language", language).when().get(SDG + "/targets/5.2").then().statusCode(200)
                    .header("Content-Language", language).body("title", equalTo(target)).body("language", equalTo(language));
            String indicator = SdgYaml.title(language, "indicators", "5.2.1");
            assertNotEquals(SdgYaml.title("en", "indicators", "5.2.1"), indicator);
            given().header("Accept-Language", language).when().get(SDG + "/indicators/5.2.1").then().statusCode(200)
                    .header("Content-Language", language).body("title", equalTo(indicator)).body("language", equalTo(language));
            given().header("Accept-Language", language).when().get(SDG + "/goals?limit=100").then().statusCode(200)
                    .header("Content-Language", language).body("items.language", everyItem(equalTo(language)));
        }
        given().when().get(SDG + "/goals/5").then().statusCode(200)
                .header("Content-Language", "en").header("Vary", "Accept-Language")
                .body("title", equalTo(SdgYaml.file("en", "goals").get("5-title"))).body("language", equalTo("en"));
    }

    @Test
    void acceptLanguageIsNegotiated() {
        given().header("Accept-Language", "fr-CH, en;q=0.5").when().get(SDG + "/goals/1").then().statusCode(200)
                .header("Content-Language", "fr").body("language", equalTo("fr"))
                .body("title", equalTo(SdgYaml.file("fr", "goals").get("1-title")));
        given().header("Accept-Language", "zh-CN").when().get(SDG + "/goals/1").then().statusCode(200)
                .header("Content-Language", "zh-Hans").body("title", equalTo(SdgYaml.file("zh-Hans", "goals").get("1-title")));
        given().header("Accept-Language", "de-DE, it;q=0.8").when().get(SDG + "/goals/1").then().statusCode(200)
                .header("Content-Language", "en").body("title", equalTo(SdgYaml.file("en", "goals").get("1-title")));
        given().header("Accept-Language", "de, ar;q=0.3").when().get(SDG + "/targets/1.1").then().statusCode(200)
                .header("Content-Language", "ar").body("title", equalTo(SdgYaml.title("ar", "targets", "1.1")));
        given().header("Accept-Language", ";;;not a header").when().get(SDG + "/goals/1").then().statusCode(200)
                .header("Content-Language", "en");
    }

    @Test
    void textSearchMatchesTheTitlesInTheServedLanguage() {
        assertSearch("en", "violence");
        assertSearch("en", "Women   VIOLENCE");
        assertSearch("fr", "violence femmes");
        assertSearch("es", "violencia");
        assertSearch("zh-Hans", "暴力");
        assertSearch("ar", "العنف");
        // LIKE wildcards in the text are literals, not "anything".
        assertSearch("en", "%");
        assertSearch("en", "_");
        given().when().get(SDG + "/indicators?q=violence&goal=5").then().statusCode(200)
                .body("items.code", hasItems("5.2.1", "5.2.2")).body("items.goal", everyItem(equalTo(5)));
        given().when().get(SDG + "/indicators?q=zzzqqq").then().statusCode(200)
                .body("page.total", equalTo(0)).body("items", empty());
    }

    private static void assertSearch(String language, String q) {
        List<String> words = List.of(q.strip().toLowerCase(Locale.ROOT).split("\\s+"));
        Set<String> expected = SdgYaml.file(language, "indicators").entrySet().stream()
                .filter(e -> words.stream().allMatch(w -> e.getValue().toLowerCase(Locale.ROOT).contains(w)))
                .map(e -> e.getKey().replace("-title", "").replace('-', '.'))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(expected.size() < 252, "the search for '" + q + "' must not match everything");
        JsonPath page = given().header("Accept-Language", language).queryParam("q", q).queryParam("limit", 100)
                .when().get(SDG + "/indicators").then().statusCode(200)
                .header("Content-Language", language).extract().jsonPath();
        assertEquals(expected.size(), page.getInt("page.total"), "total for '" + q + "' in " + language);
        assertEquals(expected, new TreeSet<>(page.getList("items.code", String.class)), "codes for '" + q + "' in " + language);
    }

    @Test
    void pagesCarryTheTotal() {
        given().when().get(SDG + "/indicators?offset=250&limit=5").then().statusCode(200)
                .body("page.offset", equalTo(250)).body("page.limit", equalTo(5)).body("page.total", equalTo(252))
                .body("items", hasSize(2));
        given().when().get(SDG + "/indicators?offset=300").then().statusCode(200)
                .body("page.total", equalTo(252)).body("items", empty());
        given().when().get(SDG + "/targets?goal=17&offset=15&limit=10").then().statusCode(200)
                .body("page.total", equalTo(19)).body("items.code", contains("17.16", "17.17", "17.18", "17.19"));
        given().when().get(SDG + "/goals").then().statusCode(200)
                .body("page.offset", equalTo(0)).body("page.limit", equalTo(20)).body("items", hasSize(17));
        given().when().get(SDG + "/targets").then().statusCode(200)
                .body("page.limit", equalTo(20)).body("page.total", equalTo(169)).body("items", hasSize(20));
    }

    @Test
    void aMissingTranslationFallsBackToEnglishForThatItemOnly() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("delete from sdg_goal_label where goal_code = 1 and language = 'fr'").executeUpdate();
                em.createNativeQuery("delete from sdg_target_label where target_code = '1.1' and language = 'fr'").executeUpdate();
                em.createNativeQuery("delete from sdg_indicator_label where indicator_code = '1.1.1' and language = 'fr'").executeUpdate();
            });
            given().header("Accept-Language", "fr").when().get(SDG + "/goals?limit=2").then().statusCode(200)
                    .header("Content-Language", "fr")
                    .body("items.language", contains("en", "fr"))
                    .body("items[0].title", equalTo(SdgYaml.file("en", "goals").get("1-title")))
                    .body("items[0].shortTitle", equalTo(SdgYaml.file("en", "goals").get("1-short")))
                    .body("items[1].title", equalTo(SdgYaml.file("fr", "goals").get("2-title")));
            given().header("Accept-Language", "fr").when().get(SDG + "/targets/1.1").then().statusCode(200)
                    .body("language", equalTo("en")).body("title", equalTo(SdgYaml.title("en", "targets", "1.1")));
            given().header("Accept-Language", "fr").when().get(SDG + "/indicators?target=1.1").then().statusCode(200)
                    .body("items[0].language", equalTo("en"))
                    .body("items[0].title", equalTo(SdgYaml.title("en", "indicators", "1.1.1")));
            // The search looks at the text served: English for 1.1.1 now, French for every other indicator.
            given().header("Accept-Language", "fr").queryParam("q", "poverty").when().get(SDG + "/indicators")
                    .then().statusCode(200).body("items.code", contains("1.1.1"));
            given().header("Accept-Language", "fr").when().get(SDG + "/targets/1.2").then().statusCode(200)
                    .body("language", equalTo("fr"));
        } finally {
            forgetLoads();
            assertTrue(seeder.seed(), "a load after the record is gone puts the files back");
        }
        given().header("Accept-Language", "fr").when().get(SDG + "/targets/1.1").then().statusCode(200)
                .body("language", equalTo("fr")).body("title", equalTo(SdgYaml.title("fr", "targets", "1.1")));
    }

    @Test
    void seedingTwiceChangesNothing() {
        String before = snapshot();
        assertFalse(seeder.seed(), "the same files are not loaded again");
        assertEquals(before, snapshot());
        assertEquals(1L, count("select count(*) from sdg_seed_run"));

        forgetLoads();
        assertTrue(seeder.seed(), "files not yet recorded are loaded");
        assertEquals(before, snapshot());
        assertEquals(1L, count("select count(*) from sdg_seed_run"));
        assertFalse(seeder.seed());
        assertEquals(List.of(17L, 169L, 252L, 17L * 6, 169L * 6, 252L * 6), List.of(
                count("select count(*) from sdg_goal"), count("select count(*) from sdg_target"),
                count("select count(*) from sdg_indicator"), count("select count(*) from sdg_goal_label"),
                count("select count(*) from sdg_target_label"), count("select count(*) from sdg_indicator_label")));
        given().when().get(SDG + "/framework").then().statusCode(200)
                .body("goals", equalTo(17)).body("targets", equalTo(169)).body("indicators", equalTo(252));
    }

    @Test
    void replicasStartingTogetherLoadTheFilesOnce() throws Exception {
        String before = snapshot();
        forgetLoads();
        // Two threads of their own (the common pool may have only one), released together.
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Boolean> replica = () -> {
            start.await();
            return seeder.seed();
        };
        List<Boolean> loaded = new ArrayList<>();
        try {
            for (Future<Boolean> result : replicas.invokeAll(List.of(replica, replica))) {
                loaded.add(result.get());
            }
        } finally {
            replicas.shutdownNow();
        }
        assertTrue(loaded.contains(true) && loaded.contains(false), "exactly one of two concurrent starts loads: " + loaded);
        assertEquals(1L, count("select count(*) from sdg_seed_run"));
        assertEquals(before, snapshot());
    }

    /** Every stored row, in a stable order: equal snapshots mean equal framework data. */
    private String snapshot() {
        return QuarkusTransaction.requiringNew().call(() -> String.valueOf(em.createNativeQuery("select md5("
                + "(select string_agg(code::text, ',' order by code) from sdg_goal) || '|' ||"
                + "(select string_agg(code || ':' || goal_code || ':' || ordinal, ',' order by code) from sdg_target) || '|' ||"
                + "(select string_agg(code || ':' || target_code || ':' || goal_code || ':' || ordinal, ',' order by code) from sdg_indicator) || '|' ||"
                + "(select string_agg(goal_code || language || title || short_title, ',' order by goal_code, language) from sdg_goal_label) || '|' ||"
                + "(select string_agg(target_code || language || title, ',' order by target_code, language) from sdg_target_label) || '|' ||"
                + "(select string_agg(indicator_code || language || title, ',' order by indicator_code, language) from sdg_indicator_label))")
                .getSingleResult()));
    }

    /** Makes the database look as if the packed files had never been loaded (as after a change of the files). */
    private void forgetLoads() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from sdg_seed_run").executeUpdate());
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }

    /** Every code of a list, page by page. */
    private static List<String> all(String path, int expectedTotal) {
        List<String> codes = new ArrayList<>();
        for (int offset = 0; ; offset += 100) {
            JsonPath page = given().queryParam("offset", offset).queryParam("limit", 100).when().get(path)
                    .then().statusCode(200).body("page.total", equalTo(expectedTotal)).extract().jsonPath();
            List<String> items = page.getList("items.code", String.class);
            if (items.isEmpty()) {
                return codes;
            }
            codes.addAll(items);
        }
    }
}
