package org.opennrtd.indicators;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opennrtd.indicators.Fixtures.IMPORTS;
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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opennrtd.testing.PostgresTestResource;

/**
 * The control-character rule (api-spec/README.md): U+0000–U+001F other than tab, line feed and carriage return are
 * refused wherever text comes in, with a 400 (or, in an import file, a row problem) naming the field, and nothing is
 * stored. Country ISL.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@TestSecurity(user = "coordinator-isl", roles = "coordinator")
@OidcSecurity(claims = @Claim(key = "country", value = "ISL"))
class ControlCharacterTest {

    @Inject
    EntityManager em;

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"0000", "001B"})
    void aControlCharacterInABodyFieldIsABadRequestNamingIt(String code) {
        String c = String.valueOf((char) Integer.parseInt(code, 16));
        long before = count("national_indicator");
        Map<String, Object> named = Fixtures.indicator("ISL", "ISL-C-" + code, List.of("SEX"));
        named.put("name", "Net enrolment" + c);
        given().contentType(ContentType.JSON).body(named).when().post(INDICATORS).then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body("violations[0].field", equalTo("body.name"))
                .body("violations[0].message", containsString("U+" + code));
        // Nested: a member of an object, and an item of an array.
        Map<String, Object> provided = Fixtures.indicator("ISL", "ISL-C-" + code, List.of("SEX"));
        provided.put("dataProvider", Map.of("institution", "NSO", "name", "Statistics" + c + " Iceland"));
        given().contentType(ContentType.JSON).body(provided).when().post(INDICATORS).then().statusCode(400)
                .body("violations[0].field", equalTo("body.dataProvider.name"));
        Map<String, Object> listed = Fixtures.indicator("ISL", "ISL-C-" + code, List.of("SEX"));
        listed.put("sdgTargets", List.of("4.1", "4.2" + c));
        given().contentType(ContentType.JSON).body(listed).when().post(INDICATORS).then().statusCode(400)
                .body("violations[0].field", equalTo("body.sdgTargets[1]"));
        assertEquals(before, count("national_indicator"));
    }

    @Test
    void aControlCharacterInADimensionCodeOrKeyChangesNothing() {
        String id = Fixtures.create(Fixtures.indicator("ISL", "ISL-C-OBS", List.of("SEX")));
        given().contentType(ContentType.JSON).body(Fixtures.observation("2020", 5, Map.of("SEX", "F\u0000")))
                .when().post(INDICATORS + "/" + id + "/observations").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("body.dimensions.SEX"));
        given().contentType(ContentType.JSON).body(Fixtures.observation("2020", 5, Map.of("SE\u001BX", "F")))
                .when().post(INDICATORS + "/" + id + "/observations").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("body.dimensions.SE\\u001BX"))
                .body("violations[0].message", containsString("key"));
        given().when().get(INDICATORS + "/" + id + "/observations").then().statusCode(200).body("page.total", equalTo(0));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"q", "sdgTarget", "right"})
    void aControlCharacterInAQueryParameterIsABadRequestNamingIt(String parameter) {
        given().queryParam(parameter, "4.1\u0000").when().get(INDICATORS).then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400))
                .body("violations[0].field", equalTo(parameter))
                .body("violations[0].message", containsString("U+0000"));
        given().queryParam(parameter, "4.1\u001B").when().get(INDICATORS).then().statusCode(400)
                .body("violations[0].field", equalTo(parameter));
    }

    @Test
    void aControlCharacterInAnImportCellIsARowProblemAndImportsNothing() {
        Fixtures.create(Fixtures.indicator("ISL", "ISL-C-IMP", List.of("SEX")));
        // A NUL byte in a cell: a text file with a control character, not a binary file.
        String csv = "INDICATOR,TIME_PERIOD,OBS_VALUE,SEX\nISL-C-IMP,2020,10,F\nISL-C-IMP,2021,11,F\u0000\n";
        given().multiPart("file", "o.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv").when().post(IMPORTS)
                .then().statusCode(422).contentType("application/problem+json").body("status", equalTo(422))
                .body("violations[0].field", equalTo("row 2, SEX"))
                .body("violations[0].message", containsString("U+0000"));
        String sdmx = "DATAFLOW,REF_AREA,SERIES,TIME_PERIOD,OBS_VALUE,SEX\nX,ISL,ISL-C-IMP,2020,10,F\n"
                + "X,ISL,ISL-C-IMP\u001B,2021,11,F\n";
        given().multiPart("file", "o.csv", sdmx.getBytes(StandardCharsets.UTF_8), "application/vnd.sdmx.data+csv")
                .when().post(IMPORTS).then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("row 2, SERIES"))
                .body("violations[0].message", containsString("U+001B"));
        given().multiPart("file", "o.csv", "INDICATOR,TIME_PERIOD,OBS_VALUE,SE\u001BX\nISL-C-IMP,2020,10,F\n"
                        .getBytes(StandardCharsets.UTF_8), "text/csv")
                .when().post(IMPORTS).then().statusCode(422).body("violations[0].field", equalTo("row 0, column 4"));
        given().multiPart("file", "o\u0000.csv", "INDICATOR,TIME_PERIOD,OBS_VALUE\nISL-C-IMP,2020,10\n"
                        .getBytes(StandardCharsets.UTF_8), "text/csv")
                .when().post(IMPORTS).then().statusCode(400).body("violations[0].field", equalTo("file"));
        given().multiPart("file", "o.csv", "INDICATOR,TIME_PERIOD,OBS_VALUE\nISL-C-IMP,2020,10\n"
                        .getBytes(StandardCharsets.UTF_8), "text/csv").multiPart("country", "IS\u001BL")
                .when().post(IMPORTS).then().statusCode(400).body("violations[0].field", equalTo("country"));
        assertEquals(0L, countWhere("observation_import_job where country = 'ISL'"));
        assertEquals(0L, countWhere("observation o join national_indicator n on n.id = o.indicator_id where n.country = 'ISL'"));
    }

    @Test
    void tabLineFeedAndCarriageReturnAreStillAccepted() {
        Map<String, Object> indicator = Fixtures.indicator("ISL", "ISL-C-OK", List.of("SEX"));
        String definition = "Pupils enrolled:\n\tin secondary education\r\n\tof official age\rtimes 100";
        indicator.put("definition", definition);
        String id = Fixtures.create(indicator);
        given().when().get(INDICATORS + "/" + id).then().statusCode(200).body("definition", equalTo(definition));
        given().queryParam("q", "Pupils\tenrolled").when().get(INDICATORS).then().statusCode(200);
        String csv = "INDICATOR,TIME_PERIOD,OBS_VALUE,SEX,COMMENT_OBS\nISL-C-OK,2020,10,F,\"first\tsecond\r\nthird\"\n";
        given().multiPart("file", "o.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv").when().post(IMPORTS)
                .then().statusCode(202);
    }

    @Transactional
    long count(String table) {
        return countWhere(table);
    }

    @Transactional
    long countWhere(String from) {
        return ((Number) em.createNativeQuery("select count(*) from " + from).getSingleResult()).longValue();
    }
}
