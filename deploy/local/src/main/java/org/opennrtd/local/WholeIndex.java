package org.opennrtd.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * Fills the running local stack's databases with the whole index, synthetic, for the read benchmark
 * ({@code deploy/bench/reads.sh}): 268,000 recommendations over the 195 States of the UN with their follow-up, and
 * 25 national indicators per State with a million observations. Set-based SQL ({@code bench/*.sql}), one transaction
 * per database, so a fill is all or nothing; a database that already holds the rows is left as it is. The services'
 * schemas must exist, so the stack is started first.
 *
 * <p>{@code java -cp ... org.opennrtd.local.WholeIndex [postgres-port]}
 */
public final class WholeIndex {

    static final int RECOMMENDATIONS = 268_000;
    /** The 193 member States of the UN and the two observer States (ISO 3166-1 alpha-3). */
    static final String COUNTRIES = "AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN"
            + " BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI CIV HRV CUB CYP CZE PRK"
            + " COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB"
            + " GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY"
            + " LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC"
            + " NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA KNA LCA VCT WSM SMR STP"
            + " SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN"
            + " TUR TKM TUV UGA UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE PSE VAT";

    private WholeIndex() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : StackSettings.localRun(java.nio.file.Path.of("."))
                .postgresPort();
        Map<String, String> values = Map.of(
                "countries", COUNTRIES,
                "countryCount", Integer.toString(COUNTRIES.split(" ").length),
                "recommendations", Integer.toString(RECOMMENDATIONS));
        fill(port, "recommendations", "bench/whole-index-recommendations.sql",
                "select count(*) from recommendation where document_symbol like 'BENCH/%'", values,
                List.of("recommendation", "uhri_sighting", "recommendation_tracking", "institution", "action",
                        "action_recommendation", "action_supporting_institution", "milestone", "progress_update",
                        "sdg_link", "comment"));
        fill(port, "indicators", "bench/whole-index-indicators.sql",
                "select count(*) from national_indicator where code like 'BENCH-%'", values,
                List.of("national_indicator", "observation"));
    }

    /**
     * Vacuums and analyses {@code table} until its pages are marked all-visible, which index-only scans need. A vacuum
     * cannot mark a page while a transaction older than the fill is open (the running services' schedulers open
     * some): one that came too early leaves the visibility map empty and the reads measured next fetch every row
     * from the heap, several times slower. Gives up with a warning after a minute.
     */
    private static void vacuum(Statement s, String table) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            s.execute("vacuum analyze " + table);
            double visible = fraction(s, "select coalesce(relallvisible::float8 / nullif(relpages, 0), 1) from pg_class"
                    + " where oid = '" + table + "'::regclass");
            if (visible >= 0.95) {
                return;
            }
            if (attempt == 30) {
                System.out.printf("warning: %s has only %.0f %% of its pages all-visible after %d vacuums;"
                        + " index-only scans will read the heap%n", table, visible * 100, attempt);
                return;
            }
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static double fraction(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getDouble(1);
        }
    }

    private static void fill(int port, String database, String script, String marker, Map<String, String> values,
                             List<String> tables) throws IOException, SQLException {
        String url = "jdbc:postgresql://localhost:" + port + "/" + database;
        try (Connection c = DriverManager.getConnection(url, database, database); Statement s = c.createStatement()) {
            long present = count(s, marker);
            if (present > 0) {
                System.out.printf("%s: the whole index is already there (%,d marker rows); left as it is.%n",
                        database, present);
                return;
            }
            long started = System.nanoTime();
            c.setAutoCommit(false);
            for (String statement : statements(script, values)) {
                s.execute(statement);
            }
            c.commit();
            c.setAutoCommit(true);
            for (String table : tables) {
                vacuum(s, table);
            }
            StringBuilder counts = new StringBuilder();
            for (String table : tables) {
                counts.append(String.format("%n  %-30s %,12d", table, count(s, "select count(*) from " + table)));
            }
            System.out.printf("%s: filled in %.1f s; rows now:%s%n", database, (System.nanoTime() - started) / 1e9,
                    counts);
        }
    }

    private static long count(Statement s, String query) throws SQLException {
        try (ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The script's statements (ending with a semicolon at the end of a line), placeholders filled in. */
    static List<String> statements(String script, Map<String, String> values) throws IOException {
        String text;
        try (InputStream in = WholeIndex.class.getClassLoader().getResourceAsStream(script)) {
            if (in == null) {
                throw new IOException("Missing resource " + script);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace("${" + v.getKey() + "}", v.getValue());
        }
        if (java.util.regex.Pattern.compile("\\$\\{[A-Za-z]+}").matcher(text).find()) {
            throw new IllegalStateException(script + " has a placeholder without a value");
        }
        return java.util.Arrays.stream(text.split(";[ \\t]*\\R"))
                .map(String::strip)
                .filter(st -> !st.lines().allMatch(l -> l.isBlank() || l.strip().startsWith("--")))
                .toList();
    }
}
