package org.opennrtd.indicators.importing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.hibernate.Session;
import org.postgresql.PGConnection;

/**
 * Loads a job's checked rows with set-based SQL, never row by row: the payload is COPYed into a temporary stage,
 * checked against the indicators as they are now, and merged into {@code observation} with one
 * {@code insert … on conflict} (an observation already stored for the same indicator, period and codes is
 * replaced). Each replaced observation whose values change gets an audit entry with its state before and after;
 * new ones are traced by their {@code import_job_id} and the job's own audit entry. Runs inside the caller's
 * transaction: any failure rolls the whole file back.
 */
@ApplicationScoped
public class ObservationLoader {

    public record Counts(int created, int updated) {
    }

    private static final String STATE = "jsonb_build_object('indicatorId', %1$s.indicator_id, 'period', %1$s.period,"
            + " 'dimensions', %1$s.dims_key, 'value', %1$s.value, 'status', %1$s.status, 'source', %1$s.source,"
            + " 'note', %1$s.note)";

    @Inject
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public Counts load(byte[] payload, String country, String actor, UUID jobId) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (Statement st = connection.createStatement()) {
                st.execute("create temp table observation_stage (row_no integer, indicator_id uuid, period text,"
                        + " period_start date, period_end date, dims_key text, dims jsonb, value double precision,"
                        + " status text, source text, note text) on commit drop");
                try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(payload), 65536)) {
                    connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy observation_stage ("
                            + ObservationFileReader.COPY_COLUMNS + ") from stdin", in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                st.execute("analyze observation_stage");
                // The indicators may have changed since the file was checked: every row must still name one of the
                // job's country.
                try (var rs = st.executeQuery("select min(s.row_no) from observation_stage s left join national_indicator n"
                        + " on n.id = s.indicator_id and n.country = " + literal(country) + " where n.id is null")) {
                    rs.next();
                    int row = rs.getInt(1);
                    if (!rs.wasNull()) {
                        throw InvalidFileException.malformed("Row " + row + " names an indicator that no longer exists.");
                    }
                }
                String actorSql = literal(actor);
                st.execute("insert into audit_event (id, occurred_at, actor, action, resource_type, resource_id,"
                        + " before_state, after_state) select gen_random_uuid(), now(), " + actorSql + ", 'IMPORT_UPDATE',"
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
            } catch (SQLException e) {
                throw new IllegalStateException("Loading the observations failed", e);
            }
        });
    }

    private static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
