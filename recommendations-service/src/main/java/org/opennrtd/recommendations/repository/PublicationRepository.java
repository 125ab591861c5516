package org.opennrtd.recommendations.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The public view's settings: a country's opt-in, a recommendation's withhold flag, an action's public mark. A row
 * exists from the first change; without one the setting is at its default (off) at version 0. Each write is one
 * conditional upsert on the version read, so that a concurrent change makes it store nothing (the caller answers
 * 412) instead of overwriting it.
 */
@ApplicationScoped
public class PublicationRepository {

    @Inject
    EntityManager em;

    public record Country(String country, boolean published, boolean budgetsPublished, OffsetDateTime updatedAt,
            long version) {
    }

    /** A recommendation's withhold flag, or an action's public mark. */
    public record Flag(UUID id, boolean value, OffsetDateTime updatedAt, long version) {
    }

    public Country country(String iso3) {
        List<?> rows = em.createNativeQuery("select published, budgets_published, updated_at, version"
                + " from country_publication where country = ?1").setParameter(1, iso3).getResultList();
        if (rows.isEmpty()) {
            return new Country(iso3, false, false, null, 0);
        }
        Object[] r = (Object[]) rows.get(0);
        return new Country(iso3, (Boolean) r[0], (Boolean) r[1], NativeTimes.utc(r[2]), ((Number) r[3]).longValue());
    }

    public boolean storeCountry(String iso3, boolean published, boolean budgetsPublished, OffsetDateTime now, long read) {
        return em.createNativeQuery("insert into country_publication (country, published, budgets_published, updated_at,"
                        + " version) values (?1, ?2, ?3, ?4, 1) on conflict (country) do update set"
                        + " published = excluded.published, budgets_published = excluded.budgets_published,"
                        + " updated_at = excluded.updated_at, version = country_publication.version + 1"
                        + " where country_publication.version = ?5")
                .setParameter(1, iso3).setParameter(2, published).setParameter(3, budgetsPublished)
                .setParameter(4, now).setParameter(5, read).executeUpdate() == 1;
    }

    public Flag recommendation(UUID id) {
        return flag("select withheld, updated_at, version from recommendation_publication where recommendation_id = ?1", id);
    }

    public boolean storeRecommendation(UUID id, boolean withheld, OffsetDateTime now, long read) {
        return store("recommendation_publication", "recommendation_id", "withheld", id, withheld, now, read);
    }

    public Flag action(UUID id) {
        return flag("select published, updated_at, version from action_publication where action_id = ?1", id);
    }

    public boolean storeAction(UUID id, boolean published, OffsetDateTime now, long read) {
        return store("action_publication", "action_id", "published", id, published, now, read);
    }

    private Flag flag(String sql, UUID id) {
        List<?> rows = em.createNativeQuery(sql).setParameter(1, id).getResultList();
        if (rows.isEmpty()) {
            return new Flag(id, false, null, 0);
        }
        Object[] r = (Object[]) rows.get(0);
        return new Flag(id, (Boolean) r[0], NativeTimes.utc(r[1]), ((Number) r[2]).longValue());
    }

    private boolean store(String table, String key, String column, UUID id, boolean value, OffsetDateTime now, long read) {
        return em.createNativeQuery("insert into " + table + " (" + key + ", " + column + ", updated_at, version)"
                        + " values (?1, ?2, ?3, 1) on conflict (" + key + ") do update set " + column + " = excluded."
                        + column + ", updated_at = excluded.updated_at, version = " + table + ".version + 1"
                        + " where " + table + ".version = ?4")
                .setParameter(1, id).setParameter(2, value).setParameter(3, now).setParameter(4, read)
                .executeUpdate() == 1;
    }
}
