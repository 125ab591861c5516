package org.opennrtd.recommendations.importing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

/**
 * Merges staged recommendations into the store with set-based SQL, never row by row: rows of States with nothing
 * stored are COPYed straight into {@code recommendation} as they arrive; the keys of the others are copied into a
 * temporary table with PostgreSQL COPY and matched with stored ones by UHRI annotation id or by document symbol and
 * paragraph; matched rows are then staged with COPY and updated where something differs, unmatched ones COPYed in.
 * Values a file does not carry (null, empty list) keep what is stored. Each created or changed recommendation gets an
 * audit entry with its state before and after; an unchanged one gets nothing, so importing a file twice changes
 * nothing the second time. Runs inside the caller's transaction: any failure rolls the whole file back.
 */
@ApplicationScoped
public class ImportApplier {

    /**
     * What a file changed, the countries its rows concern, and the ids of the stored recommendations its rows matched
     * (created ones not among them).
     */
    public record Counts(int created, int updated, int unchanged, List<String> countries, List<String> matched) {
    }

    private static final String STAGE_DEFINITION = "row_no integer, country char(3), text text, mechanism text,"
            + " body text, document_symbol text, paragraph text, uhri_annotation_id uuid, upr_cycle integer,"
            + " upr_session integer, recommending_states text[], position text, themes text[], affected_persons text[],"
            + " sdg_targets text[], sdg_goals integer[], regions text[], annotation_type text, publication_date date,"
            + " recommending_regions text[], uhri_document_id uuid, uhri_publication_date date";

    /** The columns of an encoded row, in order. */
    private static final String COLUMNS = "row_no, country, text, mechanism, body, document_symbol, paragraph,"
            + " uhri_annotation_id, upr_cycle, upr_session, recommending_states, position, themes, affected_persons,"
            + " sdg_targets, sdg_goals, regions, annotation_type, publication_date, recommending_regions, uhri_document_id,"
            + " uhri_publication_date";

    /** The merged values: the file's where it has one, else the stored one. */
    private static final String MERGED = """
            s.text as text, s.mechanism as mechanism, s.body as body,
            coalesce(s.document_symbol, r.document_symbol) as document_symbol,
            coalesce(s.paragraph, r.paragraph) as paragraph,
            coalesce(s.uhri_annotation_id, r.uhri_annotation_id) as uhri_annotation_id,
            coalesce(s.upr_cycle, r.upr_cycle) as upr_cycle,
            coalesce(s.upr_session, r.upr_session) as upr_session,
            case when cardinality(s.recommending_states) = 0 then r.recommending_states else s.recommending_states end as recommending_states,
            coalesce(s.position, r.position) as position,
            case when cardinality(s.themes) = 0 then r.themes else s.themes end as themes,
            case when cardinality(s.affected_persons) = 0 then r.affected_persons else s.affected_persons end as affected_persons,
            case when cardinality(s.sdg_targets) = 0 then r.sdg_targets else s.sdg_targets end as sdg_targets,
            case when cardinality(s.sdg_goals) = 0 then r.sdg_goals else s.sdg_goals end as sdg_goals,
            case when cardinality(s.regions) = 0 then r.regions else s.regions end as regions,
            coalesce(s.annotation_type, r.annotation_type) as annotation_type,
            coalesce(s.publication_date, r.publication_date) as publication_date,
            case when cardinality(s.recommending_regions) = 0 then r.recommending_regions else s.recommending_regions end as recommending_regions,
            coalesce(s.uhri_document_id, r.uhri_document_id) as uhri_document_id,
            coalesce(s.uhri_publication_date, r.uhri_publication_date) as uhri_publication_date""";

    private static final Logger LOG = Logger.getLogger(ImportApplier.class);

    private static final String STATE_OF_R = json("r");
    private static final String STATE_OF_C = json("c");

    @Inject
    EntityManager em;

    /**
     * Encoded rows (as {@link #lines} writes them) as they become available: a reader hands them over in batches
     * while it is still reading the file.
     */
    public interface RowFeed {

        /**
         * The next batch of rows, or null after the last; throws if the rows are withdrawn (the file turned out to be
         * bad), which rolls the whole application back.
         */
        List<String> next();

        /** Rows that are all at hand. */
        static RowFeed of(List<String> lines) {
            return new RowFeed() {
                private boolean given;

                @Override
                public List<String> next() {
                    if (given) {
                        return null;
                    }
                    given = true;
                    return lines;
                }
            };
        }
    }

    /**
     * Applies rows as {@link #encode} wrote them, as they come. The caller holds the lock that lets one file apply at
     * a time ({@code ImportService.APPLY_LOCK}), so which States already have stored recommendations is known before
     * the first row arrives and stays true until this transaction ends. Rows of a State with nothing stored are new: they go straight into
     * {@code recommendation} with COPY while the feed still delivers rows, as a bulk load would. Rows of other States
     * are matched afterwards: only their keys are staged first; rows that match a stored recommendation are then
     * staged in full and merged, the others COPYed in as new. With {@code fromUhri} (rows of a UHRI export) the
     * recommendations created are marked as seen in the UHRI now ({@code uhri_last_seen_at}); matched ones are
     * {@link UhriPresence}'s to mark.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Counts apply(RowFeed feed, String actor, boolean fromUhri) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (Statement st = connection.createStatement()) {
                Laps laps = new Laps();
                String now;
                try (var rs = st.executeQuery("select now()")) {
                    rs.next();
                    now = rs.getString(1);
                }
                Set<String> stored = storedCountries(st);
                laps.lap(stored.size() + " stored countries");
                List<String> lines = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                List<Integer> toMatch = new ArrayList<>();
                TreeSet<String> countries = new TreeSet<>();
                CreatedAudit audit = new CreatedAudit(lines, ids, now, actor);
                String stamps = '\t' + now + '\t' + now + "\t0\t" + (fromUhri ? now : "\\N") + '\n';
                copyIn(connection, COPY_NEW_ROWS, out -> {
                    StringBuilder sb = new StringBuilder(4096);
                    for (List<String> batch; (batch = feed.next()) != null; ) {
                        for (String line : batch) {
                            int i = lines.size();
                            lines.add(line);
                            String country = countryOf(line);
                            countries.add(country);
                            if (stored.contains(country)) {
                                ids.add(null);
                                toMatch.add(i);
                            } else {
                                String id = UUID.randomUUID().toString();
                                ids.add(id);
                                sb.setLength(0);
                                newRow(sb, id, line);
                                out.append(sb.append(stamps));
                                audit.add(i);
                            }
                        }
                    }
                });
                laps.lap("insert " + audit.size() + " rows of States with none stored");
                String[] targets = new String[lines.size()];
                int matched = 0;
                int updated = 0;
                if (!toMatch.isEmpty()) {
                    matched = match(connection, st, lines, toMatch, targets, laps);
                    if (matched > 0) {
                        updated = merge(connection, st, lines, targets, actor, laps);
                    }
                    int before = audit.size();
                    copyIn(connection, COPY_NEW_ROWS, out -> {
                        StringBuilder sb = new StringBuilder(4096);
                        for (int i : toMatch) {
                            if (targets[i] == null) {
                                String id = UUID.randomUUID().toString();
                                ids.set(i, id);
                                sb.setLength(0);
                                newRow(sb, id, lines.get(i));
                                out.append(sb.append(stamps));
                                audit.add(i);
                            }
                        }
                    });
                    laps.lap("insert " + (audit.size() - before) + " unmatched rows");
                }
                if (audit.size() > 0) {
                    copyIn(connection, "copy audit_event (id, occurred_at, actor, action, resource_type, resource_id,"
                            + " before_state, after_state) from stdin", audit::writeTo);
                    laps.lap("audit creates");
                }
                laps.done(lines.size());
                List<String> matchedIds = new ArrayList<>(matched);
                for (String target : targets) {
                    if (target != null) {
                        matchedIds.add(target);
                    }
                }
                return new Counts(audit.size(), updated, matched - updated, new ArrayList<>(countries), matchedIds);
            }
        });
    }

    /** Applies rows that are all at hand. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Counts apply(List<String> lines, String actor, boolean fromUhri) {
        return apply(RowFeed.of(lines), actor, fromUhri);
    }

    private static final String COPY_NEW_ROWS = "copy recommendation (id, " + COLUMNS.substring(COLUMNS.indexOf(',') + 2)
            + ", created_at, updated_at, version, uhri_last_seen_at) from stdin";

    /**
     * Matches rows {@code toMatch} with stored recommendations by annotation id, then by document symbol and
     * paragraph, setting {@code targets[i]} to the id matched; the number matched. Two rows matching one stored
     * recommendation make the file bad.
     */
    private static int match(Connection connection, Statement st, List<String> lines, List<Integer> toMatch,
            String[] targets, Laps laps) throws SQLException {
        st.execute("create temp table import_key (line integer, row_no integer, country char(3),"
                + " uhri_annotation_id uuid, document_symbol text, paragraph text, target_id uuid) on commit drop");
        copyIn(connection, "copy import_key (line, row_no, country, uhri_annotation_id, document_symbol, paragraph)"
                + " from stdin", out -> {
                    StringBuilder sb = new StringBuilder(256);
                    for (int i : toMatch) {
                        String[] f = lines.get(i).split("\t", -1);
                        sb.setLength(0);
                        sb.append(i).append('\t').append(f[F_ROW]).append('\t').append(f[F_COUNTRY]).append('\t')
                                .append(f[F_ANNOTATION]).append('\t').append(f[F_SYMBOL]).append('\t')
                                .append(f[F_PARAGRAPH]).append('\n');
                        out.append(sb);
                    }
                });
        st.execute("analyze import_key");
        laps.lap("copy " + toMatch.size() + " keys");
        st.execute("update import_key s set target_id = r.id from recommendation r where s.uhri_annotation_id"
                + " is not null and r.country = s.country and r.uhri_annotation_id = s.uhri_annotation_id");
        laps.lap("match by annotation");
        st.execute("update import_key s set target_id = r.id from recommendation r where s.target_id is null"
                + " and s.document_symbol is not null and s.paragraph is not null and r.country = s.country"
                + " and r.document_symbol = s.document_symbol and r.paragraph = s.paragraph");
        laps.lap("match by paragraph");
        try (var rs = st.executeQuery("select min(row_no), max(row_no) from import_key where target_id is not null"
                + " group by target_id having count(*) > 1 limit 1")) {
            if (rs.next()) {
                throw InvalidFileException.malformed("Rows " + rs.getInt(1) + " and " + rs.getInt(2)
                        + " of the file are the same stored recommendation (by annotation id and by paragraph).");
            }
        }
        laps.lap("distinct check");
        int matched = 0;
        try (var rs = st.executeQuery("select line, target_id from import_key where target_id is not null")) {
            while (rs.next()) {
                targets[rs.getInt(1)] = rs.getString(2);
                matched++;
            }
        }
        laps.lap("matches");
        return matched;
    }

    /**
     * Stages the matched rows in full and updates the stored recommendations where the merge changes something,
     * with an audit entry holding the state before and after; the number updated. Unchanged ones are never written.
     */
    private static int merge(Connection connection, Statement st, List<String> lines, String[] targets, String actor,
            Laps laps) throws SQLException {
        st.execute("create temp table import_stage (target_id uuid, " + STAGE_DEFINITION + ") on commit drop");
        copyIn(connection, "copy import_stage (target_id, " + COLUMNS + ") from stdin", out -> {
            for (int i = 0; i < lines.size(); i++) {
                if (targets[i] != null) {
                    out.append(targets[i]).append('\t').append(lines.get(i)).append('\n');
                }
            }
        });
        laps.lap("stage matched");
        st.execute("create temp table import_changed on commit drop as select r.id, c.* from import_stage s"
                + " join recommendation r on r.id = s.target_id cross join lateral (select " + MERGED + ") c"
                + " where " + tuple("r") + " is distinct from " + tuple("c"));
        laps.lap("changed");
        int updated = count(st, "select count(*) from import_changed");
        if (updated > 0) {
            st.execute("insert into audit_event (id, occurred_at, actor, action, resource_type, resource_id,"
                    + " before_state, after_state) select gen_random_uuid(), now(), " + quote(actor)
                    + ", 'IMPORT_UPDATE', 'recommendation', r.id, " + STATE_OF_R + ", " + STATE_OF_C
                    + " from import_changed c join recommendation r on r.id = c.id");
            laps.lap("audit updates");
            st.execute("update recommendation r set text = c.text, mechanism = c.mechanism, body = c.body,"
                    + " document_symbol = c.document_symbol, paragraph = c.paragraph,"
                    + " uhri_annotation_id = c.uhri_annotation_id, upr_cycle = c.upr_cycle, upr_session = c.upr_session,"
                    + " recommending_states = c.recommending_states, position = c.position, themes = c.themes,"
                    + " affected_persons = c.affected_persons, sdg_targets = c.sdg_targets, sdg_goals = c.sdg_goals,"
                    + " regions = c.regions, annotation_type = c.annotation_type, publication_date = c.publication_date,"
                    + " recommending_regions = c.recommending_regions, uhri_document_id = c.uhri_document_id,"
                    + " uhri_publication_date = c.uhri_publication_date,"
                    + " updated_at = now(), version = r.version + 1 from import_changed c where r.id = c.id");
            laps.lap("update");
        }
        return updated;
    }

    /** The country of an encoded row. */
    private static String countryOf(String line) {
        int start = line.indexOf('\t') + 1;
        return line.substring(start, line.indexOf('\t', start));
    }

    /**
     * The countries with stored recommendations (or ones written earlier in this transaction), read by skipping
     * through the country index from one country to the next rather than scanning every row.
     */
    private static Set<String> storedCountries(Statement st) throws SQLException {
        Set<String> countries = new HashSet<>();
        try (var rs = st.executeQuery("with recursive c (country) as (select min(country) from recommendation"
                + " union all select (select min(r.country) from recommendation r where r.country > c.country)"
                + " from c where c.country is not null) select country from c where country is not null")) {
            while (rs.next()) {
                countries.add(rs.getString(1));
            }
        }
        return countries;
    }

    /**
     * A new row's COPY line from its encoded row, without the trailing time stamps: its id instead of the row number,
     * and PENDING for a missing position.
     */
    private static void newRow(StringBuilder sb, String id, String line) {
        sb.append(id);
        int field = 0;
        int start = line.indexOf('\t');
        while (start >= 0) {
            int end = line.indexOf('\t', start + 1);
            field++;
            if (field == F_POSITION && line.startsWith("\\N", start + 1) && end == start + 3) {
                sb.append("\tPENDING");
            } else {
                sb.append(line, start, end < 0 ? line.length() : end);
            }
            start = end;
        }
    }

    /** Field positions in an encoded row. */
    static final int F_ROW = 0;
    static final int F_COUNTRY = 1;
    static final int F_TEXT = 2;
    private static final int F_SYMBOL = 5;
    private static final int F_PARAGRAPH = 6;
    static final int F_ANNOTATION = 7;
    private static final int F_POSITION = 11;

    /**
     * Staged rows as lines of COPY's text format (one row per line: tabs, line breaks and backslashes inside values
     * are escaped), gzip-compressed at the fastest level: what an import job keeps until a worker applies it. Far
     * cheaper to write and to read than JSON, and COPY reads its lines as they are. The content never starts with
     * '[', which tells it from the gzipped JSON payloads of earlier versions.
     */
    public static byte[] encode(List<StagedRecommendation> rows) {
        PayloadWriter payload = new PayloadWriter();
        StringBuilder buffer = new StringBuilder(4096);
        for (StagedRecommendation r : rows) {
            payload.add(line(buffer, r));
        }
        return payload.finish();
    }

    /** A staged row as a line of COPY's text format (without its line end), built in {@code buffer}. */
    public static String line(StringBuilder buffer, StagedRecommendation r) {
        buffer.setLength(0);
        row(buffer, r);
        buffer.setLength(buffer.length() - 1);
        return buffer.toString();
    }

    /** Lines compressed as {@link #encode} stores them, written one at a time (the rows never held as a list). */
    public static final class PayloadWriter {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        private final Writer out;
        private int count;

        public PayloadWriter() {
            try {
                out = new BufferedWriter(new OutputStreamWriter(new FastGzip(bytes), StandardCharsets.UTF_8), 1 << 16);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public void add(String line) {
            try {
                out.append(line).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            count++;
        }

        public int count() {
            return count;
        }

        /** Ends the stream; the compressed lines. */
        public byte[] finish() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }

    /** The rows of a stored payload, decoded a batch at a time as the applier asks for them. */
    public static RowFeed feed(byte[] encodedRows) {
        BufferedReader in;
        try {
            in = new BufferedReader(new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(encodedRows),
                    1 << 16), StandardCharsets.UTF_8), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("The import job's rows cannot be read", e);
        }
        return () -> {
            List<String> batch = new ArrayList<>(1024);
            try {
                for (String line; batch.size() < 1024 && (line = in.readLine()) != null; ) {
                    batch.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("The import job's rows cannot be read", e);
            }
            return batch.isEmpty() ? null : batch;
        };
    }

    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    interface CopyWriter {
        void write(Writer out) throws IOException;
    }

    /** COPY ... FROM STDIN fed by a writer, streamed in 64 KiB pieces. */
    static void copyIn(Connection connection, String sql, CopyWriter rows) throws SQLException {
        org.postgresql.copy.CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try (Writer out = new BufferedWriter(new OutputStreamWriter(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    copy.writeToCopy(b, off, len);
                } catch (SQLException e) {
                    throw new IOException(e);
                }
            }
        }, StandardCharsets.UTF_8), 1 << 16)) {
            rows.write(out);
            out.flush();
            copy.endCopy();
        } catch (IOException e) {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            throw e.getCause() instanceof SQLException cause ? cause : new SQLException("COPY failed", e);
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void row(StringBuilder line, StagedRecommendation r) {
        line.append(r.row()).append('\t');
        field(line, r.country());
        field(line, r.text());
        field(line, r.mechanism());
        field(line, r.body());
        field(line, r.documentSymbol());
        field(line, r.paragraph());
        field(line, r.uhriAnnotationId() == null ? null : r.uhriAnnotationId().toString());
        field(line, r.uprCycle() == null ? null : r.uprCycle().toString());
        field(line, r.uprSession() == null ? null : r.uprSession().toString());
        array(line, r.recommendingStates());
        field(line, r.position());
        array(line, r.themes());
        array(line, r.affectedPersons());
        array(line, r.sdgTargets());
        array(line, r.sdgGoals().stream().map(String::valueOf).toList());
        array(line, r.regions());
        field(line, r.annotationType());
        field(line, r.publicationDate() == null ? null : r.publicationDate().toString());
        array(line, r.recommendingRegions());
        field(line, r.uhriDocumentId() == null ? null : r.uhriDocumentId().toString());
        line.append(r.uhriPublicationDate() == null ? "\\N" : r.uhriPublicationDate().toString()).append('\n');
    }

    /** A field of COPY's text format followed by a tab: null is \N; backslash, tab, CR and LF are escaped. */
    private static void field(StringBuilder line, String value) {
        if (value == null) {
            line.append("\\N");
        } else {
            escaped(line, value, false);
        }
        line.append('\t');
    }

    /**
     * Appends {@code value} with COPY's escapes (backslash, tab, CR, LF), and inside an array element also the
     * element's own ({@code "} and backslash). Most values need none and are appended whole.
     */
    private static void escaped(StringBuilder line, String value, boolean element) {
        int n = value.length();
        int i = 0;
        while (i < n && !special(value.charAt(i), element)) {
            i++;
        }
        line.append(value, 0, i);
        for (; i < n; i++) {
            char ch = value.charAt(i);
            switch (ch) {
                // In an array element a backslash is first escaped for the array (\\), then each for COPY.
                case '\\' -> line.append(element ? "\\\\\\\\" : "\\\\");
                case '"' -> line.append(element ? "\\\\\"" : "\"");
                case '\t' -> line.append("\\t");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                default -> line.append(ch);
            }
        }
    }

    private static boolean special(char ch, boolean element) {
        return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r' || (element && ch == '"');
    }

    /** A PostgreSQL array literal with every element quoted, followed by a tab, as a field of COPY's text format. */
    private static void array(StringBuilder line, List<String> values) {
        line.append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append('"');
            escaped(line, values.get(i), true);
            line.append('"');
        }
        line.append("}\t");
    }

    private static String tuple(String alias) {
        return "(" + String.join(", ", List.of("text", "mechanism", "body", "document_symbol", "paragraph",
                "uhri_annotation_id", "upr_cycle", "upr_session", "recommending_states", "position", "themes",
                "affected_persons", "sdg_targets", "sdg_goals", "regions", "annotation_type", "publication_date",
                "recommending_regions", "uhri_document_id", "uhri_publication_date")
                .stream().map(c -> alias + "." + c).toList()) + ")";
    }

    /** The audit state of recommendation row {@code alias} as a SQL {@code jsonb} expression. */
    public static String auditStateSql(String alias) {
        return json(alias);
    }

    private static String json(String alias) {
        return "jsonb_build_object('text', " + alias + ".text, 'mechanism', " + alias + ".mechanism, 'body', " + alias
                + ".body, 'documentSymbol', " + alias + ".document_symbol,"
                + " 'paragraph', " + alias + ".paragraph, 'uhriAnnotationId', " + alias + ".uhri_annotation_id,"
                + " 'uprCycle', " + alias + ".upr_cycle, 'uprSession', " + alias + ".upr_session, 'recommendingStates', "
                + alias + ".recommending_states, 'position', " + alias + ".position, 'themes', " + alias + ".themes,"
                + " 'affectedPersons', " + alias + ".affected_persons, 'sdgTargets', " + alias + ".sdg_targets,"
                + " 'sdgGoals', " + alias + ".sdg_goals, 'regions', " + alias + ".regions, 'annotationType', "
                + alias + ".annotation_type, 'publicationDate', " + alias + ".publication_date,"
                + " 'recommendingRegions', " + alias + ".recommending_regions, 'uhriDocumentId', " + alias
                + ".uhri_document_id, 'uhriPublicationDate', " + alias + ".uhri_publication_date)";
    }

    /** Time per step, logged at DEBUG. */
    private static final class Laps {
        private final StringBuilder sb = new StringBuilder();
        private final long start = System.nanoTime();
        private long last = start;

        void lap(String step) {
            if (LOG.isDebugEnabled()) {
                long now = System.nanoTime();
                sb.append(step).append(' ').append((now - last) / 1_000_000).append(" ms; ");
                last = now;
            }
        }

        void done(int rows) {
            LOG.debugf("Applied %d staged rows in %d ms: %s", rows, (System.nanoTime() - start) / 1_000_000, sb);
        }
    }

    private static int count(Statement st, String sql) throws SQLException {
        try (var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
