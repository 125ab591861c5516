package org.opennrtd.indicators;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.opennrtd.indicators.Fixtures.INDICATORS;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/**
 * The bulk read of national-indicator progress answers, item by item, exactly what the single-indicator progress
 * and latest-values reads answer; pages and filters by id; never shows another country's indicators. Countries FIN
 * (three indicators, created once), EST (another country) and LVA.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class IndicatorProgressBulkTest {

    static final String BULK = "/api/v1/national-indicator-progress";

    /** FIN-B-1 disaggregated with a progress frame, FIN-B-2 without observations, FIN-B-3 without a frame. */
    static List<String> fin;

    @Inject
    EntityManager em;

    /** The three FIN indicators in code order, created by the first test that needs them. */
    static synchronized List<String> finIndicators() {
        if (fin != null) {
            return fin;
        }
        // Created out of code order, so the answer's order is the service's, not the insertion's.
        String noFrame = Fixtures.create(Fixtures.indicator("FIN", "FIN-B-3", List.of()));
        Fixtures.observe(noFrame, "2021", 12.5, Map.of());
        Fixtures.observe(noFrame, "2023", 11, Map.of());
        String full = Fixtures.create(Fixtures.withProgressFrame(
                Fixtures.indicator("FIN", "FIN-B-1", List.of("SEX", "AGE", "URBANISATION")), 40, "2015-12-31", 80,
                "2030-12-31"));
        // Eight years of the total series: the trend uses only the last five.
        for (int year = 2015; year <= 2022; year++) {
            Fixtures.observe(full, String.valueOf(year), 40 + 3.5 * (year - 2015) + (year % 2) * 0.75, Map.of());
            Fixtures.observe(full, String.valueOf(year), 38 + 3 * (year - 2015), Map.of("SEX", "F"));
        }
        Fixtures.observe(full, "2022", 70.25, Map.of("SEX", "F", "AGE", "Y15T24"));
        Fixtures.observe(full, "2021", 50, Map.of("URBANISATION", "R"));
        Fixtures.observe(full, "2023-Q1", 66, Map.of("SEX", "M"));
        Fixtures.observe(full, "2023", 67, Map.of("SEX", "M"));
        String empty = Fixtures.create(Fixtures.withProgressFrame(Fixtures.indicator("FIN", "FIN-B-2", List.of("SEX")),
                10, "2020-01-01", 5, "2025-12-31"));
        fin = List.of(full, empty, noFrame);
        return fin;
    }

    @Test
    @TestSecurity(user = "coordinator-fin", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "FIN"))
    void eachItemEqualsTheSingleProgressAndLatestValuesReads() {
        List<String> ids = finIndicators();
        JsonPath bulk = Fixtures.doubles().queryParam("country", "FIN").queryParam("limit", 100).when().get(BULK)
                .then().statusCode(200).contentType("application/json").extract().jsonPath();
        assertEquals(ids, bulk.getList("items.indicatorId"));
        assertEquals(3.0, bulk.getDouble("page.total"));
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            Map<String, Object> progress = Fixtures.doubles().when().get(INDICATORS + "/" + id + "/progress").then()
                    .statusCode(200).extract().jsonPath().getMap("");
            List<Object> latest = Fixtures.doubles().queryParam("anyOtherDimension", true).queryParam("limit", 100)
                    .when().get(INDICATORS + "/" + id + "/latest-values").then().statusCode(200).extract().jsonPath()
                    .getList("items");
            assertEquals(progress, bulk.getMap("items[" + i + "].progress"), "progress of " + id);
            assertEquals(latest, bulk.getList("items[" + i + "].latestValues"), "latest values of " + id);
        }
        // The comparison covers every case: a disaggregated indicator on track with a five-point trend, one
        // without observations, one without a frame.
        assertEquals("ON_TRACK", bulk.getString("items[0].progress.status"));
        assertEquals(5.0, bulk.getDouble("items[0].progress.trend.observationsUsed"));
        assertEquals(5, bulk.getList("items[0].latestValues").size());
        assertEquals(Map.of(), bulk.getMap("items[0].latestValues[0].dimensions"));
        assertEquals("2023", bulk.getString("items[0].latestValues.find { it.dimensions == [SEX: 'M'] }.period"));
        assertEquals("NO_DATA", bulk.getString("items[1].progress.status"));
        assertEquals(List.of(), bulk.getList("items[1].latestValues"));
        assertEquals("NO_DATA", bulk.getString("items[2].progress.status"));
        assertEquals(11.0, bulk.getDouble("items[2].progress.latest.value"));
    }

    @Test
    @TestSecurity(user = "coordinator-fin", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "FIN"))
    void pagesCountEveryIndicatorOfTheCountry() {
        List<String> ids = finIndicators();
        given().queryParam("country", "FIN").queryParam("limit", 2).when().get(BULK).then().statusCode(200)
                .body("items.indicatorId", contains(ids.get(0), ids.get(1)))
                .body("page.offset", equalTo(0)).body("page.limit", equalTo(2)).body("page.total", equalTo(3));
        given().queryParam("country", "FIN").queryParam("limit", 2).queryParam("offset", 2).when().get(BULK).then()
                .statusCode(200).body("items.indicatorId", contains(ids.get(2))).body("page.total", equalTo(3));
        given().queryParam("country", "FIN").queryParam("offset", 10).when().get(BULK).then().statusCode(200)
                .body("items", empty()).body("page.total", equalTo(3)).body("page.limit", equalTo(20));
    }

    @Test
    @TestSecurity(user = "coordinator-fin", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "FIN"))
    void indicatorIdsSelectAmongTheCountrysIndicatorsOnly() {
        List<String> ids = finIndicators();
        String estonian = insertIndicator("EST", "EST-B-1");
        given().queryParam("country", "FIN").queryParam("indicatorId", ids.get(2), ids.get(0), estonian,
                        UUID.randomUUID().toString(), ids.get(2)).when().get(BULK).then().statusCode(200)
                .body("items.indicatorId", contains(ids.get(0), ids.get(2))).body("page.total", equalTo(2))
                .body("items[0].progress.indicatorId", equalTo(ids.get(0)));
        given().queryParam("country", "FIN").queryParam("indicatorId", estonian).when().get(BULK).then()
                .statusCode(200).body("items", empty()).body("page.total", equalTo(0));
    }

    @Test
    @TestSecurity(user = "coordinator-fin", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "FIN"))
    void moreThanAHundredIdsOrAMalformedCountryAreBadRequestsThatChangeNothing() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(UUID.randomUUID().toString());
        }
        given().queryParam("country", "FIN").queryParam("indicatorId", many).when().get(BULK).then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body("violations[0].field", containsString("indicatorId"));
        given().queryParam("country", "FIN").queryParam("indicatorId", many.subList(0, 100)).when().get(BULK).then()
                .statusCode(200).body("page.total", equalTo(0));
        given().queryParam("country", "fin").when().get(BULK).then().statusCode(400)
                .contentType("application/problem+json");
        given().when().get(BULK).then().statusCode(400).contentType("application/problem+json");
        given().queryParam("country", "FIN").queryParam("indicatorId", "not-a-uuid").when().get(BULK).then()
                .statusCode(400).contentType("application/problem+json");
        given().queryParam("country", "FIN").queryParam("limit", 101).when().get(BULK).then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "coordinator-est", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "EST"))
    void anotherCountrysCallerSeesNothingOfIt() {
        String latvian = insertIndicator("LVA", "LVA-B-1");
        String body = given().queryParam("country", "LVA").queryParam("indicatorId", latvian).when().get(BULK).then()
                .statusCode(403).contentType("application/problem+json").extract().asString();
        assertFalse(body.contains(latvian), body);
        given().queryParam("country", "EST").queryParam("indicatorId", latvian).when().get(BULK).then()
                .statusCode(200).body("items", empty()).body("page.total", equalTo(0));
    }

    @Test
    @TestSecurity(user = "ngo-fin", roles = "civil-society")
    @OidcSecurity(claims = @Claim(key = "country", value = "FIN"))
    void civilSocietyOfTheCountryReadsIt() {
        List<String> ids = finIndicators();
        given().queryParam("country", "FIN").when().get(BULK).then().statusCode(200)
                .body("items.indicatorId", equalTo(ids));
    }

    @Test
    @TestSecurity(user = "admin", roles = "admin")
    void anUnknownCountryHasNoIndicators() {
        given().queryParam("country", "XKX").when().get(BULK).then().statusCode(200).body("items", empty())
                .body("page.total", equalTo(0));
    }

    @Test
    void withoutATokenNothingIsServed() {
        given().queryParam("country", "FIN").when().get(BULK).then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Transactional
    String insertIndicator(String country, String code) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into national_indicator (id, country, code, name, unit, provider_institution,"
                        + " provider_name, periodicity, created_at, updated_at) values (?1, ?2, ?3, 'Test indicator',"
                        + " 'NUMBER', 'NSO', 'NSO', 'ANNUAL', now(), now())")
                .setParameter(1, id).setParameter(2, country).setParameter(3, code).executeUpdate();
        em.createNativeQuery("insert into observation (id, indicator_id, period, period_start, period_end, dims_key,"
                        + " dims, value, status, created_at, updated_at) values (?1, ?2, '2022', date '2022-01-01',"
                        + " date '2022-12-31', '', cast('{}' as jsonb), 7, 'FINAL', now(), now())")
                .setParameter(1, UUID.randomUUID()).setParameter(2, id).executeUpdate();
        return id.toString();
    }
}
