package org.opennrtd.indicators;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.opennrtd.indicators.Fixtures.INDICATORS;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.TestTokens;

/**
 * The histories of observations, of framework entries and of dimensions: what the audit trail recorded of their
 * writes, in the shape of the indicator's history, with signed tokens so that one test acts as several users.
 * Countries NOR (the indicators), SWE (another country).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class HistoryTest {

    static final String RIGHTS = "/api/v1/human-rights/rights";
    static final String HR_INDICATORS = "/api/v1/human-rights/indicators";
    static final String DIMENSIONS = "/api/v1/dimensions";

    static RequestSpecification as(String role, String country) {
        return given().auth().oauth2(TestTokens.token(role + "-" + country.toLowerCase(), role, country, "NSO"));
    }

    static String observations(String indicator) {
        return INDICATORS + "/" + indicator + "/observations";
    }

    static String indicator(String code) {
        return as("coordinator", "NOR").contentType(ContentType.JSON)
                .body(Fixtures.indicator("NOR", code, List.of("SEX"))).post(INDICATORS).then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void anObservationsHistoryShowsItsCreationAndEachChangeInOrderAlsoAfterItsDeletion() {
        String id = indicator("NOR-H-1");
        Response created = as("focal-point", "NOR").contentType(ContentType.JSON)
                .body(Fixtures.observation("2021", 71.5, Map.of("SEX", "F"))).post(observations(id));
        created.then().statusCode(201);
        String obs = observations(id) + "/" + created.path("id");
        Map<String, Object> corrected = Fixtures.observation("2021", 72.0, Map.of("SEX", "F"));
        String tag = as("focal-point", "NOR").contentType(ContentType.JSON).header("If-Match", created.header("ETag"))
                .body(corrected).put(obs).then().statusCode(200).extract().header("ETag");
        corrected.put("status", "PROVISIONAL");
        corrected.put("note", "Revised after the census");
        as("coordinator", "NOR").contentType(ContentType.JSON).header("If-Match", tag).body(corrected).put(obs)
                .then().statusCode(200);

        as("civil-society", "NOR").get(obs + "/history").then().statusCode(200)
                .body("page.total", equalTo(3)).body("page.offset", equalTo(0)).body("page.limit", equalTo(20))
                .body("items.action", contains("CREATE", "UPDATE", "UPDATE"))
                .body("items.actor", contains("focal-point-nor", "focal-point-nor", "coordinator-nor"))
                .body("items.occurredAt", everyItem(notNullValue()))
                .body("items[0].before", nullValue())
                .body("items[0].after.value", equalTo(71.5f)).body("items[0].after.indicatorId", equalTo(id))
                .body("items[1].before.value", equalTo(71.5f)).body("items[1].after.value", equalTo(72.0f))
                .body("items[2].before.status", equalTo("FINAL")).body("items[2].after.status", equalTo("PROVISIONAL"))
                .body("items[2].after.note", equalTo("Revised after the census"));
        // Paged as every history.
        as("ohchr", "CHE").get(obs + "/history?offset=1&limit=1").then().statusCode(200)
                .body("page.total", equalTo(3)).body("items", hasSize(1))
                .body("items[0].after.value", equalTo(72.0f));
        as("ohchr", "CHE").get(obs + "/history?limit=101").then().statusCode(400)
                .contentType("application/problem+json");
        // The indicator's own history holds its own changes only (the contract says so).
        as("civil-society", "NOR").get(INDICATORS + "/" + id + "/history").then().statusCode(200)
                .body("items.action", contains("CREATE"));

        // Deleted: the history stays readable, ending with the deletion.
        String current = as("coordinator", "NOR").get(obs + "/history").then().extract().path("items[2].id");
        as("coordinator", "NOR").header("If-Match", "\"2\"").delete(obs).then().statusCode(204);
        as("nhri", "NOR").get(obs + "/history").then().statusCode(200).body("page.total", equalTo(4))
                .body("items.action", contains("CREATE", "UPDATE", "UPDATE", "DELETE"))
                .body("items[2].id", equalTo(current))
                .body("items[3].before.status", equalTo("PROVISIONAL")).body("items[3].after", nullValue());
    }

    @Test
    void anotherCountrysObservationHistoryIsNotFoundAndWithoutATokenNothingIsServed() {
        String id = indicator("NOR-H-2");
        String observation = as("coordinator", "NOR").contentType(ContentType.JSON)
                .body(Fixtures.observation("2022", 10, Map.of())).post(observations(id)).then().statusCode(201)
                .extract().path("id");
        String history = observations(id) + "/" + observation + "/history";
        as("coordinator", "SWE").get(history).then().statusCode(404).contentType("application/problem+json");
        as("civil-society", "SWE").get(history).then().statusCode(404);
        given().get(history).then().statusCode(401);
        as("admin", "SWE").get(history).then().statusCode(200).body("items.action", contains("CREATE"));

        // An observation of another indicator, or none, is not one of this indicator's.
        String other = indicator("NOR-H-3");
        as("coordinator", "NOR").get(observations(other) + "/" + observation + "/history").then().statusCode(404)
                .contentType("application/problem+json");
        as("coordinator", "NOR").get(observations(id) + "/" + UUID.randomUUID() + "/history").then().statusCode(404);
        as("coordinator", "NOR").header("If-Match", "\"0\"").delete(observations(id) + "/" + observation).then()
                .statusCode(204);
        as("coordinator", "NOR").get(observations(other) + "/" + observation + "/history").then().statusCode(404);
        as("coordinator", "SWE").get(history).then().statusCode(404);
        as("coordinator", "NOR").get(history).then().statusCode(200).body("items.action", contains("CREATE", "DELETE"));
    }

    @Test
    void aRightsHistoryShowsItsCreationAndTheAttributesAddedInOrder() {
        as("coordinator", "NOR").contentType(ContentType.JSON)
                .body(Map.of("code", "HISTORY_HOUSING", "name", "Right to adequate housing")).post(RIGHTS)
                .then().statusCode(201);
        as("coordinator", "NOR").contentType(ContentType.JSON)
                .body(Map.of("code", "HISTORY_HOUSING_TENURE", "name", "Security of tenure"))
                .post(RIGHTS + "/HISTORY_HOUSING/attributes").then().statusCode(201);
        as("admin", "SWE").contentType(ContentType.JSON)
                .body(Map.of("code", "HISTORY_HOUSING_HABITABILITY", "name", "Habitability"))
                .post(RIGHTS + "/HISTORY_HOUSING/attributes").then().statusCode(201);

        as("civil-society", "SWE").get(RIGHTS + "/HISTORY_HOUSING/history").then().statusCode(200)
                .body("page.total", equalTo(3))
                .body("items.action", contains("CREATE", "ADD_ATTRIBUTE", "ADD_ATTRIBUTE"))
                .body("items.actor", contains("coordinator-nor", "coordinator-nor", "admin-swe"))
                .body("items[0].after.name", equalTo("Right to adequate housing"))
                .body("items[1].before.attributes", hasSize(0))
                .body("items[1].after.attributes.code", contains("HISTORY_HOUSING_TENURE"))
                .body("items[2].after.attributes", hasSize(2));
        as("nhri", "NOR").get(RIGHTS + "/HISTORY_HOUSING/history?offset=2").then().statusCode(200)
                .body("page.total", equalTo(3)).body("items.actor", contains("admin-swe"));
        as("focal-point", "NOR").get(RIGHTS + "/HISTORY_HOUSING/attributes/HISTORY_HOUSING_TENURE/history").then()
                .statusCode(200).body("items.action", contains("CREATE"))
                .body("items[0].after.right", equalTo("HISTORY_HOUSING"));

        as("coordinator", "NOR").contentType(ContentType.JSON).body(Map.of("code", "HISTORY_HOUSING_EVICTIONS",
                "right", "HISTORY_HOUSING", "attribute", "HISTORY_HOUSING_TENURE", "type", "OUTCOME",
                "title", "Forced evictions per 100,000 households")).post(HR_INDICATORS).then().statusCode(201);
        as("ohchr", "CHE").get(HR_INDICATORS + "/HISTORY_HOUSING_EVICTIONS/history").then().statusCode(200)
                .body("page.total", equalTo(1)).body("items[0].action", equalTo("CREATE"))
                .body("items[0].after.type", equalTo("OUTCOME"));

        // Entries of the starter set have no recorded creation; what the framework does not have is not found.
        as("civil-society", "NOR").get(RIGHTS + "/EDUCATION/history").then().statusCode(200)
                .body("items", hasSize(0)).body("page.total", equalTo(0));
        as("civil-society", "NOR").get(RIGHTS + "/NO_SUCH_RIGHT/history").then().statusCode(404)
                .contentType("application/problem+json");
        // An attribute is found under its own right only.
        as("civil-society", "NOR").get(RIGHTS + "/EDUCATION/attributes/HISTORY_HOUSING_TENURE/history").then()
                .statusCode(404).contentType("application/problem+json");
        as("civil-society", "NOR").get(HR_INDICATORS + "/NO_SUCH_INDICATOR/history").then().statusCode(404);
        as("civil-society", "NOR").get(RIGHTS + "/history/history").then().statusCode(400);

        given().get(RIGHTS + "/HISTORY_HOUSING/history").then().statusCode(401);
        given().get(RIGHTS + "/HISTORY_HOUSING/attributes/HISTORY_HOUSING_TENURE/history").then().statusCode(401);
        given().get(HR_INDICATORS + "/HISTORY_HOUSING_EVICTIONS/history").then().statusCode(401);
    }

    @Test
    void aDimensionsHistoryShowsItsCreationAndTheCodesAddedInOrder() {
        as("coordinator", "NOR").contentType(ContentType.JSON).body(Map.of("code", "HISTORY_TENURE",
                        "name", "Tenure status", "codes", List.of(Map.of("code", "OWNER", "name", "Owner"))))
                .post(DIMENSIONS).then().statusCode(201);
        as("coordinator", "NOR").contentType(ContentType.JSON).body(Map.of("code", "TENANT", "name", "Tenant"))
                .post(DIMENSIONS + "/HISTORY_TENURE/codes").then().statusCode(201);
        as("coordinator", "SWE").contentType(ContentType.JSON).body(Map.of("code", "INFORMAL", "name", "Informal"))
                .post(DIMENSIONS + "/HISTORY_TENURE/codes").then().statusCode(201);

        as("civil-society", "NOR").get(DIMENSIONS + "/HISTORY_TENURE/history").then().statusCode(200)
                .body("page.total", equalTo(3)).body("items.action", contains("CREATE", "ADD_CODE", "ADD_CODE"))
                .body("items.actor", contains("coordinator-nor", "coordinator-nor", "coordinator-swe"))
                .body("items[0].before", nullValue())
                .body("items[0].after.codes.code", contains("_T", "OWNER"))
                .body("items[1].before.codes.code", contains("_T", "OWNER"))
                .body("items[2].after.codes.code", contains("_T", "OWNER", "TENANT", "INFORMAL"));
        as("civil-society", "NOR").get(DIMENSIONS + "/HISTORY_TENURE/history?offset=1&limit=1").then().statusCode(200)
                .body("page.total", equalTo(3)).body("items.actor", contains("coordinator-nor"));
        as("civil-society", "NOR").get(DIMENSIONS + "/SEX/history").then().statusCode(200).body("page.total", equalTo(0));
        as("civil-society", "NOR").get(DIMENSIONS + "/NO_SUCH/history").then().statusCode(404)
                .contentType("application/problem+json");
        given().get(DIMENSIONS + "/HISTORY_TENURE/history").then().statusCode(401);
    }
}
