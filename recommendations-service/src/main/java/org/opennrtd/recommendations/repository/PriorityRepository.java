package org.opennrtd.recommendations.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The stored facts a recommendation's priority score is computed from. */
@ApplicationScoped
public class PriorityRepository {

    @Inject
    EntityManager em;

    /** The recommendation's near-duplicate group (itself included): its size and the distinct sources in it. */
    public record Similar(int recommendations, List<String> sources) {
    }

    /**
     * Sources are the recommending States of the group's members, and the body of each member that names no
     * State (a treaty body or special procedure, or a UPR recommendation imported without its States).
     */
    public Similar similar(UUID recommendationId) {
        String members = "(select m2.recommendation_id from near_duplicate_member m1 join near_duplicate_member m2"
                + " on m2.group_id = m1.group_id where m1.recommendation_id = :id union select cast(:id as uuid))";
        Number size = (Number) em.createNativeQuery("select count(*) from recommendation r where r.id in " + members)
                .setParameter("id", recommendationId).getSingleResult();
        @SuppressWarnings("unchecked")
        List<String> sources = em.createNativeQuery("select distinct s from (select unnest(r.recommending_states) as s"
                        + " from recommendation r where r.id in " + members + " union select r.body from recommendation r"
                        + " where r.id in " + members + " and cardinality(r.recommending_states) = 0) x order by s")
                .setParameter("id", recommendationId).getResultList();
        return new Similar(size.intValue(), sources);
    }

    /** Planned milestones past due among the actions linked to the recommendation. */
    public long overdueMilestones(UUID recommendationId, LocalDate today) {
        return ((Number) em.createNativeQuery("select count(*) from milestone m join action_recommendation ar"
                        + " on ar.action_id = m.action_id where ar.recommendation_id = :id and m.status = 'PLANNED'"
                        + " and m.due_date < :today")
                .setParameter("id", recommendationId).setParameter("today", today).getSingleResult()).longValue();
    }

    /** Titles of the recommendation's actions that need legislative action by parliament. */
    public List<String> legislativeActions(UUID recommendationId) {
        @SuppressWarnings("unchecked")
        List<String> titles = em.createNativeQuery("select a.title from action a join action_recommendation ar"
                        + " on ar.action_id = a.id where ar.recommendation_id = :id and a.legislative_action_required"
                        + " order by a.title")
                .setParameter("id", recommendationId).getResultList();
        return titles;
    }

}
