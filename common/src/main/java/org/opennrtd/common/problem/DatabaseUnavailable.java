package org.opennrtd.common.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Whether a failure means the database could not be reached (down, restarting, its connection lost, or no
 * connection free in time) rather than a fault of the request or of the code. Such a failure is temporary for the
 * caller: it is answered 503 with {@code Retry-After}, never 500.
 *
 * <p>The rule, over the failure and its causes: Hibernate's {@code JDBCConnectionException}; a
 * {@link SQLTransientConnectionException}; an {@link SQLException} whose SQLState is of class 08 (connection
 * exception), 57P01–57P03 (the server shutting down, crashed or not yet accepting connections) or 53300 (too many
 * connections); or the pool's acquisition timeout.
 */
public final class DatabaseUnavailable {

    /** Seconds a caller is asked to wait; a PostgreSQL restart is usually over within them. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private static final int MAX_DEPTH = 12;

    private DatabaseUnavailable() {
    }

    public static boolean causedBy(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
            if (t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof org.hibernate.exception.GenericJDBCException g && unavailable(g.getSQLState())) {
                return true;
            }
            if (t instanceof SQLException sql && (unavailable(sql.getSQLState()) || acquisitionTimeout(sql))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean unavailable(String state) {
        return state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state));
    }

    /** Agroal's "Acquisition timeout while waiting for new connection" carries no SQLState. */
    private static boolean acquisitionTimeout(SQLException e) {
        String m = e.getMessage();
        return e.getSQLState() == null && m != null && m.startsWith("Acquisition timeout");
    }
}
