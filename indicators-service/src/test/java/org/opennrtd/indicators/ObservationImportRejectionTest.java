package org.opennrtd.indicators;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.opennrtd.indicators.Fixtures.IMPORTS;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opennrtd.testing.PostgresTestResource;

/** Malformed and refused uploads: each is a clear 4xx problem, and nothing is stored, not even a job. Country DNK. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ObservationImportRejectionTest {

    static final String CSV = "text/csv";
    static final String HEADER = "INDICATOR,TIME_PERIOD,OBS_VALUE,SEX,OBS_STATUS\n";
    static final String GOOD = "DNK-R-1,2020,10,F,A\n";
    static final String SDMX_HEADER = "DATAFLOW,FREQ,REF_AREA,SERIES,TIME_PERIOD,OBS_VALUE,SEX\n";

    @Inject
    EntityManager em;

    @BeforeEach
    @Transactional
    void indicators() {
        for (String[] i : new String[][] {{"DNK-R-1", "{SEX}", "NSO"}, {"DNK-R-2", "{}", "MINISTRY_OF_HEALTH"}}) {
            em.createNativeQuery("insert into national_indicator (id, country, code, name, unit, provider_institution,"
                            + " provider_name, periodicity, dimensions, created_at, updated_at) values (?1, 'DNK', ?2,"
                            + " 'Test', 'NUMBER', ?3, ?3, 'ANNUAL', cast(?4 as text[]), now(), now())"
                            + " on conflict (country, code) do nothing")
                    .setParameter(1, UUID.randomUUID()).setParameter(2, i[0]).setParameter(3, i[2]).setParameter(4, i[1])
                    .executeUpdate();
        }
    }

    static Arguments file(String name, int status, byte[] content, String type, String detail) {
        return Arguments.of(name, status, content, type, detail);
    }

    static Arguments file(String name, int status, String content, String type, String detail) {
        return file(name, status, content.getBytes(StandardCharsets.UTF_8), type, detail);
    }

    static Stream<Arguments> malformedFiles() {
        byte[] binary = new byte[256];
        binary[10] = 0;
        binary[0] = 'I';
        byte[] zip = "PK\u0003\u0004rest-of-a-zip".getBytes(StandardCharsets.ISO_8859_1);
        byte[] latin1 = (HEADER + "DNK-R-1,2020,10,F,A,\n" + "DNK-R-1,2021,11,F,A,caf\u00e9\n")
                .replace("OBS_STATUS", "OBS_STATUS,COMMENT_OBS").getBytes(StandardCharsets.ISO_8859_1);
        byte[] tooLarge = (HEADER + GOOD.repeat(110_000)).getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                file("empty file", 422, new byte[0], CSV, "empty"),
                file("header without rows", 422, HEADER, CSV, "no observations"),
                file("binary content", 415, binary, CSV, "binary"),
                file("a zip archive", 415, zip, CSV, "zip"),
                file("a PDF content type", 415, GOOD, "application/pdf", "not application/pdf"),
                file("not UTF-8", 422, latin1, CSV, "not UTF-8"),
                file("no OBS_VALUE column", 422, "INDICATOR,TIME_PERIOD\nDNK-R-1,2020\n", CSV, "OBS_VALUE"),
                file("unknown column", 422, "INDICATOR,TIME_PERIOD,OBS_VALUE,COLOUR\nDNK-R-1,2020,1,red\n", CSV, "COLOUR"),
                file("unknown indicator", 422, HEADER + "DNK-NOPE,2020,10,F,A\n", CSV, "not a national indicator of DNK"),
                file("value not a number", 422, HEADER + "DNK-R-1,2020,ten,F,A\n", CSV, "'ten' is not a number"),
                file("value NaN", 422, HEADER + "DNK-R-1,2020,NaN,F,A\n", CSV, "is not a number"),
                file("empty value", 422, HEADER + "DNK-R-1,2020,,F,A\n", CSV, "OBS_VALUE: is empty"),
                file("impossible month", 422, HEADER + "DNK-R-1,2020-13,10,F,A\n", CSV, "'2020-13' is not a year"),
                file("range ending before it starts", 422, HEADER + "DNK-R-1,2020-06-30/2020-01-01,1,F,A\n", CSV, "TIME_PERIOD"),
                file("unknown dimension code", 422, HEADER + "DNK-R-1,2020,10,X,A\n", CSV, "'X' is not a code of dimension SEX"),
                file("dimension the indicator lacks", 422, HEADER + "DNK-R-2,2020,10,F,A\n", CSV, "not broken down by SEX"),
                file("unknown status", 422, HEADER + "DNK-R-1,2020,10,F,MAYBE\n", CSV, "'MAYBE' is not A"),
                file("the same observation twice", 422, HEADER + GOOD + "DNK-R-1,2021,1,F,A\n" + "DNK-R-1,2020,11,F,P\n",
                        CSV, "row 3: is the same observation (indicator, period and dimension codes) as row 1"),
                file("good rows and one bad row", 422, HEADER + GOOD + "DNK-R-1,2021,11,F,A\nDNK-R-1,2022,x,F,A\n",
                        CSV, "row 3"),
                file("too few fields", 422, HEADER + "DNK-R-1,2020,10\n", CSV, "has 3 fields"),
                file("unbalanced quote", 422, HEADER + "DNK-R-1,\"2020,10,F,A\n", CSV, "not well-formed CSV"),
                file("SDMX without SERIES", 422, "DATAFLOW,TIME_PERIOD,OBS_VALUE\nX,2020,1\n", CSV, "SERIES (or INDICATOR)"),
                file("SDMX of another country", 422, SDMX_HEADER + "X,A,SWE,DNK-R-1,2020,1,F\n", CSV, "REF_AREA: is SWE"),
                file("SDMX frequency contradicting the period", 422, SDMX_HEADER + "X,A,DNK,DNK-R-1,2020-Q1,1,F\n", CSV,
                        "FREQ: is A but TIME_PERIOD 2020-Q1 has frequency Q"),
                file("SDMX dimension outside the catalogue", 422,
                        "DATAFLOW,REF_AREA,SERIES,TIME_PERIOD,OBS_VALUE,SHOE_SIZE\nX,DNK,DNK-R-1,2020,1,44\n", CSV,
                        "SHOE_SIZE: is not a dimension of the catalogue"),
                file("too large", 413, tooLarge, CSV, "at most 2000000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFiles")
    @TestSecurity(user = "coordinator-dnk", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "DNK"))
    void aMalformedFileIsAClearProblemAndStoresNothing(String name, int status, byte[] content, String type,
            String detail) {
        JsonPath problem = given().multiPart("file", "observations.csv", content, type).when().post(IMPORTS).then()
                .statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body("detail", notNullValue()).extract().jsonPath();
        StringBuilder said = new StringBuilder(problem.getString("detail"));
        List<Map<String, String>> violations = problem.getList("violations");
        if (violations != null) {
            violations.forEach(v -> said.append(" | ").append(v.get("field")).append(": ").append(v.get("message")));
        }
        assertTrue(said.toString().contains(detail), name + ": expected \"" + detail + "\" in " + said);
        assertNothingStored();
    }

    @Test
    @TestSecurity(user = "health-dnk", roles = "focal-point")
    @OidcSecurity(claims = {@Claim(key = "country", value = "DNK"), @Claim(key = "institution", value = "NSO")})
    void aDataProviderCannotImportAnotherInstitutionsIndicator() {
        given().multiPart("file", "o.csv", ("INDICATOR,TIME_PERIOD,OBS_VALUE\nDNK-R-1,2020,1\nDNK-R-2,2020,1\n")
                .getBytes(StandardCharsets.UTF_8), CSV).when().post(IMPORTS).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("MINISTRY_OF_HEALTH"));
        assertNothingStored();
    }

    @Test
    @TestSecurity(user = "coordinator-dnk", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "DNK"))
    void aCoordinatorCannotImportForAnotherCountryNorWithoutAFile() {
        given().multiPart("file", "o.csv", (HEADER + GOOD).getBytes(StandardCharsets.UTF_8), CSV)
                .multiPart("country", "SWE").when().post(IMPORTS).then().statusCode(403);
        given().multiPart("country", "DNK").when().post(IMPORTS).then().statusCode(400)
                .contentType("application/problem+json");
        assertNothingStored();
    }

    @Test
    @TestSecurity(user = "ngo-dnk", roles = "civil-society")
    @OidcSecurity(claims = @Claim(key = "country", value = "DNK"))
    void civilSocietyDoesNotImport() {
        given().multiPart("file", "o.csv", (HEADER + GOOD).getBytes(StandardCharsets.UTF_8), CSV).when().post(IMPORTS)
                .then().statusCode(403);
        assertNothingStored();
    }

    @Test
    void withoutATokenNothingIsImported() {
        given().multiPart("file", "o.csv", (HEADER + GOOD).getBytes(StandardCharsets.UTF_8), CSV).when().post(IMPORTS)
                .then().statusCode(401);
        assertNothingStored();
    }

    void assertNothingStored() {
        assertEquals(0L, ((Number) em.createNativeQuery("select count(*) from observation_import_job where country = 'DNK'")
                .getSingleResult()).longValue(), "no job");
        assertEquals(0L, ((Number) em.createNativeQuery("select count(*) from observation o join national_indicator n"
                + " on n.id = o.indicator_id where n.country = 'DNK'").getSingleResult()).longValue(), "no observation");
    }
}
