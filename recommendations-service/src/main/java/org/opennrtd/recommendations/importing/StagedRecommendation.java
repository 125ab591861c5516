package org.opennrtd.recommendations.importing;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A recommendation ready to be merged into the store: country resolved, mechanism and position mapped, SDG codes
 * checked. Null scalars and empty lists mean "the file does not say", so a merge keeps what is stored.
 */
public record StagedRecommendation(
        int row,
        String country,
        String text,
        String mechanism,
        String body,
        String documentSymbol,
        String paragraph,
        UUID uhriAnnotationId,
        Integer uprCycle,
        Integer uprSession,
        List<String> recommendingStates,
        String position,
        List<String> themes,
        List<String> affectedPersons,
        List<String> sdgTargets,
        List<Integer> sdgGoals,
        List<String> regions,
        String annotationType,
        LocalDate publicationDate,
        List<String> recommendingRegions,
        UUID uhriDocumentId,
        LocalDate uhriPublicationDate) {

    /** A row without recommending regions, document id or index date. */
    public StagedRecommendation(int row, String country, String text, String mechanism, String body,
            String documentSymbol, String paragraph, UUID uhriAnnotationId, Integer uprCycle, Integer uprSession,
            List<String> recommendingStates, String position, List<String> themes, List<String> affectedPersons,
            List<String> sdgTargets, List<Integer> sdgGoals, List<String> regions, String annotationType,
            LocalDate publicationDate) {
        this(row, country, text, mechanism, body, documentSymbol, paragraph, uhriAnnotationId, uprCycle, uprSession,
                recommendingStates, position, themes, affectedPersons, sdgTargets, sdgGoals, regions, annotationType,
                publicationDate, List.of(), null, null);
    }
}
