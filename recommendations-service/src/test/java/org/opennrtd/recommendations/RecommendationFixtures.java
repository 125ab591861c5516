package org.opennrtd.recommendations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.opennrtd.recommendations.entity.RecommendationEntity;

/** Recommendations stored directly, for tests whose subject is what is done with them, not how they are created. */
@ApplicationScoped
public class RecommendationFixtures {

    @Inject
    EntityManager em;

    /** A supported UPR recommendation to {@code country}. */
    @Transactional
    public UUID insert(String country, String text) {
        return insert(country, text, RecommendationEntity.Position.SUPPORTED, List.of());
    }

    @Transactional
    public UUID insert(String country, String text, RecommendationEntity.Position position, List<String> sdgTargets) {
        RecommendationEntity e = new RecommendationEntity();
        e.id = UUID.randomUUID();
        e.country = country;
        e.text = text;
        e.mechanism = RecommendationEntity.Mechanism.UPR;
        e.body = "UPR";
        e.position = position;
        e.sdgTargets = new ArrayList<>(sdgTargets);
        e.createdAt = OffsetDateTime.now();
        e.updatedAt = e.createdAt;
        em.persist(e);
        return e.id;
    }

    /** A supported UPR recommendation of a cycle and report, with imported themes (first: the group) and persons. */
    @Transactional
    public UUID insert(String country, String text, Integer uprCycle, String documentSymbol, List<String> themes,
            List<String> affectedPersons) {
        RecommendationEntity e = new RecommendationEntity();
        e.id = UUID.randomUUID();
        e.country = country;
        e.text = text;
        e.mechanism = RecommendationEntity.Mechanism.UPR;
        e.body = "UPR";
        e.position = RecommendationEntity.Position.SUPPORTED;
        e.uprCycle = uprCycle;
        e.documentSymbol = documentSymbol;
        e.themes = new ArrayList<>(themes);
        e.affectedPersons = new ArrayList<>(affectedPersons);
        e.createdAt = OffsetDateTime.now();
        e.updatedAt = e.createdAt;
        em.persist(e);
        return e.id;
    }
}
