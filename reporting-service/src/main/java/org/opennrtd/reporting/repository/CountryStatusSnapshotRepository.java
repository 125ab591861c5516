package org.opennrtd.reporting.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import javax.sql.DataSource;
import org.opennrtd.reporting.entity.CountryStatusSnapshotEntity;

@ApplicationScoped
public class CountryStatusSnapshotRepository
        implements PanacheRepositoryBase<CountryStatusSnapshotEntity, CountryStatusSnapshotEntity.Key> {

    @Inject
    DataSource dataSource;

    /**
     * When the stored snapshot of {@code key} was fetched, or null when there is none: one indexed read on a
     * connection of its own, outside any transaction (a pull checks this before it serves a status it holds).
     */
    public OffsetDateTime fetchedAt(CountryStatusSnapshotEntity.Key key) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "select fetched_at from country_status_snapshot where country = ? and language = ?")) {
            s.setString(1, key.country());
            s.setString(2, key.language());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getObject(1, OffsetDateTime.class) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The country status snapshots cannot be read", e);
        }
    }

    /** Keeps the newest good status; an older one arriving late does not replace it. Needs a transaction. */
    public void save(String country, String language, String body, OffsetDateTime fetchedAt) {
        getEntityManager().createNativeQuery("""
                insert into country_status_snapshot (country, language, body, fetched_at)
                values (?1, ?2, cast(?3 as jsonb), ?4)
                on conflict (country, language) do update set body = excluded.body, fetched_at = excluded.fetched_at
                where country_status_snapshot.fetched_at < excluded.fetched_at""")
                .setParameter(1, country).setParameter(2, language).setParameter(3, body).setParameter(4, fetchedAt)
                .executeUpdate();
    }
}
