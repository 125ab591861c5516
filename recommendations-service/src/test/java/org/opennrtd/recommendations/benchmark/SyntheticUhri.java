package org.opennrtd.recommendations.benchmark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Synthetic records in the format of a Universal Human Rights Index CSV export, generated deterministically from a
 * seed: every UHRI column, multi-value cells as "- " lines, texts of about 300 characters, themes, affected persons
 * and SDG targets from UHRI's vocabularies, UPR, treaty-body and special-procedure records, and one State concerned
 * per record (so that records and stored rows are the same number).
 */
final class SyntheticUhri {

    static final List<String> HEADER = List.of("Text", "Countries Concerned", "Reccomending Body", "Document Symbol",
            "Themes", "Affected Persons", "Sdgs", "Document Publication Date", "UPR Reccomending States", "UPR Position",
            "Type", "OHCHR Annotation Id", "UPR Session", "Regions Concerned");

    /** States concerned with their UHRI region; the names are written as UHRI writes them. */
    static final String[][] COUNTRIES = {
        {"Slovenia", "Europe"}, {"Montenegro", "Europe"}, {"Serbia", "Europe"}, {"Albania", "Europe"},
        {"Türkiye", "Europe"}, {"United Kingdom of Great Britain and Northern Ireland", "Europe"}, {"France", "Europe"},
        {"Republic of Moldova", "Europe"}, {"Kenya", "Africa"}, {"Nigeria", "Africa"}, {"Côte d'Ivoire", "Africa"},
        {"United Republic of Tanzania", "Africa"}, {"Democratic Republic of the Congo", "Africa"}, {"Cabo Verde", "Africa"},
        {"Brazil", "Americas"}, {"Bolivia (Plurinational State of)", "Americas"}, {"Mexico", "Americas"},
        {"Venezuela (Bolivarian Republic of)", "Americas"}, {"Saint Vincent and the Grenadines", "Americas"},
        {"India", "Asia-Pacific"}, {"Viet Nam", "Asia-Pacific"}, {"Indonesia", "Asia-Pacific"},
        {"Lao People's Democratic Republic", "Asia-Pacific"}, {"Micronesia (Federated States of)", "Asia-Pacific"},
        {"Iran (Islamic Republic of)", "Asia-Pacific"}, {"Syrian Arab Republic", "Middle East and North Africa"},
        {"Egypt", "Middle East and North Africa"}, {"State of Palestine", "Middle East and North Africa"},
        {"Tunisia", "Middle East and North Africa"}, {"Jordan", "Middle East and North Africa"},
    };

    static final String[] RECOMMENDING_STATES = {"Austria", "Chile", "France", "Lithuania", "Ukraine", "Slovakia",
        "Luxembourg", "Brazil", "Canada", "Japan", "Mexico", "Norway", "Portugal", "Sierra Leone", "Türkiye", "Uruguay",
        "Argentina", "Australia", "Botswana", "Costa Rica", "Ecuador", "Fiji", "Germany", "Iceland", "Ireland",
        "Italy", "Namibia", "Netherlands (Kingdom of the)", "New Zealand", "Paraguay", "Philippines", "Senegal",
        "Spain", "Sweden", "Switzerland", "Togo", "Tunisia", "Viet Nam", "Zambia", "Côte d'Ivoire"};

    static final String[] THEMES = {"Equality & non-discrimination", "Women's rights", "Violence against women",
        "Rights of the child", "Torture and other cruel, inhuman and/or degrading treatment",
        "Freedom of opinion and expression", "Human rights defenders", "Right to education", "Right to health",
        "Administration of justice & fair trial", "Trafficking in persons", "Rights of persons with disabilities",
        "Indigenous peoples", "Migrants", "Poverty", "National Human Rights Institution (NHRI)",
        "Acceptance of international norms", "Cooperation & Follow up with Treaty Bodies", "Death penalty",
        "Business & human rights", "Climate change & environment", "Right to food", "Right to water and sanitation",
        "Enforced disappearances", "Conditions of detention", "Racial discrimination",
        "Sexual orientation & gender identity", "Freedom of association and peaceful assembly", "Corruption",
        "Right to adequate housing", "Birth registration & right to a name", "Juvenile justice"};

    static final String[] AFFECTED = {"Women", "Girls", "Children", "Persons with disabilities", "Migrants",
        "Refugees & asylum seekers", "Indigenous peoples",
        "Minorities/ racial, ethnic, linguistic, religious or descent-based groups", "Persons living in poverty",
        "Human rights defenders", "Judges, lawyers and prosecutors", "Persons deprived of their liberty",
        "Lesbian, gay, bisexual, transgender and intersex persons (LGBTI)", "Older persons", "Youth", "General",
        "Rural women", "Persons living with HIV/AIDS", "Stateless persons", "Journalists"};

    static final String[] SDGS = {"1.3 - Implement nationally appropriate social protection systems",
        "1.4 - Equal rights to economic resources, access to basic services, property and financial services",
        "3.7 - Ensure universal access to sexual and reproductive health-care services",
        "4.1 - Ensure that all girls and boys complete free, equitable and quality primary and secondary education",
        "4.5 - Eliminate gender disparities in education",
        "5.1 - End all forms of discrimination against all women and girls everywhere",
        "5.2 - Eliminate all forms of violence against all women and girls",
        "5.3 - Eliminate all harmful practices, such as child, early and forced marriage and female genital mutilation",
        "8.7 - Eradicate forced labour, end modern slavery and human trafficking and child labour",
        "10.2 - Empower and promote the social, economic and political inclusion of all",
        "10.3 - Ensure equal opportunity and reduce inequalities of outcome",
        "16.1 - Significantly reduce all forms of violence and related death rates everywhere",
        "16.2 - End abuse, exploitation, trafficking and all forms of violence against and torture of children",
        "16.3 - Promote the rule of law at the national and international levels",
        "16.9 - Provide legal identity for all, including birth registration",
        "16.10 - Ensure public access to information and protect fundamental freedoms",
        "16.a - Strengthen relevant national institutions", "5 - GENDER EQUALITY", "16 - PEACE, JUSTICE AND STRONG INSTITUTIONS"};

    static final String[] TREATY_BODIES = {"CEDAW", "CRC", "CCPR", "CESCR", "CAT", "CERD", "CRPD", "CMW", "CED"};
    static final String[] SPECIAL_PROCEDURES = {"SR on the right to food", "SR on torture", "SR on freedom of expression",
        "WG on enforced or involuntary disappearances", "IE on sexual orientation and gender identity",
        "SR on the rights of indigenous peoples", "SR on adequate housing", "SR on the situation of human rights defenders"};

    private static final String[] VERBS = {"Ensure", "Adopt", "Strengthen", "Take measures to guarantee", "Continue",
        "Intensify efforts to ensure", "Establish", "Consider ratifying", "Step up efforts to", "Allocate adequate resources to"};
    private static final String[] OBJECTS = {"a comprehensive anti-discrimination law", "the independence of the judiciary",
        "access to inclusive and quality education for all children", "the effective investigation of all allegations of torture",
        "the protection of human rights defenders and journalists", "adequate funding for the national human rights institution",
        "a national action plan on business and human rights", "birth registration for all children born in its territory",
        "the prohibition of corporal punishment in all settings", "access to safe drinking water and sanitation in rural areas",
        "measures against trafficking in persons, in particular women and girls", "the \"Istanbul Convention\" in domestic law"};
    private static final String[] CLAUSES = {"in line with its international obligations",
        "with the participation of civil society and the persons concerned", "and allocate sufficient human, technical and financial resources",
        "including through awareness-raising campaigns targeting local authorities, teachers and parents",
        "in accordance with the Paris Principles", "and ensure that perpetrators are prosecuted and adequately punished",
        "paying particular attention to persons in vulnerable situations, such as older persons and persons with disabilities",
        "and collect disaggregated data to monitor progress", "and report on the measures taken in its next periodic report"};

    private SyntheticUhri() {
    }

    /**
     * Writes {@code records} records as a UHRI CSV export (comma separated, every field quoted, CRLF lines, as UHRI
     * writes them). With {@code onlyCountry} every record concerns that State (index into {@link #COUNTRIES}).
     */
    static void write(Path file, int records, long seed, Integer onlyCountry) {
        Random rnd = new Random(seed);
        int[] uprCount = new int[COUNTRIES.length];
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeRow(w, HEADER);
            List<String> row = new ArrayList<>(HEADER.size());
            for (int i = 0; i < records; i++) {
                row.clear();
                int c = onlyCountry != null ? onlyCountry : rnd.nextInt(COUNTRIES.length);
                int kind = rnd.nextInt(100);
                String text = text(rnd);
                String body;
                String symbol;
                String states = "";
                String position = "";
                String session = "";
                String type = "Recommendation";
                LocalDate published;
                if (kind < 55) {
                    int k = uprCount[c]++;
                    int doc = k / 240;
                    int sessionNo = 1 + (doc * 7 + c) % 54;
                    body = "UPR";
                    symbol = "A/HRC/" + (4 + doc) + "/" + (c + 10);
                    text = (100 + doc % 40) + "." + (k % 240 + 1) + " " + text;
                    states = multi(pick(rnd, RECOMMENDING_STATES, 1 + rnd.nextInt(3)));
                    int p = rnd.nextInt(100);
                    position = p < 70 ? "Supported" : p < 95 ? "Noted" : "";
                    session = "UPR " + sessionNo;
                    published = LocalDate.of(2008, 4, 1).plusDays(sessionNo * 120L);
                } else if (kind < 85) {
                    body = TREATY_BODIES[rnd.nextInt(TREATY_BODIES.length)];
                    symbol = body + "/C/" + iso(c) + "/CO/" + (1 + rnd.nextInt(9));
                    type = rnd.nextBoolean() ? "Recommendation" : "Concerns/Observations";
                    published = LocalDate.of(2006, 1, 1).plusDays(rnd.nextInt(7000));
                } else {
                    body = SPECIAL_PROCEDURES[rnd.nextInt(SPECIAL_PROCEDURES.length)];
                    symbol = "A/HRC/" + (4 + rnd.nextInt(55)) + "/" + (20 + rnd.nextInt(60)) + "/Add." + (1 + rnd.nextInt(3));
                    published = LocalDate.of(2006, 1, 1).plusDays(rnd.nextInt(7000));
                }
                row.add(text);
                row.add(COUNTRIES[c][0]);
                row.add(body);
                row.add(symbol);
                row.add(multi(pick(rnd, THEMES, 1 + rnd.nextInt(4))));
                row.add(multi(pick(rnd, AFFECTED, 1 + rnd.nextInt(3))));
                row.add(multi(pick(rnd, SDGS, rnd.nextInt(4))));
                row.add(published.toString());
                row.add(states);
                row.add(position);
                row.add(type);
                row.add(new UUID((rnd.nextLong() & ~0xF000L) | 0x4000L, (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                        .toString());
                row.add(session);
                row.add("- " + COUNTRIES[c][1]);
                writeRow(w, row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The index in {@link #COUNTRIES} of a name. */
    static int country(String name) {
        for (int i = 0; i < COUNTRIES.length; i++) {
            if (COUNTRIES[i][0].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static String iso(int c) {
        String name = COUNTRIES[c][0].replaceAll("[^A-Za-z]", "").toUpperCase();
        return name.substring(0, 3);
    }

    static String text(Random rnd) {
        StringBuilder sb = new StringBuilder(360);
        sb.append(VERBS[rnd.nextInt(VERBS.length)]).append(' ').append(OBJECTS[rnd.nextInt(OBJECTS.length)]);
        int target = 220 + rnd.nextInt(170);
        while (sb.length() < target) {
            sb.append(rnd.nextInt(4) == 0 ? "; " : ", ").append(CLAUSES[rnd.nextInt(CLAUSES.length)]);
        }
        return sb.append('.').toString();
    }

    static List<String> pick(Random rnd, String[] vocabulary, int n) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        while (out.size() < n) {
            out.add(vocabulary[rnd.nextInt(vocabulary.length)]);
        }
        return new ArrayList<>(out);
    }

    private static String multi(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append("- ").append(v);
        }
        return sb.toString();
    }

    private static void writeRow(BufferedWriter w, List<String> row) throws IOException {
        for (int i = 0; i < row.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write('"');
            w.write(row.get(i).replace("\"", "\"\""));
            w.write('"');
        }
        w.write("\r\n");
    }
}
