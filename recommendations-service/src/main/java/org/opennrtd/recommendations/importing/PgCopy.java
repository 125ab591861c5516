package org.opennrtd.recommendations.importing;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/** PostgreSQL {@code COPY ... FROM STDIN} on a JDBC connection, fed by a writer and streamed in 64 KiB pieces. */
final class PgCopy {

    private PgCopy() {
    }

    /** Writes the COPY input. */
    interface CopyWriter {
        void write(Writer out) throws IOException;
    }

    /** Runs {@code sql}, a COPY FROM STDIN, with what {@code rows} writes. */
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
}
