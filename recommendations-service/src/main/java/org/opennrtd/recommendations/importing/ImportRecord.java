package org.opennrtd.recommendations.importing;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One recommendation as a reader found it in an uploaded file, before it is matched with what is stored.
 * Values are trimmed; lists hold distinct values in the file's order; absent values are null or empty lists.
 *
 * @param row the 1-based row (or table row / record index) in the source, quoted in problems
 * @param uhriAnnotationId OHCHR's annotation id (UHRI exports), the natural key when present
 * @param documentSymbol UN document symbol, e.g. {@code A/HRC/43/15}
 * @param paragraph paragraph number in that document, e.g. {@code 121.2}; with the symbol, the key otherwise
 * @param text the recommendation's text, without its paragraph number and recommending States
 * @param countries States concerned, as names or ISO 3166-1 alpha-3 codes as the file gives them
 * @param body recommending body as written (e.g. {@code UPR}, {@code CEDAW}, {@code SR on the right to food})
 * @param position the State's position as written (e.g. {@code Supported}, {@code Noted}); null when none
 * @param recommendingStates for UPR, the States that made it
 * @param themes thematic labels, in the file's order (OHCHR's matrices list the grouping theme first)
 * @param affectedPersons groups of persons concerned
 * @param sdgTargets SDG target codes such as {@code 1.4}
 * @param sdgGoals SDG goal numbers given without a target
 * @param uprCycle UPR cycle when known
 * @param uprSession UPR session when known
 * @param type annotation type as written, e.g. {@code Recommendation}, {@code Concerns/Observations}
 * @param regions regions concerned
 * @param publicationDate the document's publication date
 * @param recommendingRegions for UPR, the regional groups of the recommending States
 * @param uhriDocumentId OHCHR's id of the source document in the index (UHRI JSON)
 * @param uhriPublicationDate when the record was published in the index (UHRI JSON)
 */
public record ImportRecord(
        int row,
        UUID uhriAnnotationId,
        String documentSymbol,
        String paragraph,
        String text,
        List<String> countries,
        String body,
        String position,
        List<String> recommendingStates,
        List<String> themes,
        List<String> affectedPersons,
        List<String> sdgTargets,
        List<Integer> sdgGoals,
        Integer uprCycle,
        Integer uprSession,
        String type,
        List<String> regions,
        LocalDate publicationDate,
        List<String> recommendingRegions,
        UUID uhriDocumentId,
        LocalDate uhriPublicationDate) {

    /** A record of a source that has no recommending regions, document ids or index dates. */
    public ImportRecord(int row, UUID uhriAnnotationId, String documentSymbol, String paragraph, String text,
            List<String> countries, String body, String position, List<String> recommendingStates, List<String> themes,
            List<String> affectedPersons, List<String> sdgTargets, List<Integer> sdgGoals, Integer uprCycle,
            Integer uprSession, String type, List<String> regions, LocalDate publicationDate) {
        this(row, uhriAnnotationId, documentSymbol, paragraph, text, countries, body, position, recommendingStates,
                themes, affectedPersons, sdgTargets, sdgGoals, uprCycle, uprSession, type, regions, publicationDate,
                List.of(), null, null);
    }
}
