package org.opennrtd.recommendations.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The translations of recommendation texts that imports in other languages stored. */
@ApplicationScoped
public class TranslationRepository {

    @Inject
    EntityManager em;

    /** Per recommendation of {@code ids} that has any, its translations: language to text. */
    public Map<UUID, Map<String, String>> of(Collection<UUID> ids) {
        Map<UUID, Map<String, String>> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select recommendation_id, cast(language as text), text"
                        + " from recommendation_translations where recommendation_id in (:ids)")
                .setParameter("ids", ids).getResultList();
        for (Object[] row : rows) {
            out.computeIfAbsent((UUID) row[0], id -> new TreeMap<>()).put((String) row[1], (String) row[2]);
        }
        return out;
    }
}
