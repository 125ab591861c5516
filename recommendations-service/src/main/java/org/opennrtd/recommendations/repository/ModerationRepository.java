package org.opennrtd.recommendations.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opennrtd.recommendations.entity.AuthorPseudonymEntity;
import org.opennrtd.recommendations.entity.CommentIdentityEntity;
import org.opennrtd.recommendations.entity.IdentityDisclosureEntity;
import org.opennrtd.recommendations.entity.ModeratorGrantEntity;

/** Moderator grants, pseudonyms, the identities behind pseudonymous comments and the record of their disclosures. */
@ApplicationScoped
public class ModerationRepository {

    public record Slice<T>(List<T> items, long total) {
    }

    @Inject
    EntityManager em;

    public boolean isModerator(String country, String userName) {
        return em.createQuery("select count(g) from ModeratorGrantEntity g where g.country = :c and g.userName = :u",
                        Long.class)
                .setParameter("c", country).setParameter("u", userName).getSingleResult() > 0;
    }

    public Optional<ModeratorGrantEntity> grant(UUID id) {
        return Optional.ofNullable(em.find(ModeratorGrantEntity.class, id));
    }

    public Optional<ModeratorGrantEntity> grant(String country, String userName) {
        return em.createQuery("from ModeratorGrantEntity g where g.country = :c and g.userName = :u",
                        ModeratorGrantEntity.class)
                .setParameter("c", country).setParameter("u", userName).getResultStream().findFirst();
    }

    /** Grants oldest first, of one country or (null) of all. */
    public Slice<ModeratorGrantEntity> grants(String country, int offset, int limit) {
        String where = country == null ? "" : " where g.country = :c";
        var count = em.createQuery("select count(g) from ModeratorGrantEntity g" + where, Long.class);
        var page = em.createQuery("from ModeratorGrantEntity g" + where + " order by g.grantedAt, g.id",
                ModeratorGrantEntity.class);
        if (country != null) {
            count.setParameter("c", country);
            page.setParameter("c", country);
        }
        long total = count.getSingleResult();
        return new Slice<>(total == 0 ? List.of() : page.setFirstResult(offset).setMaxResults(limit).getResultList(),
                total);
    }

    public void persist(Object entity) {
        em.persist(entity);
        em.flush();
    }

    public void remove(ModeratorGrantEntity grant) {
        em.remove(grant);
        em.flush();
    }

    /**
     * Stores {@code candidate} as the author's pseudonym in the country unless the author has one already, or another
     * author of the country holds the same one; answers the author's pseudonym if there is one now.
     */
    public Optional<String> claimPseudonym(String authorName, String country, String candidate, OffsetDateTime now) {
        em.createNativeQuery("insert into author_pseudonym (author_name, country, pseudonym, created_at)"
                        + " values (?1, ?2, ?3, ?4) on conflict do nothing")
                .setParameter(1, authorName).setParameter(2, country).setParameter(3, candidate).setParameter(4, now)
                .executeUpdate();
        return Optional.ofNullable(em.find(AuthorPseudonymEntity.class, new AuthorPseudonymEntity.Key(authorName, country)))
                .map(p -> p.pseudonym);
    }

    public Optional<CommentIdentityEntity> identity(UUID commentId) {
        return Optional.ofNullable(em.find(CommentIdentityEntity.class, commentId));
    }

    /** The caller's disclosures, newest first. */
    public Slice<IdentityDisclosureEntity> disclosuresOf(String authorName, int offset, int limit) {
        long total = em.createQuery("select count(d) from IdentityDisclosureEntity d where d.authorName = :a", Long.class)
                .setParameter("a", authorName).getSingleResult();
        List<IdentityDisclosureEntity> items = total == 0 ? List.of() : em.createQuery(
                        "from IdentityDisclosureEntity d where d.authorName = :a order by d.disclosedAt desc, d.id",
                        IdentityDisclosureEntity.class)
                .setParameter("a", authorName).setFirstResult(offset).setMaxResults(limit).getResultList();
        return new Slice<>(items, total);
    }
}
