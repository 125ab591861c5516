package org.opennrtd.recommendations.dialogue;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.opennrtd.recommendations.dialogue.Dialogue.as;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opennrtd.testing.PostgresTestResource;

/** Exports of Finland's recommendations as CSV and XLSX: filters, chosen columns, formula injection, limits. */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
class ExportTest {

    static final String FIN = "FIN";
    static final String SYMBOL = "A/HRC/EXPORT/FIN";
    static final String EXPORTS = "/api/v1/recommendation-exports";

    /** Texts a spreadsheet would run as formulas, and an ordinary one (tab and CR: see SpreadsheetCellsTest). */
    static final List<String> TEXTS = List.of(
            "=HYPERLINK(\"http://evil.example\",\"Click\")",
            "+1+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A2)",
            "Ratify the Convention; ensure \"quotes\", commas and åäö survive");

    static boolean created;

    /** Once per run; in a @BeforeEach because REST Assured reaches the application only from there on. */
    @BeforeEach
    void recommendations() {
        if (created) {
            return;
        }
        created = true;
        for (int i = 0; i < TEXTS.size(); i++) {
            Map<String, Object> body = new HashMap<>();
            body.put("text", TEXTS.get(i));
            body.put("mechanism", i == 0 ? "TREATY_BODY" : "UPR");
            body.put("body", i == 0 ? "CRC" : "UPR");
            body.put("country", FIN);
            body.put("documentSymbol", SYMBOL);
            body.put("paragraph", "1." + (i + 1));
            body.put("themes", List.of("=cmd", "Education"));
            body.put("recommendingStates", List.of("Sweden", "Norway"));
            as("coordinator", FIN).body(body).when().post("/api/v1/recommendations").then().statusCode(201);
        }
    }

    @Test
    void csvHasTheChosenColumnsAndNeutralisedFormulas() throws Exception {
        byte[] bytes = as("civil-society", FIN).when()
                .get(EXPORTS + "?format=csv&columns=paragraph,text,themes,recommendingStates&documentSymbol=" + SYMBOL
                        + "&sort=paragraph")
                .then().statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", containsString("recommendations.csv"))
                .extract().asByteArray();
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertEquals('\uFEFF', text.charAt(0), "a byte-order mark, for spreadsheets");
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(text.substring(1))).getRecords();
        assertEquals(List.of("paragraph", "text", "themes", "recommendingStates"), rows.get(0).toList());
        assertEquals(TEXTS.size() + 1, rows.size());
        List<String> exported = new ArrayList<>();
        for (CSVRecord row : rows.subList(1, rows.size())) {
            exported.add(row.get(1));
            assertEquals("'=cmd; Education", row.get(2));
            assertEquals("Sweden; Norway", row.get(3));
        }
        assertEquals(List.of(
                "'=HYPERLINK(\"http://evil.example\",\"Click\")",
                "'+1+cmd|' /C calc'!A0",
                "'-2+3",
                "'@SUM(A1:A2)",
                "Ratify the Convention; ensure \"quotes\", commas and åäö survive"), exported);
    }

    @Test
    void xlsxCellsAreStringsNeverFormulas() throws Exception {
        byte[] bytes = as("ohchr", null).when()
                .get(EXPORTS + "?format=xlsx&columns=documentSymbol,paragraph,text,uprCycle&documentSymbol=" + SYMBOL
                        + "&sort=paragraph")
                .then().statusCode(200)
                .contentType(startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header("Content-Disposition", containsString("recommendations.xlsx"))
                .extract().asByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            assertEquals(1, workbook.getNumberOfSheets());
            Sheet sheet = workbook.getSheetAt(0);
            assertEquals(TEXTS.size(), sheet.getLastRowNum());
            List<String> header = new ArrayList<>();
            sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
            assertEquals(List.of("documentSymbol", "paragraph", "text", "uprCycle"), header);
            List<String> paragraphs = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (Row row : sheet) {
                for (Cell cell : row) {
                    assertEquals(CellType.STRING, cell.getCellType(), "cell " + cell.getAddress());
                }
                if (row.getRowNum() > 0) {
                    assertEquals(SYMBOL, row.getCell(0).getStringCellValue());
                    paragraphs.add(row.getCell(1).getStringCellValue());
                    texts.add(row.getCell(2).getStringCellValue());
                }
            }
            assertEquals(List.of("1.1", "1.2", "1.3", "1.4", "1.5"), paragraphs);
            assertEquals(List.of(
                    "'=HYPERLINK(\"http://evil.example\",\"Click\")",
                    "'+1+cmd|' /C calc'!A0",
                    "'-2+3",
                    "'@SUM(A1:A2)",
                    "Ratify the Convention; ensure \"quotes\", commas and åäö survive"), texts);
        }
    }

    @Test
    void theListsFiltersApplyAndEachCallerSeesOnlyTheirCountry() throws Exception {
        String csv = as("coordinator", FIN).when()
                .get(EXPORTS + "?columns=paragraph,body&documentSymbol=" + SYMBOL + "&mechanism=TREATY_BODY")
                .then().statusCode(200).extract().asString();
        List<CSVRecord> rows = CSVFormat.RFC4180.parse(new StringReader(csv.substring(1))).getRecords();
        assertEquals(2, rows.size());
        assertEquals(List.of("1.1", "CRC"), rows.get(1).toList());

        // A Danish user's export of the same filter is empty, and asking for Finland is forbidden.
        String danish = as("civil-society", "DNK").when().get(EXPORTS + "?documentSymbol=" + SYMBOL)
                .then().statusCode(200).extract().asString();
        assertEquals(1, CSVFormat.RFC4180.parse(new StringReader(danish.substring(1))).getRecords().size());
        as("civil-society", "DNK").when().get(EXPORTS + "?country=FIN").then().statusCode(403)
                .contentType("application/problem+json");
        io.restassured.RestAssured.given().when().get(EXPORTS).then().statusCode(401);
    }

    @Test
    void unknownColumnsAndSortsAreRefusedBeforeAnythingIsWritten() {
        as("coordinator", FIN).when().get(EXPORTS + "?columns=text,password").then().statusCode(400)
                .contentType("application/problem+json").body("violations[0].field", equalTo("columns"));
        as("coordinator", FIN).when().get(EXPORTS + "?columns=text;drop").then().statusCode(400);
        as("coordinator", FIN).when().get(EXPORTS + "?sort=secret").then().statusCode(400)
                .body("violations[0].field", equalTo("sort"));
        as("coordinator", FIN).when().get(EXPORTS + "?format=pdf").then().statusCode(400);
    }

    @Test
    void moreRowsThanTheLimitAreRefusedNotCutOff() {
        // The test profile's limit is 40 rows; an administrator's unfiltered export spans every test's data.
        for (int i = 0; i < 41; i++) {
            as("coordinator", FIN).body(Map.of("text", "Bulk recommendation " + i, "mechanism", "UPR", "body", "UPR",
                    "country", FIN, "documentSymbol", "A/HRC/EXPORT/MANY", "paragraph", "9." + i))
                    .when().post("/api/v1/recommendations").then().statusCode(201);
        }
        as("coordinator", FIN).when().get(EXPORTS + "?documentSymbol=A/HRC/EXPORT/MANY").then().statusCode(422)
                .contentType("application/problem+json").body("detail", containsString("41 recommendations match"));
        as("coordinator", FIN).when().get(EXPORTS + "?documentSymbol=A/HRC/EXPORT/MANY&q=recommendation&uprCycle=1")
                .then().statusCode(200);
    }
}
