package org.opennrtd.indicators;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.quarkus.test.security.oidc.Claim;
import io.quarkus.test.security.oidc.OidcSecurity;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/** The human-rights framework's starter set, its extension, and the disaggregation catalogue. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class HumanRightsFrameworkTest {

    static final String RIGHTS = "/api/v1/human-rights/rights";
    static final String HR_INDICATORS = "/api/v1/human-rights/indicators";
    static final String DIMENSIONS = "/api/v1/dimensions";

    @Test
    @TestSecurity(user = "ngo", roles = "civil-society")
    void theStarterSetCoversFiveRightsWithIndicatorsOfEachType() {
        given().queryParam("limit", 100).when().get(RIGHTS).then().statusCode(200)
                .body("items.code", hasItems("EDUCATION", "HEALTH", "WORK", "NON_DISCRIMINATION", "VIOLENCE_AGAINST_WOMEN"))
                .body("items.find { it.code == 'EDUCATION' }.origin", equalTo("STARTER"))
                .body("items.find { it.code == 'EDUCATION' }.description", containsString("not OHCHR's official list"))
                .body("items.find { it.code == 'HEALTH' }.attributes.size()", greaterThanOrEqualTo(3));
        for (String right : List.of("EDUCATION", "HEALTH", "WORK", "NON_DISCRIMINATION", "VIOLENCE_AGAINST_WOMEN")) {
            given().queryParam("right", right).queryParam("limit", 100).when().get(HR_INDICATORS).then().statusCode(200)
                    .body("items.right", everyItem(equalTo(right)))
                    .body("page.total", greaterThanOrEqualTo(4));
        }
        for (String type : List.of("STRUCTURAL", "PROCESS", "OUTCOME")) {
            given().queryParam("type", type).when().get(HR_INDICATORS).then().statusCode(200)
                    .body("items.type", everyItem(equalTo(type))).body("page.total", greaterThanOrEqualTo(5));
        }
        given().queryParam("attribute", "VAW_DOMESTIC").when().get(HR_INDICATORS).then().statusCode(200)
                .body("items.type", contains("STRUCTURAL", "PROCESS", "OUTCOME"))
                .body("items.find { it.code == 'VAW_O_PARTNER_VIOLENCE' }.sdgIndicators", contains("5.2.1"));
    }

    @Test
    @TestSecurity(user = "coordinator-ita", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "ITA"))
    void coordinatorsExtendTheFramework() {
        given().contentType(ContentType.JSON).body(Map.of("code", "HOUSING", "name", "Right to adequate housing"))
                .when().post(RIGHTS).then().statusCode(201).header("Location", containsString(RIGHTS + "/HOUSING"))
                .body("origin", equalTo("USER"));
        given().contentType(ContentType.JSON).body(Map.of("code", "HOUSING_HABITABILITY", "name", "Habitability"))
                .when().post(RIGHTS + "/HOUSING/attributes").then().statusCode(201)
                .body("attributes.code", contains("HOUSING_HABITABILITY"));
        given().contentType(ContentType.JSON).body(Map.of("code", "HOUSING_O_SLUMS", "right", "HOUSING",
                        "attribute", "HOUSING_HABITABILITY", "type", "OUTCOME",
                        "title", "Proportion of urban population living in slums", "sdgIndicators", List.of("11.1.1")))
                .when().post(HR_INDICATORS).then().statusCode(201).body("origin", equalTo("USER"))
                .body("sdgIndicators", contains("11.1.1"));
        // Codes are unique; an attribute must belong to the right named; SDG codes must exist.
        given().contentType(ContentType.JSON).body(Map.of("code", "HOUSING", "name", "Again")).when().post(RIGHTS)
                .then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("code", "HOUSING_X", "right", "HOUSING",
                        "attribute", "EDU_CURRICULA", "type", "PROCESS", "title", "x"))
                .when().post(HR_INDICATORS).then().statusCode(422);
        given().contentType(ContentType.JSON).body(Map.of("code", "HOUSING_Y", "right", "HOUSING",
                        "attribute", "HOUSING_HABITABILITY", "type", "PROCESS", "title", "y",
                        "sdgIndicators", List.of("11.1.7")))
                .when().post(HR_INDICATORS).then().statusCode(422);
        given().when().get(RIGHTS + "/NOT_A_RIGHT").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "nhri", roles = "nhri")
    void othersReadButDoNotExtendTheFramework() {
        given().contentType(ContentType.JSON).body(Map.of("code", "WATER", "name", "Right to water")).when()
                .post(RIGHTS).then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("code", "CASTE", "name", "Caste")).when()
                .post(DIMENSIONS).then().statusCode(403);
        given().when().get(RIGHTS + "/WORK").then().statusCode(200).body("code", equalTo("WORK"));
    }

    @Test
    void withoutATokenTheFrameworkIsNotServed() {
        given().when().get(RIGHTS).then().statusCode(401);
        given().when().get(DIMENSIONS).then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "ngo", roles = "civil-society")
    void theCatalogueHoldsTheStandardDimensionsWithSdmxCodes() {
        given().when().get(DIMENSIONS).then().statusCode(200)
                .body("items.code", hasItems("SEX", "AGE", "DISABILITY_STATUS", "URBANISATION", "REGION",
                        "INCOME_WEALTH_QUANTILE", "ETHNICITY", "MIGRATORY_STATUS"));
        given().when().get(DIMENSIONS + "/SEX").then().statusCode(200).body("codes.code", contains("_T", "F", "M"))
                .body("userDefined", equalTo(false));
        given().when().get(DIMENSIONS + "/INCOME_WEALTH_QUANTILE").then().statusCode(200)
                .body("codes.code", contains("_T", "Q1", "Q2", "Q3", "Q4", "Q5"));
    }

    @Test
    @TestSecurity(user = "coordinator-ita", roles = "coordinator")
    @OidcSecurity(claims = @Claim(key = "country", value = "ITA"))
    void coordinatorsAddDimensionsAndCodes() {
        given().contentType(ContentType.JSON).body(Map.of("code", "HOUSEHOLD_TYPE", "name", "Household type",
                        "codes", List.of(Map.of("code", "SINGLE_PARENT", "name", "Single parent"))))
                .when().post(DIMENSIONS).then().statusCode(201).body("userDefined", equalTo(true))
                .body("codes.code", contains("_T", "SINGLE_PARENT"));
        given().contentType(ContentType.JSON).body(Map.of("code", "ITC", "name", "Nord-Ovest")).when()
                .post(DIMENSIONS + "/REGION/codes").then().statusCode(201).body("codes.code", hasItem("ITC"));
        given().contentType(ContentType.JSON).body(Map.of("code", "ITC", "name", "Nord-Ovest")).when()
                .post(DIMENSIONS + "/REGION/codes").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("code", "_T", "name", "Total")).when()
                .post(DIMENSIONS + "/REGION/codes").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("code", "bad code!", "name", "x")).when()
                .post(DIMENSIONS + "/REGION/codes").then().statusCode(400);
        given().contentType(ContentType.JSON).body(Map.of("code", "X", "name", "x")).when()
                .post(DIMENSIONS + "/NO_SUCH/codes").then().statusCode(404);
    }
}
