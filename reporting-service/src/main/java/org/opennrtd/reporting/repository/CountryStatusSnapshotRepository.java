package org.opennrtd.reporting.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import org.opennrtd.reporting.entity.CountryStatusSnapshotEntity;

@ApplicationScoped
public class CountryStatusSnapshotRepository
        implements PanacheRepositoryBase<CountryStatusSnapshotEntity, CountryStatusSnapshotEntity.Key> {

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
