package org.opennrtd.indicators;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opennrtd.indicators.Fixtures.INDICATORS;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opennrtd.indicators.api.model.ObservationSeries;
import org.opennrtd.indicators.entity.NationalIndicatorEntity;
import org.opennrtd.indicators.entity.ObservationEntity;
import org.opennrtd.indicators.mapping.IndicatorMapper;
import org.opennrtd.testing.PostgresTestResource;

/** Bulk exchange: CSV and SDMX-CSV imports as atomic jobs, and exports that read back unchanged. Country NOR. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ObservationExchangeTest {

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    static final String CSV = String.join("\r\n",
            "INDICATOR,TIME_PERIOD,OBS_VALUE,AGE,SEX,OBS_STATUS,SOURCE,COMMENT_OBS",
            "NOR-X-1,2020,60,_T,_T,FINAL,Labour force survey,",
            "NOR-X-1,2020,57.25,Y15T24,M,PROVISIONAL,Labour force survey,\"Small sample, wide interval\"",
            "NOR-X-1,2020,62.5,_T,F,FINAL,Labour force survey,",
            "NOR-X-1,2021-Q1,61,_T,_T,FINAL,,",
            "NOR-X-1,2021-01-01/2021-06-30,-0.75,Y_GE65,_T,PROVISIONAL,Register,\"Line one\nline two\"",
            "NOR-X-1,2021-03,61.5,_T,F,FINAL,,") + "\r\n";

    static final String SDMX = String.join("\r\n",
            "DATAFLOW,FREQ,REF_AREA,SERIES,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT,SEX,URBANISATION,OBS_STATUS,COMMENT_OBS",
            "UNSD:DF_SDG_GLH(1.0),A,NOR,NOR-X-2,2019,12.5,PT,0,_T,_T,A,",
            "UNSD:DF_SDG_GLH(1.0),A,NOR,NOR-X-2,2019,13,PT,0,F,_T,A,",
            "UNSD:DF_SDG_GLH(1.0),A,NOR,NOR-X-2,2019,12,PT,0,M,R,P,estimate",
            "UNSD:DF_SDG_GLH(1.0),A,NOR,NOR-X-2,2020,12.25,PT,0,,,A,",
            "UNSD:DF_SDG_GLH(1.0),Q,NOR,NOR-X-2,2020-Q4,11.75,PT,0,F,U,P,") + "\r\n";

    @Test
    @TestSecurity(user = "coordinator-nor", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "NOR"))
    void csvRoundTripsUnchanged() {
        String id = Fixtures.create(Fixtures.indicator("NOR", "NOR-X-1", List.of("SEX", "AGE")));
        JsonPath job = Fixtures.importFile(Fixtures.upload(CSV, "observations.csv", "text/csv", null));
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals("OPENNRTD_CSV", job.getString("format"));
        assertEquals(6, job.getInt("created"));
        assertEquals(6, job.getInt("rowsLoaded"));

        String exported = given().queryParam("format", "CSV").queryParam("anyOtherDimension", true).when()
                .get(INDICATORS + "/" + id + "/export").then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        assertEquals(CSV, exported);

        JsonPath again = Fixtures.importFile(Fixtures.upload(exported, "again.csv", "text/csv", "NOR"));
        assertEquals("SUCCEEDED", again.getString("state"), again.prettify());
        assertEquals(0, again.getInt("created"));
        assertEquals(0, again.getInt("updated"));

        given().queryParam("dimension", "SEX:M").queryParam("dimension", "AGE:Y15T24").when()
                .get(INDICATORS + "/" + id + "/observations").then().statusCode(200)
                .body("items[0].note", equalTo("Small sample, wide interval")).body("items[0].status", equalTo("PROVISIONAL"));
    }

    @Test
    @TestSecurity(user = "coordinator-nor", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "NOR"))
    void sdmxCsvRoundTripsUnchanged() {
        String id = Fixtures.create(Fixtures.indicator("NOR", "NOR-X-2", List.of("SEX", "URBANISATION")));
        JsonPath job = Fixtures.importFile(Fixtures.upload(SDMX, "sdg.csv", "application/vnd.sdmx.data+csv", null));
        assertEquals("SUCCEEDED", job.getString("state"), job.prettify());
        assertEquals("SDMX_CSV", job.getString("format"));
        assertEquals(5, job.getInt("created"));

        List<Map<String, Object>> before = all(id);
        String exported = given().queryParam("format", "SDMX_CSV").queryParam("anyOtherDimension", true).when()
                .get(INDICATORS + "/" + id + "/export").then().statusCode(200)
                .contentType(startsWith("application/vnd.sdmx.data+csv")).extract().asString();
        String[] lines = exported.split("\r\n");
        assertEquals("DATAFLOW,FREQ,REF_AREA,SERIES,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,SEX,URBANISATION,OBS_STATUS,"
                + "SOURCE_DETAIL,COMMENT_OBS", lines[0]);
        assertEquals("OPENNRTD:DF_NATIONAL_INDICATORS(1.0),A,NOR,NOR-X-2,2019,12,PERCENT,M,R,P,,estimate", lines[3]);
        assertEquals("OPENNRTD:DF_NATIONAL_INDICATORS(1.0),Q,NOR,NOR-X-2,2020-Q4,11.75,PERCENT,F,U,P,,", lines[5]);
        assertEquals(6, lines.length);

        JsonPath again = Fixtures.importFile(Fixtures.upload(exported, "again.csv", "text/csv", null));
        assertEquals("SUCCEEDED", again.getString("state"), again.prettify());
        assertEquals(0, again.getInt("created") + again.getInt("updated"));
        assertEquals(before, all(id));
    }

    @Test
    @TestSecurity(user = "coordinator-nor", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "NOR"))
    void jsonExportCarriesTheIndicatorAndEveryObservation() throws Exception {
        String id = Fixtures.create(Fixtures.indicator("NOR", "NOR-X-3", List.of("SEX")));
        Fixtures.observe(id, "2020", 1, Map.of());
        Fixtures.observe(id, "2021", 2, Map.of("SEX", "F"));
        given().queryParam("format", "JSON").queryParam("anyOtherDimension", true).when()
                .get(INDICATORS + "/" + id + "/export").then().statusCode(200).contentType(startsWith("application/json"))
                .body("indicator.code", equalTo("NOR-X-3")).body("observations.size()", equalTo(2))
                .body("observations[1].dimensions.SEX", equalTo("F"));

        // Written observation by observation, it is byte for byte what the mapper writes for the whole series.
        String exported = given().queryParam("format", "JSON").queryParam("anyOtherDimension", true).when()
                .get(INDICATORS + "/" + id + "/export").then().statusCode(200).extract().asString();
        List<ObservationEntity> observations = em.createQuery("from ObservationEntity where indicatorId = :id"
                + " order by periodStart, periodEnd, dimsKey", ObservationEntity.class)
                .setParameter("id", UUID.fromString(id)).getResultList();
        ObservationSeries whole = new ObservationSeries()
                .indicator(IndicatorMapper.toDto(em.find(NationalIndicatorEntity.class, UUID.fromString(id))))
                .observations(observations.stream().map(IndicatorMapper::toDto).toList());
        assertEquals(json.writeValueAsString(whole), exported);

        given().queryParam("format", "XML").when().get(INDICATORS + "/" + id + "/export").then().statusCode(400);
    }

    @Test
    @TestSecurity(user = "coordinator-nor", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "NOR"))
    void aReimportReplacesChangedValuesAndAuditsThem() {
        String id = Fixtures.create(Fixtures.indicator("NOR", "NOR-X-4", List.of("SEX")));
        String header = "INDICATOR,TIME_PERIOD,OBS_VALUE,SEX,OBS_STATUS\n";
        assertEquals(2, Fixtures.importFile(Fixtures.upload(header + "NOR-X-4,2020,10,F,P\nNOR-X-4,2020,11,M,P\n",
                "a.csv", "text/csv", null)).getInt("created"));
        JsonPath revised = Fixtures.importFile(Fixtures.upload(header + "NOR-X-4,2020,10.5,F,A\nNOR-X-4,2020,11,M,P\n"
                + "NOR-X-4,2021,12,F,P\n", "b.csv", "text/csv", null));
        assertEquals(1, revised.getInt("created"));
        assertEquals(1, revised.getInt("updated"));
        given().queryParam("dimension", "SEX:F").when().get(INDICATORS + "/" + id + "/observations").then()
                .body("items[0].value", equalTo(10.5f)).body("items[0].status", equalTo("FINAL"))
                .body("items[0].version", equalTo(1));
        assertEquals(1L, ((Number) em.createNativeQuery("select count(*) from audit_event a join observation o on"
                + " o.id = a.resource_id where a.action = 'IMPORT_UPDATE' and o.indicator_id = ?1")
                .setParameter(1, UUID.fromString(id)).getSingleResult()).longValue());
    }

    private static List<Map<String, Object>> all(String id) {
        return given().queryParam("anyOtherDimension", true).queryParam("limit", 100).when()
                .get(INDICATORS + "/" + id + "/observations").then().statusCode(200).extract().jsonPath()
                .getList("items");
    }
}
