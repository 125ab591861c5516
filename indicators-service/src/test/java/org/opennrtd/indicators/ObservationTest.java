package org.opennrtd.indicators;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opennrtd.indicators.Fixtures.INDICATORS;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/**
 * Observations: disaggregated queries, latest values, progress toward the target and its summaries, and who
 * writes them. Countries ESP, BEL (data providers), LUX (summaries).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ObservationTest {

    @Inject
    EntityManager em;

    static String obs(String id) {
        return INDICATORS + "/" + id + "/observations";
    }

    /** An ESP indicator with a total series 2018-2022 and series by sex, sex and age, and urbanisation. */
    static String disaggregated(String code) {
        String id = Fixtures.create(Fixtures.indicator("ESP", code, List.of("SEX", "AGE", "URBANISATION")));
        for (int year = 2018; year <= 2022; year++) {
            Fixtures.observe(id, String.valueOf(year), 60 + year - 2018, Map.of());
            Fixtures.observe(id, String.valueOf(year), 62 + year - 2018, Map.of("SEX", "F"));
            Fixtures.observe(id, String.valueOf(year), 58 + year - 2018, Map.of("SEX", "M", "AGE", "_T"));
        }
        Fixtures.observe(id, "2022", 70, Map.of("SEX", "F", "AGE", "Y15T24"));
        Fixtures.observe(id, "2021", 50, Map.of("URBANISATION", "R"));
        return id;
    }

    @Test
    @TestSecurity(user = "coordinator-esp", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "ESP"))
    void seriesAreQueriedByTheirDimensionCodesAndTimeRange() {
        String id = disaggregated("ESP-Q-1");
        given().when().get(obs(id)).then().statusCode(200).body("page.total", equalTo(5))
                .body("items.period", contains("2018", "2019", "2020", "2021", "2022"))
                .body("items[0].dimensions", equalTo(Map.of())).body("items[0].periodStart", equalTo("2018-01-01"))
                .body("items[0].periodEnd", equalTo("2018-12-31"));
        given().queryParam("dimension", "SEX:F").when().get(obs(id)).then().statusCode(200)
                .body("page.total", equalTo(5)).body("items.value", contains(62f, 63f, 64f, 65f, 66f));
        // AGE total given explicitly is the same series as AGE left out.
        given().queryParam("dimension", "SEX:M").queryParam("dimension", "AGE:_T").when().get(obs(id)).then()
                .statusCode(200).body("page.total", equalTo(5)).body("items[0].dimensions", equalTo(Map.of("SEX", "M")));
        given().queryParam("dimension", "SEX:F").queryParam("anyOtherDimension", true).when().get(obs(id)).then()
                .statusCode(200).body("page.total", equalTo(6)).body("items.dimensions.AGE", hasItem("Y15T24"));
        given().queryParam("dimension", "AGE:Y15T24").queryParam("dimension", "SEX:F").when().get(obs(id)).then()
                .statusCode(200).body("page.total", equalTo(1)).body("items[0].value", equalTo(70f));
        given().queryParam("from", "2019-06-01").queryParam("to", "2021-01-01").when().get(obs(id)).then()
                .statusCode(200).body("items.period", contains("2019", "2020", "2021"));
        given().queryParam("limit", 2).queryParam("offset", 2).when().get(obs(id)).then().statusCode(200)
                .body("items.period", contains("2020", "2021")).body("page.total", equalTo(5));
        // The total is the same whether the page tells it (the last one, partly filled) or a count does (past the end).
        given().queryParam("limit", 2).queryParam("offset", 4).when().get(obs(id)).then().statusCode(200)
                .body("items.period", contains("2022")).body("page.total", equalTo(5));
        given().queryParam("limit", 2).queryParam("offset", 10).when().get(obs(id)).then().statusCode(200)
                .body("items", hasSize(0)).body("page.total", equalTo(5));
    }

    @Test
    @TestSecurity(user = "coordinator-esp", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "ESP"))
    void filtersOnDimensionsTheIndicatorDoesNotHaveAreBadRequests() {
        String id = Fixtures.create(Fixtures.indicator("ESP", "ESP-Q-2", List.of("SEX")));
        for (String bad : List.of("SEX", "SEX:", "DISABILITY_STATUS:PD", "SEX:X", "NOPE:F")) {
            given().queryParam("dimension", bad).when().get(obs(id)).then().statusCode(400)
                    .contentType("application/problem+json").body("violations[0].field", equalTo("dimension"));
        }
    }

    @Test
    @TestSecurity(user = "coordinator-esp", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "ESP"))
    void latestValuesGiveTheMostRecentObservationOfEachSeries() {
        String id = disaggregated("ESP-Q-3");
        given().queryParam("anyOtherDimension", true).when().get(INDICATORS + "/" + id + "/latest-values").then()
                .statusCode(200).body("page.total", equalTo(5))
                .body("items[0].dimensions", equalTo(Map.of())).body("items[0].period", equalTo("2022"))
                .body("items.find { it.dimensions == [URBANISATION: 'R'] }.period", equalTo("2021"));
        given().queryParam("dimension", "SEX:F").queryParam("anyOtherDimension", true).when()
                .get(INDICATORS + "/" + id + "/latest-values").then().statusCode(200).body("page.total", equalTo(2))
                .body("items.value", containsInAnyOrder(66f, 70f));
    }

    @Test
    @TestSecurity(user = "coordinator-esp", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "ESP"))
    void invalidObservationsAreRefusedAndDuplicatesConflict() {
        String id = Fixtures.create(Fixtures.indicator("ESP", "ESP-Q-4", List.of("SEX")));
        Fixtures.observe(id, "2020-Q1", 5, Map.of("SEX", "F"));
        given().contentType(ContentType.JSON).body(Fixtures.observation("2020-Q1", 6, Map.of("SEX", "F"))).when()
                .post(obs(id)).then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Fixtures.observation("2020-02-30", 6, Map.of())).when()
                .post(obs(id)).then().statusCode(422).body("violations[0].field", equalTo("body.period"));
        given().contentType(ContentType.JSON).body(Fixtures.observation("2020", 6, Map.of("AGE", "Y15T24"))).when()
                .post(obs(id)).then().statusCode(422).body("violations[0].field", equalTo("body.dimensions.AGE"));
        given().contentType(ContentType.JSON).body(Fixtures.observation("2020", 6, Map.of("SEX", "Q"))).when()
                .post(obs(id)).then().statusCode(422);
        given().contentType(ContentType.JSON).body(Fixtures.observation("2020-Q5", 6, Map.of())).when()
                .post(obs(id)).then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("period", "2020")).when().post(obs(id)).then().statusCode(400);
        assertEquals(1L, count(id));
    }

    @Test
    @TestSecurity(user = "coordinator-esp", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "ESP"))
    void correctionsAndDeletionsNeedTheCurrentTag() {
        String id = Fixtures.create(Fixtures.indicator("ESP", "ESP-Q-5", List.of("SEX")));
        String oid = given().contentType(ContentType.JSON).body(Fixtures.observation("2021", 5, Map.of())).when()
                .post(obs(id)).then().statusCode(201).header("ETag", equalTo("\"0\"")).extract().path("id");
        Map<String, Object> corrected = Fixtures.observation("2021", 5.5, Map.of());
        corrected.put("status", "PROVISIONAL");
        corrected.put("note", "Revised after the census");
        given().contentType(ContentType.JSON).body(corrected).when().put(obs(id) + "/" + oid).then().statusCode(428);
        given().contentType(ContentType.JSON).header("If-Match", "\"0\"").body(corrected).when().put(obs(id) + "/" + oid)
                .then().statusCode(200).header("ETag", equalTo("\"1\"")).body("value", equalTo(5.5f))
                .body("status", equalTo("PROVISIONAL"));
        given().header("If-Match", "\"0\"").when().delete(obs(id) + "/" + oid).then().statusCode(412);
        given().header("If-Match", "\"1\"").when().delete(obs(id) + "/" + oid).then().statusCode(204);
        assertEquals(0L, count(id));
        assertEquals(3L, ((Number) em.createNativeQuery("select count(*) from audit_event where resource_type ="
                + " 'observation' and resource_id = ?1").setParameter(1, UUID.fromString(oid)).getSingleResult()).longValue());
    }

    @Test
    @TestSecurity(user = "coordinator-esp", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "ESP"))
    void progressIsMeasuredFromBaselineTowardTargetWithATrend() {
        String up = Fixtures.create(Fixtures.withProgressFrame(Fixtures.indicator("ESP", "ESP-P-1", List.of("SEX")),
                80, "2015-12-31", 95, "2030-12-31"));
        Fixtures.observe(up, "2016", 81, Map.of());
        Fixtures.observe(up, "2018", 83, Map.of());
        Fixtures.observe(up, "2020", 86, Map.of());
        Fixtures.observe(up, "2020", 90, Map.of("SEX", "F"));
        // (86 - 80) / (95 - 80) = 0.4, while 1827 of 5479 days (0.333) have passed: on track; slope 1.25 a year.
        Fixtures.doubles().when().get(INDICATORS + "/" + up + "/progress").then().statusCode(200)
                .body("desiredDirection", equalTo("INCREASE")).body("latest.period", equalTo("2020"))
                .body("rawProgress", closeTo(0.4, 1e-9)).body("progress", closeTo(0.4, 1e-9))
                .body("expectedProgress", closeTo(1827.0 / 5479, 1e-9)).body("status", equalTo("ON_TRACK"))
                .body("trend.direction", equalTo("UP")).body("trend.annualChange", closeTo(1.25, 1e-9))
                .body("trend.improving", equalTo(true)).body("trend.observationsUsed", equalTo(3));
        Fixtures.doubles().queryParam("dimension", "SEX:F").when().get(INDICATORS + "/" + up + "/progress").then().statusCode(200)
                .body("rawProgress", closeTo(10.0 / 15, 1e-9)).body("dimensions", equalTo(Map.of("SEX", "F")))
                .body("trend.observationsUsed", equalTo(1)).body("trend.direction", equalTo("FLAT"));

        String down = Fixtures.create(Fixtures.withProgressFrame(Fixtures.indicator("ESP", "ESP-P-2", List.of()),
                20, "2015-12-31", 10, "2025-12-31"));
        Fixtures.observe(down, "2019", 21, Map.of());
        Fixtures.observe(down, "2020", 22, Map.of());
        Fixtures.doubles().when().get(INDICATORS + "/" + down + "/progress").then().statusCode(200)
                .body("desiredDirection", equalTo("DECREASE")).body("rawProgress", closeTo(-0.2, 1e-9))
                .body("progress", closeTo(0.0, 1e-9)).body("status", equalTo("REGRESSING"))
                .body("trend.direction", equalTo("UP")).body("trend.improving", equalTo(false));

        String done = Fixtures.create(Fixtures.withProgressFrame(Fixtures.indicator("ESP", "ESP-P-3", List.of()),
                20, "2015-12-31", 10, "2025-12-31"));
        Fixtures.observe(done, "2021-Q3", 9, Map.of());
        Fixtures.doubles().when().get(INDICATORS + "/" + done + "/progress").then().statusCode(200)
                .body("rawProgress", closeTo(1.1, 1e-9)).body("progress", closeTo(1.0, 1e-9))
                .body("status", equalTo("ACHIEVED"));

        String behind = Fixtures.create(Fixtures.withProgressFrame(Fixtures.indicator("ESP", "ESP-P-4", List.of()),
                0, "2020-01-01", 100, "2022-01-01"));
        Fixtures.observe(behind, "2021-12", 10, Map.of());
        Fixtures.doubles().when().get(INDICATORS + "/" + behind + "/progress").then().statusCode(200)
                .body("status", equalTo("OFF_TRACK")).body("progress", closeTo(0.1, 1e-9));

        String unframed = Fixtures.create(Fixtures.indicator("ESP", "ESP-P-5", List.of()));
        Fixtures.observe(unframed, "2021", 10, Map.of());
        Fixtures.doubles().when().get(INDICATORS + "/" + unframed + "/progress").then().statusCode(200)
                .body("status", equalTo("NO_DATA")).body("progress", nullValue()).body("latest.value", equalTo(10.0));
    }

    @Test
    @TestSecurity(user = "coordinator-lux", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "LUX"))
    void progressIsSummarisedPerSdgGoalAndPerRight() {
        Map<String, Object> education = Fixtures.withProgressFrame(Fixtures.indicator("LUX", "LUX-S-1", List.of()),
                80, "2015-12-31", 95, "2030-12-31");
        String a = Fixtures.create(education);
        Fixtures.observe(a, "2016", 81, Map.of());
        Fixtures.observe(a, "2020", 86, Map.of());
        Map<String, Object> violence = Fixtures.withProgressFrame(Fixtures.indicator("LUX", "LUX-S-2", List.of()),
                20, "2015-12-31", 10, "2025-12-31");
        violence.put("sdgIndicators", List.of("5.2.1"));
        violence.put("sdgTargets", List.of());
        violence.put("rights", List.of());
        violence.put("rightAttributes", List.of("VAW_DOMESTIC"));
        violence.put("humanRightsIndicators", List.of());
        String b = Fixtures.create(violence);
        Fixtures.observe(b, "2019", 21, Map.of());
        Fixtures.observe(b, "2020", 22, Map.of());

        Fixtures.doubles().queryParam("country", "LUX").when().get("/api/v1/progress-summaries/sdg-goals").then().statusCode(200)
                .body("groups.code", contains("4", "5"))
                .body("groups[0].indicators", equalTo(1)).body("groups[0].onTrack", equalTo(1))
                .body("groups[0].meanProgress", closeTo(0.4, 1e-9)).body("groups[0].improving", equalTo(1))
                .body("groups[1].regressing", equalTo(1)).body("groups[1].worsening", equalTo(1))
                .body("groups[1].title", equalTo("Gender equality"));
        Fixtures.doubles().queryParam("country", "LUX").when().get("/api/v1/progress-summaries/rights").then().statusCode(200)
                .body("groups.code", contains("EDUCATION", "VIOLENCE_AGAINST_WOMEN"))
                .body("groups[1].title", equalTo("Violence against women"))
                .body("groups[1].meanProgress", closeTo(0.0, 1e-9));
        Fixtures.doubles().queryParam("country", "ESP").when().get("/api/v1/progress-summaries/rights").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "nso-bel", roles = "focal-point")
    @OidcSecurity(claims = {@Claim(key = "country", value = "BEL"), @Claim(key = "institution", value = "NSO")})
    void dataProvidersWriteTheirIndicatorsObservations() {
        String id = insertIndicator("BEL", "BEL-D-1", "NSO");
        given().contentType(ContentType.JSON).body(Fixtures.observation("2022", 1, Map.of())).when().post(obs(id))
                .then().statusCode(201);
        String other = insertIndicator("BEL", "BEL-D-2", "MINISTRY_OF_HEALTH");
        given().contentType(ContentType.JSON).body(Fixtures.observation("2022", 1, Map.of())).when().post(obs(other))
                .then().statusCode(403).contentType("application/problem+json");
        assertEquals(0L, count(other));
    }

    @Test
    @TestSecurity(user = "ngo-bel", roles = "civil-society")
    @OidcSecurity(claims = @Claim(key = "country", value = "BEL"))
    void civilSocietyReadsObservationsButDoesNotWriteThem() {
        String id = insertIndicator("BEL", "BEL-D-3", "NSO");
        given().contentType(ContentType.JSON).body(Fixtures.observation("2022", 1, Map.of())).when().post(obs(id))
                .then().statusCode(403);
        given().when().get(obs(id)).then().statusCode(200).body("page.total", equalTo(0));
    }

    @Test
    @TestSecurity(user = "ngo-esp", roles = "civil-society")
    @OidcSecurity(claims = @Claim(key = "country", value = "ESP"))
    void anotherCountrysIndicatorIsNotRevealed() {
        String id = insertIndicator("BEL", "BEL-D-4", "NSO");
        given().when().get(obs(id)).then().statusCode(404);
        given().when().get(INDICATORS + "/" + id).then().statusCode(404);
    }

    @Test
    void withoutATokenNoObservationIsServed() {
        given().when().get(obs(UUID.randomUUID().toString())).then().statusCode(401);
    }

    @Transactional
    String insertIndicator(String country, String code, String institution) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into national_indicator (id, country, code, name, unit, provider_institution,"
                        + " provider_name, periodicity, created_at, updated_at) values (?1, ?2, ?3, 'Test indicator',"
                        + " 'NUMBER', ?4, ?4, 'ANNUAL', now(), now())")
                .setParameter(1, id).setParameter(2, country).setParameter(3, code).setParameter(4, institution)
                .executeUpdate();
        return id.toString();
    }

    long count(String indicatorId) {
        return ((Number) em.createNativeQuery("select count(*) from observation where indicator_id = ?1")
                .setParameter(1, UUID.fromString(indicatorId)).getSingleResult()).longValue();
    }
}
