package org.opennrtd.common.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A job this replica has claimed: the session-level advisory lock on the job, held by a connection of its own for as
 * long as the job runs. Closing releases the lock and gives the connection back. If the process dies instead,
 * PostgreSQL ends the session, which frees the lock, and another replica's poller takes the job.
 */
public final class JobClaim implements AutoCloseable {

    private final Connection connection;
    private final int space;
    private final UUID jobId;
    private final int attempt;

    JobClaim(Connection connection, int space, UUID jobId, int attempt) {
        this.connection = connection;
        this.space = space;
        this.jobId = jobId;
        this.attempt = attempt;
    }

    public UUID jobId() {
        return jobId;
    }

    /** Which run of the job this is: 1 for the first, 2 after one replica was lost while running it, and so on. */
    public int attempt() {
        return attempt;
    }

    @Override
    public void close() {
        JobRunner.unlockAndClose(connection, space, jobId);
    }

    static void unlock(Connection connection, int space, UUID jobId) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, hashtext(?))")) {
            unlock.setInt(1, space);
            unlock.setString(2, jobId.toString());
            unlock.execute();
        }
        // Back to the operating system's keep-alive times before the connection returns to the pool.
        try (PreparedStatement reset = connection.prepareStatement("select set_config('tcp_keepalives_idle', '0', false),"
                + " set_config('tcp_keepalives_interval', '0', false), set_config('tcp_keepalives_count', '0', false)")) {
            reset.execute();
        } catch (SQLException ignored) {
            // not taken at claim time either
        }
    }
}
