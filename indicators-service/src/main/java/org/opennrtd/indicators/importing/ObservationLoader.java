package org.opennrtd.indicators.importing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads a job's checked rows with set-based SQL, never row by row, in the caller's transaction (any failure rolls the
 * whole file back):
 * <ol>
 * <li>the job's indicators are locked ({@code for update}, which also holds off other writers' inserts of their
 *     observations, since those take a key-share lock on the indicator) and must all still belong to the country;
 * <li>the keys (indicator, codes, period) already stored for those indicators are read;
 * <li>rows whose key is not stored yet are COPYed straight into {@code observation}: they replace nothing, so they
 *     need no stage, no audit of replaced values and no conflict handling;
 * <li>the other rows (possibly a few new ones as well: keys are compared by a 64-bit hash) go through a temporary
 *     stage, an audit entry with the state before and after for each replaced observation whose values change, and
 *     {@code insert … on conflict}.
 * </ol>
 * New observations are traced by their {@code import_job_id} and the job's own audit entry. Should a key appear
 * between steps 2 and 3 all the same (an observation moved onto it by an update), the direct COPY fails on the unique
 * index, is rolled back to a savepoint, and every row goes through the stage instead.
 */
@ApplicationScoped
public class ObservationLoader {

    private static final Logger LOG = Logger.getLogger(ObservationLoader.class);

    public record Counts(int created, int updated) {
    }

    private static final String STATE = "jsonb_build_object('indicatorId', %1$s.indicator_id, 'period', %1$s.period,"
            + " 'dimensions', %1$s.dims_key, 'value', %1$s.value, 'status', %1$s.status, 'source', %1$s.source,"
            + " 'note', %1$s.note)";

    /** Payload fields (see {@link ObservationFileReader#COPY_COLUMNS}). */
    private static final int ROW_NO = 0;
    private static final int INDICATOR = 1;
    private static final int PERIOD_START = 3;
    private static final int PERIOD_END = 4;
    private static final int DIMS_KEY = 5;

    private static final int CHUNK = 1 << 18;

    @Inject
    EntityManager em;

    private final SecureRandom random = new SecureRandom();

    @Transactional(Transactional.TxType.MANDATORY)
    public Counts load(byte[] payload, String country, String actor, UUID jobId) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try {
                return load(connection, payload, country, actor, jobId);
            } catch (SQLException e) {
                throw new IllegalStateException("Loading the observations failed", e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Counts load(Connection connection, byte[] payload, String country, String actor, UUID jobId)
            throws SQLException, IOException {
        long t0 = System.nanoTime();
        Map<String, Integer> firstRows = indicators(payload);
        lock(connection, country, firstRows);
        long t1 = System.nanoTime();
        KeySet stored = storedKeys(connection, firstRows.keySet());
        long t2 = System.nanoTime();
        long now;
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("select (extract(epoch from"
                + " now()) * 1000000)::bigint - 946684800000000")) {
            rs.next();
            now = rs.getLong(1);
        }
        long direct;
        boolean everyRowStaged = false;
        try (Statement st = connection.createStatement()) {
            st.execute("savepoint observation_copy");
        }
        try {
            direct = copyNewBinary(connection, payload, stored, jobId, now);
            try (Statement st = connection.createStatement()) {
                st.execute("release savepoint observation_copy");
            }
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            LOG.infof("Observation import %s: a key was stored meanwhile (%s); every row goes through the stage",
                    jobId, e.getMessage());
            try (Statement st = connection.createStatement()) {
                st.execute("rollback to savepoint observation_copy");
            }
            direct = 0;
            everyRowStaged = true;
        }
        long t3 = System.nanoTime();
        Counts merged = everyRowStaged || stored.size() > 0
                ? merge(connection, payload, everyRowStaged ? null : stored, actor, jobId)
                : new Counts(0, 0);
        long t4 = System.nanoTime();
        LOG.infof("Observation import %s: %d rows COPYed as new; through the stage %d created, %d updated; lock"
                        + " %.2f s, %d stored keys read in %.2f s, COPY %.2f s, stage and merge %.2f s", jobId, direct,
                merged.created(), merged.updated(), (t1 - t0) / 1e9, stored.size(), (t2 - t1) / 1e9, (t3 - t2) / 1e9,
                (t4 - t3) / 1e9);
        return new Counts(Math.toIntExact(direct + merged.created()), merged.updated());
    }

    /** The indicators the payload names, each with the first row naming it. */
    static Map<String, Integer> indicators(byte[] payload) throws IOException {
        Map<String, Integer> first = new LinkedHashMap<>();
        String last = null;
        try (Lines lines = new Lines(payload)) {
            while (lines.next()) {
                if (last != null && lines.fieldEquals(INDICATOR, last)) {
                    continue;
                }
                last = lines.field(INDICATOR);
                first.putIfAbsent(last, Integer.parseInt(lines.field(ROW_NO)));
            }
        }
        return first;
    }

    /**
     * Locks the payload's indicators; all must still be of the country (they may have been deleted or changed since
     * the file was checked).
     */
    private static void lock(Connection connection, String country, Map<String, Integer> firstRows)
            throws SQLException {
        Set<String> found = new HashSet<>();
        List<String> ids = new ArrayList<>(firstRows.keySet());
        ids.sort(null);
        try (PreparedStatement ps = connection.prepareStatement("select id::text from national_indicator"
                + " where id = any(?::uuid[]) and country = ? order by id for update")) {
            Array array = connection.createArrayOf("text", ids.toArray());
            ps.setArray(1, array);
            ps.setString(2, country);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        int row = Integer.MAX_VALUE;
        for (Map.Entry<String, Integer> e : firstRows.entrySet()) {
            if (!found.contains(e.getKey())) {
                row = Math.min(row, e.getValue());
            }
        }
        if (row != Integer.MAX_VALUE) {
            throw InvalidFileException.malformed("Row " + row + " names an indicator that no longer exists.");
        }
    }

    /** The hashes of the keys already stored for these indicators. */
    private static KeySet storedKeys(Connection connection, Set<String> indicators) throws SQLException {
        KeySet keys = new KeySet();
        try (PreparedStatement ps = connection.prepareStatement("select indicator_id::text, dims_key,"
                + " period_start::text, period_end::text from observation where indicator_id = any(?::uuid[])")) {
            ps.setArray(1, connection.createArrayOf("text", indicators.toArray()));
            ps.setFetchSize(10_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(keyHash(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        }
        return keys;
    }

    /** COPY's binary header: signature, flags, header extension length. */
    private static final byte[] BINARY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0,
        0, 0, 0, 0};

    /** Days from 1970-01-01 to PostgreSQL's epoch, 2000-01-01. */
    private static final int PG_EPOCH_DAY = 10_957;

    /**
     * COPYs the rows whose key is not among {@code stored} into {@code observation}, in COPY's binary format (the
     * server parses no text: uuids, dates, numbers and timestamps arrive as their values); the number COPYed.
     */
    private long copyNewBinary(Connection connection, byte[] payload, KeySet stored, UUID jobId, long nowMicros)
            throws SQLException, IOException {
        Binary out = new Binary(CHUNK + 65_536);
        byte[] ids = new byte[16 * 4096];
        int idsUsed = ids.length;
        byte[] job = new byte[16];
        java.nio.ByteBuffer.wrap(job).putLong(jobId.getMostSignificantBits()).putLong(jobId.getLeastSignificantBits());
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy observation (id, indicator_id,"
                + " period, period_start, period_end, dims_key, dims, value, status, source, note, import_job_id,"
                + " created_at, updated_at, version) from stdin with (format binary)");
        try (Lines lines = new Lines(payload)) {
            out.bytes(BINARY_HEADER, 0, BINARY_HEADER.length);
            while (lines.next()) {
                if (stored.size() > 0 && stored.contains(lines.keyHash())) {
                    continue;
                }
                if (out.used > CHUNK) {
                    copy.writeToCopy(out.buf, 0, out.used);
                    out.used = 0;
                }
                out.ensure(64 + 2 * (lines.end - lines.start));
                if (idsUsed == ids.length) {
                    random.nextBytes(ids);
                    idsUsed = 0;
                }
                ids[idsUsed + 6] = (byte) ((ids[idsUsed + 6] & 0x0f) | 0x40);
                ids[idsUsed + 8] = (byte) ((ids[idsUsed + 8] & 0x3f) | 0x80);
                out.int16(15);
                out.int32(16);
                out.bytes(ids, idsUsed, 16);
                idsUsed += 16;
                out.int32(16);
                out.uuid(lines.buf, lines.fieldStart(1));
                out.text(lines.buf, lines.fieldStart(2), lines.fieldEnd(2), false);
                out.int32(4);
                out.int32(lines.date(3) - PG_EPOCH_DAY);
                out.int32(4);
                out.int32(lines.date(4) - PG_EPOCH_DAY);
                out.text(lines.buf, lines.fieldStart(5), lines.fieldEnd(5), false);
                out.text(lines.buf, lines.fieldStart(6), lines.fieldEnd(6), true);
                out.int32(8);
                out.int64(Double.doubleToRawLongBits(Double.parseDouble(lines.field(7))));
                out.text(lines.buf, lines.fieldStart(8), lines.fieldEnd(8), false);
                out.text(lines.buf, lines.fieldStart(9), lines.fieldEnd(9), false);
                out.text(lines.buf, lines.fieldStart(10), lines.fieldEnd(10), false);
                out.int32(16);
                out.bytes(job, 0, 16);
                out.int32(8);
                out.int64(nowMicros);
                out.int32(8);
                out.int64(nowMicros);
                out.int32(8);
                out.int64(0);
            }
            out.ensure(2);
            out.int16(-1);
            copy.writeToCopy(out.buf, 0, out.used);
            return copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** A growing buffer of COPY binary data. */
    static final class Binary {
        byte[] buf;
        int used;

        Binary(int size) {
            buf = new byte[size];
        }

        void ensure(int more) {
            if (used + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, used + more));
            }
        }

        void int16(int v) {
            buf[used++] = (byte) (v >>> 8);
            buf[used++] = (byte) v;
        }

        void int32(int v) {
            buf[used++] = (byte) (v >>> 24);
            buf[used++] = (byte) (v >>> 16);
            buf[used++] = (byte) (v >>> 8);
            buf[used++] = (byte) v;
        }

        void int64(long v) {
            int32((int) (v >>> 32));
            int32((int) v);
        }

        void bytes(byte[] from, int at, int length) {
            System.arraycopy(from, at, buf, used, length);
            used += length;
        }

        /** A uuid's 16 bytes from its 36 characters of text at {@code at}. */
        void uuid(byte[] text, int at) {
            int hi = -1;
            for (int i = at; i < at + 36; i++) {
                byte c = text[i];
                if (c == '-') {
                    continue;
                }
                int d = c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
                if (hi < 0) {
                    hi = d;
                } else {
                    buf[used++] = (byte) (hi << 4 | d);
                    hi = -1;
                }
            }
        }

        /**
         * A COPY text field as a binary one: {@code \N} is null; the escapes the payload uses ({@code \\ \t \n
         * \r}) are undone; jsonb values carry their format version first.
         */
        void text(byte[] text, int from, int to, boolean jsonb) {
            if (to - from == 2 && text[from] == '\\' && text[from + 1] == 'N') {
                int32(-1);
                return;
            }
            int lengthAt = used;
            used += 4;
            if (jsonb) {
                buf[used++] = 1;
            }
            for (int i = from; i < to; i++) {
                byte c = text[i];
                if (c == '\\' && i + 1 < to) {
                    byte e = text[++i];
                    c = switch (e) {
                        case 't' -> '\t';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        default -> e;
                    };
                }
                buf[used++] = c;
            }
            int length = used - lengthAt - 4;
            buf[lengthAt] = (byte) (length >>> 24);
            buf[lengthAt + 1] = (byte) (length >>> 16);
            buf[lengthAt + 2] = (byte) (length >>> 8);
            buf[lengthAt + 3] = (byte) length;
        }
    }

    /**
     * The rows whose key hash is among {@code stored} (or all rows, if null) through the stage: audit of the values
     * they replace, then {@code insert … on conflict}.
     */
    private static Counts merge(Connection connection, byte[] payload, KeySet stored, String actor, UUID jobId)
            throws SQLException, IOException {
        try (Statement st = connection.createStatement()) {
            st.execute("create temp table observation_stage (row_no integer, indicator_id uuid, period text,"
                    + " period_start date, period_end date, dims_key text, dims jsonb, value double precision,"
                    + " status text, source text, note text) on commit drop");
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy observation_stage ("
                    + ObservationFileReader.COPY_COLUMNS + ") from stdin");
            try (Lines lines = new Lines(payload)) {
                byte[] out = new byte[CHUNK + 4096];
                int used = 0;
                while (lines.next()) {
                    if (stored != null && !stored.contains(lines.keyHash())) {
                        continue;
                    }
                    int length = lines.end + 1 - lines.start;
                    if (used + length > out.length) {
                        if (used > 0) {
                            copy.writeToCopy(out, 0, used);
                            used = 0;
                        }
                        if (length > out.length) {
                            out = new byte[length];
                        }
                    }
                    System.arraycopy(lines.buf, lines.start, out, used, length - 1);
                    used += length - 1;
                    out[used++] = '\n';
                }
                if (used > 0) {
                    copy.writeToCopy(out, 0, used);
                }
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            st.execute("analyze observation_stage");
            st.execute("insert into audit_event (id, occurred_at, actor, action, resource_type, resource_id,"
                    + " before_state, after_state) select gen_random_uuid(), now(), " + literal(actor) + ", 'IMPORT_UPDATE',"
                    + " 'observation', o.id, " + STATE.formatted("o") + ", " + STATE.formatted("s")
                    + " from observation_stage s join observation o on o.indicator_id = s.indicator_id"
                    + " and o.dims_key = s.dims_key and o.period_start = s.period_start and o.period_end = s.period_end"
                    + " where (o.value, o.status, o.source, o.note, o.period) is distinct from"
                    + " (s.value, s.status, s.source, s.note, s.period)");
            try (var rs = st.executeQuery("with merged as (insert into observation (id, indicator_id, period,"
                    + " period_start, period_end, dims_key, dims, value, status, source, note, import_job_id,"
                    + " created_at, updated_at, version) select gen_random_uuid(), indicator_id, period, period_start,"
                    + " period_end, dims_key, dims, value, status, source, note, " + literal(jobId.toString())
                    + "::uuid, now(), now(), 0 from observation_stage on conflict (indicator_id, dims_key,"
                    + " period_start, period_end) do update set period = excluded.period, value = excluded.value,"
                    + " status = excluded.status, source = excluded.source, note = excluded.note,"
                    + " import_job_id = excluded.import_job_id, updated_at = excluded.updated_at,"
                    + " version = observation.version + 1 where (observation.value, observation.status,"
                    + " observation.source, observation.note, observation.period) is distinct from (excluded.value,"
                    + " excluded.status, excluded.source, excluded.note, excluded.period) returning (xmax = 0) as created)"
                    + " select count(*) filter (where created), count(*) filter (where not created) from merged")) {
                rs.next();
                return new Counts(rs.getInt(1), rs.getInt(2));
            }
        }
    }

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    /** The 64-bit hash of an observation key (ASCII text of its parts); the same as {@link Lines#keyHash()}. */
    static long keyHash(String indicator, String dimsKey, String start, String end) {
        long h = FNV_OFFSET;
        for (String part : new String[] {indicator, dimsKey, start, end}) {
            for (int i = 0; i < part.length(); i++) {
                h = (h ^ part.charAt(i)) * FNV_PRIME;
            }
            h = (h ^ '|') * FNV_PRIME;
        }
        return mix(h);
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** An open-addressing set of non-zero 64-bit hashes. */
    static final class KeySet {
        private long[] table = new long[1024];
        private int size;

        int size() {
            return size;
        }

        void add(long h) {
            if ((size + 1) * 2 > table.length) {
                long[] old = table;
                table = new long[old.length * 2];
                size = 0;
                for (long o : old) {
                    if (o != 0) {
                        add(o);
                    }
                }
            }
            int mask = table.length - 1;
            int i = (int) h & mask;
            while (table[i] != 0) {
                if (table[i] == h) {
                    return;
                }
                i = (i + 1) & mask;
            }
            table[i] = h;
            size++;
        }

        boolean contains(long h) {
            int mask = table.length - 1;
            int i = (int) h & mask;
            while (table[i] != 0) {
                if (table[i] == h) {
                    return true;
                }
                i = (i + 1) & mask;
            }
            return false;
        }
    }

    /**
     * The payload's lines one after another, in place in a buffer (no string per line): {@code buf[start, end)} is the
     * current line without its newline, and its tab-separated fields are found on demand. COPY text escapes tabs and
     * newlines inside values, so every tab separates fields and every newline ends a row.
     */
    static final class Lines implements AutoCloseable {
        private final InputStream in;
        byte[] buf = new byte[1 << 20];
        private int limit;
        private int next;
        int start;
        int end;
        private final int[] tabs = new int[32];
        private int tabsFound;
        private boolean eof;

        Lines(byte[] payload) throws IOException {
            this.in = new GZIPInputStream(new ByteArrayInputStream(payload), 1 << 16);
        }

        boolean next() throws IOException {
            while (true) {
                for (int i = next; i < limit; i++) {
                    if (buf[i] == '\n') {
                        start = next;
                        end = i;
                        next = i + 1;
                        tabsFound = 0;
                        return true;
                    }
                }
                if (eof) {
                    if (next < limit) {
                        start = next;
                        end = limit;
                        next = limit;
                        tabsFound = 0;
                        return true;
                    }
                    return false;
                }
                int carried = limit - next;
                if (next > 0) {
                    System.arraycopy(buf, next, buf, 0, carried);
                } else if (carried == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                next = 0;
                limit = carried;
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    eof = true;
                } else {
                    limit += n;
                }
            }
        }

        /** Where tab {@code k} (from 0) of the line is, or its end if it has fewer tabs. */
        private int tab(int k) {
            while (tabsFound <= k) {
                int from = tabsFound == 0 ? start : tabs[tabsFound - 1] + 1;
                int i = Math.min(from, end);
                while (i < end && buf[i] != '\t') {
                    i++;
                }
                tabs[tabsFound++] = i;
            }
            return tabs[k];
        }

        /** Where field {@code f} (from 0) starts. */
        int fieldStart(int f) {
            return f == 0 ? start : Math.min(tab(f - 1) + 1, end);
        }

        int fieldEnd(int f) {
            return tab(f);
        }

        String field(int f) {
            int from = fieldStart(f);
            return new String(buf, from, fieldEnd(f) - from, StandardCharsets.UTF_8);
        }

        boolean fieldEquals(int f, String s) {
            int from = fieldStart(f);
            int to = fieldEnd(f);
            if (to - from != s.length()) {
                return false;
            }
            for (int i = 0; i < s.length(); i++) {
                if (buf[from + i] != s.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** Field {@code f}, a date as yyyy-mm-dd, as days since 1970-01-01. */
        int date(int f) {
            int at = fieldStart(f);
            int year = digits(at, 4);
            int month = digits(at + 5, 2);
            int day = digits(at + 8, 2);
            return (int) java.time.LocalDate.of(year, month, day).toEpochDay();
        }

        private int digits(int at, int n) {
            int v = 0;
            for (int i = at; i < at + n; i++) {
                v = v * 10 + buf[i] - '0';
            }
            return v;
        }

        /** The hash of the line's key (indicator, codes, start, end), as {@link ObservationLoader#keyHash}. */
        long keyHash() {
            long h = FNV_OFFSET;
            for (int f : new int[] {INDICATOR, DIMS_KEY, PERIOD_START, PERIOD_END}) {
                int from = fieldStart(f);
                int to = fieldEnd(f);
                for (int i = from; i < to; i++) {
                    h = (h ^ (buf[i] & 0xff)) * FNV_PRIME;
                }
                h = (h ^ '|') * FNV_PRIME;
            }
            return mix(h);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
