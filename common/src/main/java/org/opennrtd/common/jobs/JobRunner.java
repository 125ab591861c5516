package org.opennrtd.common.jobs;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.opennrtd.common.replicas.ReplicaId;

/**
 * Claims and runs jobs so that one replica runs a job at a time and a job survives the loss of its replica.
 *
 * <p>A replica claims a job by taking a session-level advisory lock, {@code pg_try_advisory_lock(space,
 * hashtext(id))}, on a connection of its own (outside any JTA transaction) that it keeps for the whole run. With the
 * lock held it marks the job RUNNING, counts the attempt and records itself in {@code claimed_by}; then it runs the
 * job, releases the lock and gives the connection back. If the replica dies, PostgreSQL ends its session and frees
 * the lock: the job is RUNNING with nobody holding it, and the next poll of any replica claims it again. A job
 * claimed more than {@code opennrtd.jobs.max-attempts} times is marked FAILED instead of being run again.
 *
 * <p>The lock lives in a database session, so the connection must reach PostgreSQL directly or through a pooler in
 * session mode (not PgBouncer's transaction mode). Must be called outside a transaction (a worker thread or the
 * scheduler).
 */
@ApplicationScoped
public class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    @Inject
    DataSource dataSource;

    @Inject
    ReplicaId replica;

    @ConfigProperty(name = "opennrtd.jobs.max-attempts", defaultValue = "3")
    int maxAttempts;

    @ConfigProperty(name = "opennrtd.jobs.poll-batch", defaultValue = "50")
    int pollBatch;

    /**
     * Runs every job of this kind that is QUEUED, or RUNNING with its lock free (its replica is gone), oldest first;
     * the number this call ran.
     */
    public int poll(DurableJob kind) {
        int ran = 0;
        for (UUID id : unfinished(kind)) {
            if (runIfFree(kind, id)) {
                ran++;
            }
        }
        return ran;
    }

    /** Claims and runs the job unless it is finished or another replica holds it; true if this call ran it. */
    public boolean runIfFree(DurableJob kind, UUID id) {
        Optional<JobClaim> claim;
        try {
            claim = tryClaim(kind, id);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not claim %s %s", kind.name(), id);
            return false;
        }
        if (claim.isEmpty()) {
            return false;
        }
        try (JobClaim held = claim.get()) {
            LOG.infof("Running %s %s (attempt %d) on %s", kind.name(), id, held.attempt(), replica.value());
            try {
                kind.run(id);
            } catch (RuntimeException | Error e) {
                String errorId = UUID.randomUUID().toString();
                LOG.errorf(e, "%s %s failed (error id %s)", kind.name(), id, errorId);
                kind.fail(id, "The job failed; quote error id " + errorId + " when reporting it.");
            }
            return true;
        }
    }

    /**
     * Takes the job's lock and marks it RUNNING by this replica, counting the attempt; empty if another replica holds
     * it, it is finished, or it has used up its attempts (then it is marked FAILED). The caller runs the job and
     * closes the claim.
     */
    public Optional<JobClaim> tryClaim(DurableJob kind, UUID id) {
        Connection connection = QuarkusTransaction.suspendingExisting().call(this::connection);
        boolean locked = false;
        try {
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?, hashtext(?))")) {
                lock.setInt(1, kind.lockSpace());
                lock.setString(2, id.toString());
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    locked = rs.getBoolean(1);
                }
            }
            if (!locked) {
                connection.close();
                return Optional.empty();
            }
            detectLossSoon(connection);
            String extra = kind.claimAssignments().isBlank() ? "" : ", " + kind.claimAssignments();
            Integer attempt = null;
            try (PreparedStatement mark = connection.prepareStatement("update " + kind.table()
                    + " set state = 'RUNNING', claimed_by = ?, attempts = attempts + 1, started_at = now()" + extra
                    + " where id = ? and " + claimable(kind) + " returning attempts")) {
                mark.setString(1, replica.value());
                mark.setObject(2, id);
                try (ResultSet rs = mark.executeQuery()) {
                    if (rs.next()) {
                        attempt = rs.getInt(1);
                    }
                }
            }
            if (attempt == null) {
                unlockAndClose(connection, kind.lockSpace(), id);
                return Optional.empty();
            }
            JobClaim claim = new JobClaim(connection, kind.lockSpace(), id, attempt);
            if (attempt > maxAttempts) {
                try (claim) {
                    LOG.warnf("%s %s was claimed %d times; marking it FAILED", kind.name(), id, attempt);
                    kind.fail(id, "The job was started " + (attempt - 1) + " times and the service instance running it"
                            + " stopped each time before it finished; it is not tried again. Ask for it anew.");
                }
                return Optional.empty();
            }
            return Optional.of(claim);
        } catch (SQLException e) {
            if (locked) {
                unlockAndClose(connection, kind.lockSpace(), id);
            } else {
                closeQuietly(connection);
            }
            throw new IllegalStateException("Could not claim " + kind.name() + " " + id, e);
        }
    }

    /** RUNNING, or QUEUED and ready by the kind's own condition. */
    private static String claimable(DurableJob kind) {
        String ready = kind.readyCondition();
        return ready.isBlank() ? "state in ('QUEUED', 'RUNNING')"
                : "(state = 'RUNNING' or (state = 'QUEUED' and (" + ready + ")))";
    }

    /** Jobs that may need a replica: QUEUED, or RUNNING (the lock tells whether their replica is alive). */
    List<UUID> unfinished(DurableJob kind) {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = QuarkusTransaction.suspendingExisting().call(this::connection);
                PreparedStatement select = connection.prepareStatement("select id from " + kind.table()
                        + " where " + claimable(kind) + " order by created_at, id limit ?")) {
            select.setInt(1, pollBatch);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getObject(1, UUID.class));
                }
            }
        } catch (SQLException e) {
            LOG.errorf(e, "Could not look for unfinished %s jobs", kind.name());
        }
        return ids;
    }

    /**
     * While the job runs its lock's connection is idle, so PostgreSQL would notice a vanished host (not just a killed
     * process) only after the operating system's TCP keep-alive time, two hours by default. These per-session
     * settings make it about a minute; they are ignored on a Unix-domain socket.
     */
    private static void detectLossSoon(Connection connection) {
        try (PreparedStatement keepAlive = connection.prepareStatement("select set_config('tcp_keepalives_idle', '30',"
                + " false), set_config('tcp_keepalives_interval', '10', false), set_config('tcp_keepalives_count', '3',"
                + " false)")) {
            keepAlive.execute();
        } catch (SQLException e) {
            LOG.debugf(e, "TCP keep-alive settings not taken");
        }
    }

    private Connection connection() {
        try {
            Connection c = dataSource.getConnection();
            c.setAutoCommit(true);
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException("No database connection for a job's lock", e);
        }
    }

    static void unlockAndClose(Connection connection, int space, UUID jobId) {
        try {
            JobClaim.unlock(connection, space, jobId);
            connection.close();
        } catch (SQLException e) {
            // The session is broken, so its locks are gone with it; make sure the pool does not keep it.
            LOG.warnf(e, "Could not release the lock of job %s; dropping its connection", jobId);
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException ignored) {
                closeQuietly(connection);
            }
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing more to do with a connection that cannot close
        }
    }
}
