package org.opennrtd.recommendations.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opennrtd.recommendations.ImportFiles;
import org.junit.jupiter.api.io.TempDir;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTc;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;

class UprMatrixDocxReaderTest {

    private static final String FIXTURE = "/fixtures/upr/upr34-slovenia-thematic-list-of-recommendations.docx";
    private static final String[] CYCLE3_HEADER = {
        "Recommendation", "Position", "Full list of themes", "Assessment/comments on level of implementation"};
    private static final String[] CYCLE4_HEADER = {
        "Recommendation and recommending State", "Position of the State under review",
        "Human rights themes and groups of persons", "Relevant SDGs"};

    private static byte[] fixture;
    private static ParsedFile slovenia;
    private static Map<String, ImportRecord> byParagraph;

    private final UprMatrixDocxReader reader = new UprMatrixDocxReader();

    @BeforeAll
    static void readFixture() throws IOException {
        try (InputStream in = UprMatrixDocxReaderTest.class.getResourceAsStream(FIXTURE)) {
            assertNotNull(in, FIXTURE);
            fixture = in.readAllBytes();
        }
        slovenia = new UprMatrixDocxReader().read(fixture);
        byParagraph = slovenia.records().stream().collect(Collectors.toMap(ImportRecord::paragraph, Function.identity()));
    }

    // ---------------------------------------------------------------------------------------------------------
    // the real cycle-3 matrix (Slovenia, UPR 34)

    @Test
    void aBracketListingSeveralStatesWithCommasGivesEachState() {
        // The cycle-2 layout lists the recommending States of one phrasing in a single bracket.
        UprMatrixDocxReader.Phrasings p = UprMatrixDocxReader.phrasings(
                "Ratify the Optional Protocol to the Convention against Torture (Austria, Belgium, Chile);"
                        + " establish a national preventive mechanism (Bolivia (Plurinational State of), the Netherlands).");
        assertEquals(List.of("Austria", "Belgium", "Chile", "Bolivia (Plurinational State of)", "the Netherlands"),
                p.states());
        assertEquals("Ratify the Optional Protocol to the Convention against Torture; establish a national preventive"
                + " mechanism", p.text());
        // A bracket with a comma that is not a list of States stays in the text.
        UprMatrixDocxReader.Phrasings q = UprMatrixDocxReader.phrasings(
                "Ratify the Domestic Workers Convention (No. 189, 2011) (Chile).");
        assertEquals(List.of("Chile"), q.states());
        assertTrue(q.text().contains("(No. 189, 2011)"), q.text());
    }

    @Test
    void realMatrixHas215RecommendationsAndNoProblems() {
        assertEquals(ImportFormat.UPR_MATRIX_DOCX, slovenia.format());
        assertEquals(List.of(), slovenia.problems());
        assertEquals(215, slovenia.records().size());
        assertEquals(215, slovenia.rowsRead());
        assertEquals(215, byParagraph.size(), "paragraph numbers are distinct");
        assertEquals(182, slovenia.records().stream().filter(r -> "Supported".equals(r.position())).count());
        assertEquals(33, slovenia.records().stream().filter(r -> "Noted".equals(r.position())).count());
    }

    @Test
    void realMatrixRecordsAreWellFormed() {
        for (ImportRecord r : slovenia.records()) {
            String where = "row " + r.row() + " (" + r.paragraph() + ")";
            assertEquals("A/HRC/43/15", r.documentSymbol(), where);
            assertTrue(r.paragraph().matches("12[12]\\.\\d{1,3}"), where);
            assertEquals("UPR", r.body(), where);
            assertFalse(r.text().isBlank(), where);
            assertFalse(r.text().endsWith(";") || r.text().endsWith(" "), where);
            assertFalse(r.recommendingStates().isEmpty(), where);
            assertFalse(r.themes().isEmpty(), where);
            assertFalse(r.text().contains("(France)") || r.text().contains("(Slovakia)"), where);
            assertEquals(List.of(), r.countries(), where);
            assertEquals(List.of(), r.sdgTargets(), where);
            assertNull(r.uhriAnnotationId(), where);
            assertNull(r.uprCycle(), where);
            assertNull(r.uprSession(), where);
            assertNull(r.publicationDate(), where);
            assertEquals(List.of(), r.regions(), where);
            assertTrue(r.sdgGoals().stream().allMatch(g -> g >= 1 && g <= 17), where);
        }
    }

    @Test
    void row121_1_twoStatesOneSdgDisappearedPersons() {
        ImportRecord r = byParagraph.get("121.1");
        assertEquals(3, r.row());
        assertEquals("A/HRC/43/15", r.documentSymbol());
        assertEquals("Ratify the International Convention for the Protection of All Persons from Enforced Disappearance",
                r.text());
        assertEquals(List.of("France", "Lithuania"), r.recommendingStates());
        assertEquals("Supported", r.position());
        assertEquals(List.of("Acceptance of international norms", "Enforced disappearances"), r.themes());
        assertEquals(List.of(16), r.sdgGoals());
        assertEquals(List.of("Disappeared persons"), r.affectedPersons());
    }

    @Test
    void row121_2_twoPhrasingsEachWithItsState() {
        ImportRecord r = byParagraph.get("121.2");
        assertEquals(4, r.row());
        assertEquals("Complete the process of ratification of the International Convention for the Protection of All "
                + "Persons from Enforced Disappearance; Increase efforts towards ratification of the International "
                + "Convention for the Protection of All Persons from Enforced Disappearance", r.text());
        assertEquals(List.of("Ukraine", "Slovakia"), r.recommendingStates());
        assertEquals(List.of("Acceptance of international norms", "Enforced disappearances"), r.themes());
        assertEquals(List.of(16), r.sdgGoals());
        assertEquals(List.of("Disappeared persons"), r.affectedPersons());
    }

    @Test
    void row121_3_bracketedConventionNumberStaysInTheText() {
        ImportRecord r = byParagraph.get("121.3");
        assertEquals(5, r.row());
        assertEquals("Ratify and implement the International Labour Organization’s 2014 Protocol to the Forced Labour "
                + "Convention, 1930 (No. 29)", r.text());
        assertEquals(List.of("United Kingdom of Great Britain and Northern Ireland"), r.recommendingStates());
        assertEquals(List.of("Acceptance of international norms",
                "Right to work and to just & favorable conditions of work & labour rights",
                "Prohibition of slavery, trafficking"), r.themes());
        assertEquals(List.of(8), r.sdgGoals());
        assertEquals(List.of(), r.affectedPersons());
    }

    @Test
    void row122_1_addendumSymbolIsTheReportsAndNoSdgsOrPersons() {
        ImportRecord r = byParagraph.get("122.1");
        assertEquals(6, r.row());
        assertEquals("A/HRC/43/15", r.documentSymbol()); // Source of Position: A/HRC/43/15/Add.1 - Para.3
        assertEquals("Complete the process of ratification of the Optional Protocol to the International Covenant on "
                + "Economic, Social and Cultural Rights", r.text());
        assertEquals(List.of("Senegal"), r.recommendingStates());
        assertEquals("Supported", r.position());
        assertEquals(List.of("Acceptance of international norms",
                "Economic, social & cultural rights - general measures of implementation"), r.themes());
        assertEquals(List.of(), r.sdgGoals());
        assertEquals(List.of(), r.affectedPersons());
    }

    @Test
    void row122_3_notedWithThreePhrasings() {
        ImportRecord r = byParagraph.get("122.3");
        assertEquals(227, r.row());
        assertEquals("Noted", r.position());
        String convention = "the International Convention on the Protection of the Rights of All Migrant Workers and "
                + "Members of Their Families";
        assertEquals("Undertake measures to ratify " + convention + "; Consider the possibility of ratifying "
                + convention + "; Consider acceding to " + convention, r.text());
        assertEquals(List.of("Indonesia", "Niger", "Philippines"), r.recommendingStates());
        assertEquals(List.of("Acceptance of international norms"), r.themes());
        assertEquals(List.of(10), r.sdgGoals());
        assertEquals(List.of("Migrants & domestic workers"), r.affectedPersons());
    }

    @Test
    void row122_7_notedWithThreeStatesInARow() {
        ImportRecord r = byParagraph.get("122.7");
        assertEquals(231, r.row());
        assertEquals("Noted", r.position());
        assertEquals("Ratify the 1961 Convention on the Reduction of Statelessness", r.text());
        assertEquals(List.of("Slovakia", "Spain", "North Macedonia"), r.recommendingStates());
        assertEquals(List.of("Acceptance of international norms"), r.themes());
        assertEquals(List.of(), r.sdgGoals());
        assertEquals(List.of("stateless persons"), r.affectedPersons());
    }

    @Test
    void row122_136_severalSdgs() {
        ImportRecord r = byParagraph.get("122.136");
        assertEquals(16, r.row());
        assertEquals("A/HRC/43/15", r.documentSymbol());
        assertEquals("Conduct an independent evaluation in accordance with the National Programme of Measures for Roma "
                + "for 2017–2021", r.text());
        assertEquals(List.of("Spain"), r.recommendingStates());
        assertEquals(List.of("Legal, institutional & policy framework", "Equality & non-discrimination"), r.themes());
        assertEquals(List.of(10, 16), r.sdgGoals());
        assertEquals(List.of("minorities/ racial, ethnic, linguistic, religious or descent-based groups"),
                r.affectedPersons());
    }

    @Test
    void row122_20_threeThemesTwoSdgs() {
        ImportRecord r = byParagraph.get("122.20");
        assertEquals(14, r.row());
        assertEquals(List.of("Mexico"), r.recommendingStates());
        assertEquals(List.of("Constitutional & legislative framework", "Administration of justice & fair trial",
                "Right to health"), r.themes());
        assertEquals(List.of(3, 16), r.sdgGoals());
        assertEquals(List.of(), r.affectedPersons());
    }

    @Test
    void row121_58_endsWithAFullStopInsteadOfASemicolon() {
        ImportRecord r = byParagraph.get("121.58");
        assertEquals(217, r.row());
        assertEquals("Take appropriate measures to guarantee the rights of persons erased from the Register of Permanent "
                + "Residents, in compliance with the 2018 Constitutional Court decision", r.text());
        assertEquals(List.of("France"), r.recommendingStates());
        assertEquals(List.of("Rights related to name, identity & nationality", "Equality & non-discrimination"),
                r.themes());
        assertEquals(List.of(16), r.sdgGoals());
        assertEquals(List.of("stateless persons", "non-citizens"), r.affectedPersons());
    }

    @Test
    void row122_107_doubleSpaceBeforeTheStateIsCollapsed() {
        ImportRecord r = byParagraph.get("122.107");
        assertEquals(224, r.row());
        assertTrue(r.text().endsWith("Violence against Women and Domestic Violence"), r.text());
        assertEquals(List.of("Mexico"), r.recommendingStates());
        assertEquals("Sexual & other forms of gender-based violence", r.themes().get(0));
        assertEquals(List.of(5), r.sdgGoals());
        assertEquals(List.of("girls", "Women"), r.affectedPersons());
    }

    @Test
    void readsFromAStreamOrAPathAsFromBytes(@TempDir Path dir) throws IOException {
        assertEquals(slovenia, reader.read(new ByteArrayInputStream(fixture)));
        Path file = Files.write(dir.resolve("upload.bin"), fixture);
        assertEquals(slovenia, reader.read(file));

        // no file-size limit of its own (the upload is bounded elsewhere) and POI-like entry limits
        UprMatrixDocxReader unbounded = new UprMatrixDocxReader(100_000, 50_000, Long.MAX_VALUE, (2L << 30) - 1);
        assertEquals(slovenia, unbounded.read(new ByteArrayInputStream(fixture)));
        assertEquals(slovenia, unbounded.read(file));
    }

    @Test
    void rowCapIsEnforced() {
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> new UprMatrixDocxReader(100, 50_000).read(fixture));
        assertEquals(422, e.status());
        assertTrue(e.getMessage().contains("100 table rows"), e.getMessage());
    }

    @Test
    void uncompressedSizeCapIsEnforced() {
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> new UprMatrixDocxReader(100_000, 50_000, 50L << 20, 256 * 1024).read(fixture));
        assertEquals(422, e.status());
    }

    @Test
    void fileSizeCapIsEnforced() {
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> new UprMatrixDocxReader(100_000, 50_000, 16 * 1024, 100L << 20)
                        .read(new ByteArrayInputStream(fixture)));
        assertEquals(422, e.status());
    }

    @Test
    void poiZipLimitsAreInForce() {
        new UprMatrixDocxReader();
        // ImportLimits owns POI's process-wide limits: the inflate ratio that refuses zip bombs is in force.
        assertTrue(ZipSecureFile.getMinInflateRatio() >= 0.01);
    }

    // ---------------------------------------------------------------------------------------------------------
    // other cycles' layouts, built with POI

    @Test
    void cycle2Layout() throws IOException {
        byte[] docx = docx(CYCLE3_HEADER,
                row("Theme: A12 Acceptance of international norms"),
                row("118.1 Consider ratifying the Optional Protocol to the Convention against Torture "
                        + "(Bolivia (Plurinational State of)) (Holy See);\nSource of position: A/HRC/28/7 - Para. 118",
                        "Supported",
                        "A12 Acceptance of international norms\nA41 Constitutional and legislative framework\n"
                                + "Affected persons:\n- general",
                        ""),
                row("118.2 Strengthen the protection of persons with disabilities &amp; their families (United Kingdom "
                        + "of Great Britain and Northern Ireland); Adopt a national action plan (the former Yugoslav "
                        + "Republic of Macedonia).\nSource of position: A/HRC/28/7/Add.1 - Para. 5",
                        "Noted",
                        "A41 Constitutional and legislative framework\nF4 Persons with disabilities\nAffected persons:\n"
                                + "- persons with disabilities\n- children",
                        ""),
                row("Theme: D26 Conditions of detention"),
                row("Improve conditions of detention (Germany);\nSource of position: A/HRC/28/7 - Para. 118",
                        "Supported", "D26 Conditions of detention", ""),
                row("118.40\nSource of position: A/HRC/28/7 - Para. 118", "Supported", "D26 Conditions of detention", ""),
                row("118.41 Ensure that prisons meet the Standard Minimum Rules for the Treatment of Prisoners (Nelson "
                        + "Mandela Rules) (Austria);\nSource of position: A/HRC/28/7 - Para. 118",
                        "Supported", "D26 Conditions of detention\nAffected persons:\n- persons deprived of their liberty",
                        ""));

        ParsedFile parsed = reader.read(docx);

        assertEquals(5, parsed.rowsRead());
        assertEquals(3, parsed.records().size());
        assertEquals(List.of(6, 7), parsed.problems().stream().map(RowProblem::row).toList());
        assertTrue(parsed.problems().stream().noneMatch(RowProblem::fatal));
        assertFalse(parsed.hasFatalProblem());
        assertTrue(parsed.problems().get(0).message().contains("paragraph number"), parsed.problems().get(0).message());
        assertTrue(parsed.problems().get(1).message().contains("no text"), parsed.problems().get(1).message());

        ImportRecord first = parsed.records().get(0);
        assertEquals(3, first.row());
        assertEquals("A/HRC/28/7", first.documentSymbol());
        assertEquals("118.1", first.paragraph());
        assertEquals("Consider ratifying the Optional Protocol to the Convention against Torture", first.text());
        assertEquals(List.of("Bolivia (Plurinational State of)", "Holy See"), first.recommendingStates());
        assertEquals("Supported", first.position());
        assertEquals(List.of("Acceptance of international norms", "Constitutional and legislative framework"),
                first.themes());
        assertEquals(List.of("general"), first.affectedPersons());
        assertEquals(List.of(), first.sdgGoals());

        ImportRecord second = parsed.records().get(1);
        assertEquals(4, second.row());
        assertEquals("A/HRC/28/7", second.documentSymbol());
        assertEquals("118.2", second.paragraph());
        assertEquals("Strengthen the protection of persons with disabilities & their families; Adopt a national action "
                + "plan", second.text());
        assertEquals(List.of("United Kingdom of Great Britain and Northern Ireland",
                "the former Yugoslav Republic of Macedonia"), second.recommendingStates());
        assertEquals("Noted", second.position());
        // the group theme comes first even when the themes cell leaves it out
        assertEquals(List.of("Acceptance of international norms", "Constitutional and legislative framework",
                "Persons with disabilities"), second.themes());
        assertEquals(List.of("persons with disabilities", "children"), second.affectedPersons());

        ImportRecord third = parsed.records().get(2);
        assertEquals(8, third.row());
        assertEquals("118.41", third.paragraph());
        assertEquals("Ensure that prisons meet the Standard Minimum Rules for the Treatment of Prisoners (Nelson Mandela "
                + "Rules)", third.text());
        assertEquals(List.of("Austria"), third.recommendingStates());
        assertEquals(List.of("Conditions of detention"), third.themes());
        assertEquals(List.of("persons deprived of their liberty"), third.affectedPersons());
    }

    @Test
    void cycle4Layout() throws IOException {
        byte[] docx = docx(CYCLE4_HEADER,
                row("Theme: Right to health"),
                row("41.23 Ensure universal access to health care, including sexual and reproductive health services "
                        + "(Brazil) (Holy See);\nSource of Position: A/HRC/59/15/Add.1 - Para.3",
                        "Supported",
                        "- Right to health\n- Sexual & reproductive health and rights\nGroups of Persons:\n- Women\n- girls",
                        "- 3 - GOOD HEALTH AND WELL-BEING\n- 5 - GENDER EQUALITY"),
                row("41.24 Guarantee free primary health care for all children (Côte d’Ivoire); Strengthen mental health "
                        + "services (Iran (Islamic Republic of));\nSource of Position: A/HRC/59/15 - Para. 41",
                        "Noted",
                        "- Right to health\nGroups of Persons:\n- children",
                        "3.8 - Achieve universal health coverage\n- 3 - GOOD HEALTH AND WELL-BEING"),
                row("Theme: Right to education"),
                row("41.30 Continue efforts to ensure inclusive education (Chile);\nSource of Position: "
                        + "A/HRC/59/15/Add.1 - Para.3", "Supported", "", ""));

        ParsedFile parsed = reader.read(docx);

        assertEquals(List.of(), parsed.problems());
        assertEquals(3, parsed.records().size());
        assertEquals(3, parsed.rowsRead());

        ImportRecord first = parsed.records().get(0);
        assertEquals(3, first.row());
        assertEquals("A/HRC/59/15", first.documentSymbol());
        assertEquals("41.23", first.paragraph());
        assertEquals("Ensure universal access to health care, including sexual and reproductive health services",
                first.text());
        assertEquals(List.of("Brazil", "Holy See"), first.recommendingStates());
        assertEquals("Supported", first.position());
        assertEquals(List.of("Right to health", "Sexual & reproductive health and rights"), first.themes());
        assertEquals(List.of("Women", "girls"), first.affectedPersons());
        assertEquals(List.of(3, 5), first.sdgGoals());
        assertEquals(List.of(), first.sdgTargets());

        ImportRecord second = parsed.records().get(1);
        assertEquals("A/HRC/59/15", second.documentSymbol());
        assertEquals("Guarantee free primary health care for all children; Strengthen mental health services",
                second.text());
        assertEquals(List.of("Côte d’Ivoire", "Iran (Islamic Republic of)"), second.recommendingStates());
        assertEquals("Noted", second.position());
        assertEquals(List.of("Right to health"), second.themes());
        assertEquals(List.of("children"), second.affectedPersons());
        assertEquals(List.of("3.8"), second.sdgTargets());
        assertEquals(List.of(3), second.sdgGoals());

        ImportRecord third = parsed.records().get(2);
        assertEquals(6, third.row());
        assertEquals(List.of("Chile"), third.recommendingStates());
        assertEquals(List.of("Right to education"), third.themes()); // from the group row
        assertEquals(List.of(), third.affectedPersons());
        assertEquals(List.of(), third.sdgGoals());
    }

    @Test
    void columnsAreFoundByTheirHeaderNotTheirPlace() throws IOException {
        String[] shuffled = {CYCLE4_HEADER[3], CYCLE4_HEADER[2], "Notes", CYCLE4_HEADER[1], CYCLE4_HEADER[0]};
        byte[] docx = docx(shuffled,
                row("- 16 - PEACE, JUSTICE AND STRONG INSTITUTIONS",
                        "- Administration of justice & fair trial\nGroups of Persons:\n- persons deprived of their liberty",
                        "", "Supported",
                        "41.5 Reform the justice system (Ghana);\nSource of Position: A/HRC/59/15 - Para. 41"));

        ParsedFile parsed = reader.read(docx);

        assertEquals(List.of(), parsed.problems());
        ImportRecord r = parsed.records().get(0);
        assertEquals(2, r.row());
        assertEquals("41.5", r.paragraph());
        assertEquals("Reform the justice system", r.text());
        assertEquals(List.of("Ghana"), r.recommendingStates());
        assertEquals("Supported", r.position());
        assertEquals(List.of("Administration of justice & fair trial"), r.themes());
        assertEquals(List.of("persons deprived of their liberty"), r.affectedPersons());
        assertEquals(List.of(16), r.sdgGoals());
    }

    @Test
    void emptyPositionIsNullAndARowWithoutSourceIsRejected() throws IOException {
        byte[] docx = docx(CYCLE3_HEADER,
                row("99.1 Do something (Peru);\nSource of Position: A/HRC/1/1 - Para 99", "", "- Something", ""),
                row("99.2 Do something else (Peru);", "Supported", "- Something", ""));

        ParsedFile parsed = reader.read(docx);

        assertEquals(1, parsed.records().size());
        assertNull(parsed.records().get(0).position());
        assertEquals(1, parsed.problems().size());
        assertEquals(3, parsed.problems().get(0).row());
        assertFalse(parsed.problems().get(0).fatal());
    }

    @Test
    void documentWithoutMatrixHeaderIsUnsupported() throws IOException {
        byte[] otherTable = docx(new String[] {"Name", "Age"}, row("Ana", "41"));
        assertStatus(415, otherTable);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XWPFDocument doc = new XWPFDocument()) {
            doc.createParagraph().createRun().setText("Recommendation Position Full list of themes");
            doc.write(out);
        }
        assertStatus(415, out.toByteArray());
    }

    // ---------------------------------------------------------------------------------------------------------
    // hostile or broken uploads

    @Test
    void emptyFileIsUnsupported() {
        assertStatus(415, new byte[0]);
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> reader.read(new ByteArrayInputStream(new byte[0])));
        assertEquals(415, e.status());
    }

    @Test
    void randomBytesAreUnsupported() {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        noise[0] = 'X';
        assertStatus(415, noise);
    }

    @Test
    void legacyWordFileIsUnsupported() {
        byte[] ole2 = new byte[1024];
        byte[] magic = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        System.arraycopy(magic, 0, ole2, 0, magic.length);
        assertStatus(415, ole2);
    }

    @Test
    void truncatedDocxIsMalformed() {
        assertStatus(422, Arrays.copyOf(fixture, fixture.length / 2));
        assertStatus(422, Arrays.copyOf(fixture, fixture.length - 10));
        assertStatus(422, Arrays.copyOf(fixture, 40));
    }

    @Test
    void corruptedDocxIsMalformed() {
        byte[] corrupted = fixture.clone();
        for (int i = 2_000; i < corrupted.length - 2_000; i += 97) {
            corrupted[i] ^= 0x5A;
        }
        assertStatus(422, corrupted);
    }

    @Test
    void zipThatIsNotADocxIsMalformed() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("hello.txt", "hello".getBytes(StandardCharsets.UTF_8));
        assertStatus(422, zip(entries));

        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            workbook.createSheet("Recommendations").createRow(0).createCell(0).setCellValue("Recommendation");
            workbook.write(xlsx);
        }
        InvalidFileException e = assertStatus(422, xlsx.toByteArray());
        assertTrue(e.getMessage().contains("not a Word"), e.getMessage());
    }

    @Test
    void zipBombIsRefused() throws IOException {
        // document.xml of 200 MB of one repeated character: about 200 KB once compressed
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, byte[]> entry : entries(fixture).entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                if (entry.getKey().equals("word/document.xml")) {
                    byte[] chunk = new byte[1 << 20];
                    Arrays.fill(chunk, (byte) 'a');
                    for (int i = 0; i < 200; i++) {
                        zip.write(chunk);
                    }
                } else {
                    zip.write(entry.getValue());
                }
                zip.closeEntry();
            }
        }
        byte[] bomb = bytes.toByteArray();
        assertTrue(bomb.length < 2 * 1024 * 1024, "the bomb is small: " + bomb.length);

        InvalidFileException e = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertStatus(422, bomb));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).fatal());
    }

    @Test
    void doctypeWithEntityExpansionIsRefused() throws IOException {
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE w:document [\n"
                + "<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"");
            for (int k = 0; k < 10; k++) {
                laughs.append("&lol").append(i - 1).append(';');
            }
            laughs.append("\">\n");
        }
        laughs.append("]>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
                + "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Recommendation</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Position"
                + "</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc><w:p><w:r><w:t>1.1 &lol9; (France);</w:t></w:r></w:p></w:tc>"
                + "<w:tc><w:p><w:r><w:t>Supported</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>");
        byte[] billionLaughs = withDocumentXml(laughs.toString());

        String external = "<?xml version=\"1.0\"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r>"
                + "<w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>";
        byte[] xxe = withDocumentXml(external);

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            InvalidFileException e = assertStatus(422, billionLaughs);
            assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
            assertStatus(422, xxe);
        });
    }

    @Test
    void cellOverTheLengthCapIsMalformed() throws IOException {
        byte[] docx = docx(CYCLE3_HEADER,
                row("1.1 " + "x".repeat(60_000) + " (France);\nSource of Position: A/HRC/1/1 - Para 1", "Supported",
                        "- Theme", ""));
        InvalidFileException e = assertStatus(422, docx);
        assertTrue(e.getMessage().contains("row 2"), e.getMessage());

        // the same document is fine with a larger cap
        assertEquals(1, new UprMatrixDocxReader(100, 100_000).read(docx).records().size());
    }

    @Test
    void pathologicalCellsUnderTheCapAreReadQuickly() throws IOException {
        String manyStates = "1.1 Do it " + "(France) ".repeat(4_000) + ";" + " ;".repeat(4_000)
                + "\nSource of Position: A/HRC/1/1 - Para 1";
        String manyBrackets = "1.2 " + "(x ".repeat(8_000) + ")".repeat(8_000) + " (Chile);\nSource of Position: A/HRC/1/1";
        String manyThemes = "- theme\n".repeat(2_000) + "SDGs:\n" + "- 16 - X, 5, 3\n".repeat(1_000)
                + "Affected persons:\n" + "- group\n".repeat(2_000);
        // an incompressible preface keeps the document under the 1:100 inflate ratio that marks a zip bomb
        byte[] noise = new byte[40_000];
        new Random(7).nextBytes(noise);
        String preface = java.util.Base64.getEncoder().encodeToString(noise);
        byte[] docx = docx(preface, CYCLE3_HEADER,
                row(manyStates, "Supported", manyThemes, ""),
                row(manyBrackets, "Supported", "- theme", ""));

        ParsedFile parsed = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> reader.read(docx));

        assertEquals(2, parsed.records().size());
        ImportRecord first = parsed.records().get(0);
        assertEquals("Do it", first.text());
        assertEquals(List.of("France"), first.recommendingStates());
        assertEquals(List.of("theme"), first.themes());
        assertEquals(List.of(16, 5, 3), first.sdgGoals());
        assertEquals(List.of("group"), first.affectedPersons());
        assertEquals(List.of("Chile"), parsed.records().get(1).recommendingStates());
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    private InvalidFileException assertStatus(int status, byte[] content) {
        InvalidFileException e = assertThrows(InvalidFileException.class, () -> reader.read(content));
        assertEquals(status, e.status(), e.getMessage());
        assertNotNull(e.getMessage());
        return e;
    }

    private static String[] row(String... cells) {
        return cells;
    }

    /** A .docx with one table: the header, then the rows; a one-cell row spans the whole table (a "Theme:" row). */
    private static byte[] docx(String[] header, String[]... rows) throws IOException {
        return docx(null, header, rows);
    }

    private static byte[] docx(String preface, String[] header, String[]... rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XWPFDocument doc = new XWPFDocument()) {
            if (preface != null) {
                doc.createParagraph().createRun().setText(preface);
            }
            XWPFTable table = doc.createTable(1, header.length);
            ImportFiles.fill(table.getRow(0), header);
            for (String[] cells : rows) {
                XWPFTableRow row = table.createRow();
                if (cells.length == 1) {
                    for (int i = row.getTableCells().size() - 1; i > 0; i--) {
                        row.removeCell(i);
                    }
                    CTTc tc = row.getCell(0).getCTTc();
                    CTTcPr pr = tc.isSetTcPr() ? tc.getTcPr() : tc.addNewTcPr();
                    pr.addNewGridSpan().setVal(BigInteger.valueOf(header.length));
                }
                ImportFiles.fill(row, cells);
            }
            doc.write(out);
        }
        return out.toByteArray();
    }

    private static byte[] withDocumentXml(String documentXml) throws IOException {
        Map<String, byte[]> entries = entries(fixture);
        entries.put("word/document.xml", documentXml.getBytes(StandardCharsets.UTF_8));
        return zip(entries);
    }

    private static Map<String, byte[]> entries(byte[] zipBytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
