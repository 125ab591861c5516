package org.opennrtd.recommendations.mapping;

import java.util.ArrayList;
import java.util.List;
import org.opennrtd.recommendations.api.model.CountBucket;
import org.opennrtd.recommendations.api.model.Mechanism;
import org.opennrtd.recommendations.api.model.Position;
import org.opennrtd.recommendations.api.model.Recommendation;
import org.opennrtd.recommendations.api.model.RecommendationInput;
import org.opennrtd.recommendations.api.model.RecommendationStatistics;
import org.opennrtd.recommendations.api.model.TextLanguage;
import org.opennrtd.recommendations.entity.RecommendationEntity;
import org.opennrtd.recommendations.repository.RecommendationRepository;
import org.opennrtd.recommendations.service.RecommendationService;

/** Contract DTOs to and from the domain. */
public final class RecommendationMapper {

    private RecommendationMapper() {
    }

    public static RecommendationService.Draft toDraft(RecommendationInput in) {
        return new RecommendationService.Draft(
                in.getText(),
                RecommendationEntity.Mechanism.valueOf(in.getMechanism().name()),
                in.getBody(),
                in.getCountry(),
                in.getDocumentSymbol(),
                in.getParagraph(),
                in.getUhriAnnotationId(),
                in.getUprCycle(),
                in.getUprSession(),
                in.getRecommendingStates(),
                in.getPosition() == null ? null : RecommendationEntity.Position.valueOf(in.getPosition().name()),
                in.getThemes(),
                in.getAffectedPersons(),
                in.getSdgTargets(),
                in.getSdgGoals(),
                in.getPublicationDate());
    }

    /** The recommendation with its text in the language served. */
    public static Recommendation toDto(RecommendationService.Localized l) {
        return toDto(l.entity()).text(l.text()).language(TextLanguage.fromValue(l.language()));
    }

    /** The recommendation in its original language. */
    public static Recommendation toDto(RecommendationEntity e) {
        return new Recommendation()
                .id(e.id)
                .text(e.text)
                .language(TextLanguage.fromValue(RecommendationService.LANGUAGES.get(0)))
                .mechanism(Mechanism.fromValue(e.mechanism.name()))
                .body(e.body)
                .country(e.country)
                .documentSymbol(e.documentSymbol)
                .paragraph(e.paragraph)
                .uhriAnnotationId(e.uhriAnnotationId)
                .uprCycle(e.uprCycle)
                .uprSession(e.uprSession)
                .recommendingStates(new ArrayList<>(e.recommendingStates))
                .position(Position.fromValue(e.position.name()))
                .themes(new ArrayList<>(e.themes))
                .affectedPersons(new ArrayList<>(e.affectedPersons))
                .sdgTargets(new ArrayList<>(e.sdgTargets))
                .sdgGoals(new ArrayList<>(e.sdgGoals))
                .publicationDate(e.publicationDate)
                .regions(new ArrayList<>(e.regions))
                .annotationType(e.annotationType)
                .recommendingRegions(new ArrayList<>(e.recommendingRegions))
                .uhriDocumentId(e.uhriDocumentId)
                .uhriPublicationDate(e.uhriPublicationDate)
                .uhriLastSeenAt(e.uhriLastSeenAt)
                .uhriWithdrawnAt(e.uhriWithdrawnAt)
                .createdAt(e.createdAt)
                .updatedAt(e.updatedAt)
                .version(e.version);
    }

    public static RecommendationStatistics toDto(RecommendationService.Statistics s) {
        return new RecommendationStatistics()
                .country(s.country())
                .total(s.total())
                .byPosition(buckets(s.byPosition()))
                .byMechanism(buckets(s.byMechanism()))
                .byBody(buckets(s.byBody()))
                .bySdgGoal(buckets(s.bySdgGoal()))
                .lastUpdatedAt(s.lastUpdatedAt());
    }

    private static List<CountBucket> buckets(List<RecommendationRepository.Count> counts) {
        return counts.stream().map(c -> new CountBucket().key(c.key()).count(c.count())).toList();
    }
}
