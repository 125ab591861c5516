package org.opennrtd.recommendations.mapping;

import java.util.List;
import org.opennrtd.recommendations.api.model.ActionPublication;
import org.opennrtd.recommendations.api.model.Budget;
import org.opennrtd.recommendations.api.model.CountryPublication;
import org.opennrtd.recommendations.api.model.ImplementationStatus;
import org.opennrtd.recommendations.api.model.Mechanism;
import org.opennrtd.recommendations.api.model.PageMeta;
import org.opennrtd.recommendations.api.model.Position;
import org.opennrtd.recommendations.api.model.PublicAction;
import org.opennrtd.recommendations.api.model.PublicActionPage;
import org.opennrtd.recommendations.api.model.PublicProgressUpdate;
import org.opennrtd.recommendations.api.model.PublicProgressUpdatePage;
import org.opennrtd.recommendations.api.model.PublicRecommendation;
import org.opennrtd.recommendations.api.model.PublicRecommendationPage;
import org.opennrtd.recommendations.api.model.RecommendationPublication;
import org.opennrtd.recommendations.repository.PublicViewRepository;
import org.opennrtd.recommendations.repository.PublicationRepository;
import org.opennrtd.recommendations.service.PublicationService;

/** DTOs of the public view and of its settings. The public DTOs carry only what the repository selected. */
public final class PublicViewMapper {

    private PublicViewMapper() {
    }

    public static CountryPublication toDto(PublicationRepository.Country c) {
        return new CountryPublication().country(c.country()).published(c.published())
                .budgetsPublished(c.budgetsPublished()).updatedAt(c.updatedAt()).version(c.version());
    }

    public static RecommendationPublication toRecommendationDto(PublicationService.FlagView v) {
        return new RecommendationPublication().recommendationId(v.flag().id()).country(v.country())
                .withheld(v.flag().value()).updatedAt(v.flag().updatedAt()).version(v.flag().version());
    }

    public static ActionPublication toActionDto(PublicationService.FlagView v) {
        return new ActionPublication().actionId(v.flag().id()).country(v.country())
                .published(v.flag().value()).updatedAt(v.flag().updatedAt()).version(v.flag().version());
    }

    public static PublicRecommendation toDto(PublicViewRepository.Recommendation r) {
        return new PublicRecommendation().id(r.id()).country(r.country()).text(r.text())
                .mechanism(Mechanism.fromValue(r.mechanism())).body(r.body()).documentSymbol(r.documentSymbol())
                .paragraph(r.paragraph()).uprCycle(r.uprCycle()).recommendingStates(r.recommendingStates())
                .position(Position.fromValue(r.position())).themes(r.themes()).affectedPersons(r.affectedPersons())
                .sdgTargets(r.sdgTargets()).publicationDate(r.publicationDate())
                .implementationStatus(ImplementationStatus.fromValue(r.implementationStatus()))
                .statusUpdatedAt(r.statusUpdatedAt());
    }

    public static PublicRecommendationPage toRecommendationPage(PublicViewRepository.Page<PublicViewRepository.Recommendation> p,
            int offset, int limit) {
        return new PublicRecommendationPage().items(p.items().stream().map(PublicViewMapper::toDto).toList())
                .page(page(offset, limit, p.total()));
    }

    public static PublicAction toDto(PublicViewRepository.Action a, boolean budgetsPublished) {
        PublicAction dto = new PublicAction().id(a.id()).country(a.country()).title(a.title())
                .description(a.description()).recommendationIds(a.recommendationIds()).startDate(a.startDate())
                .endDate(a.endDate()).legislativeActionRequired(a.legislativeActionRequired()).updatedAt(a.updatedAt());
        if (budgetsPublished && a.budgetAmount() != null) {
            dto.budget(new Budget().amount(a.budgetAmount()).currency(a.budgetCurrency()).source(a.budgetSource())
                    .funded(a.budgetFunded()));
        }
        return dto;
    }

    public static PublicActionPage toActionPage(PublicViewRepository.Page<PublicViewRepository.Action> p,
            boolean budgetsPublished, int offset, int limit) {
        List<PublicAction> items = p.items().stream().map(a -> toDto(a, budgetsPublished)).toList();
        return new PublicActionPage().items(items).page(page(offset, limit, p.total()));
    }

    public static PublicProgressUpdatePage toProgressPage(PublicViewRepository.Page<PublicViewRepository.ProgressUpdate> p,
            int offset, int limit) {
        List<PublicProgressUpdate> items = p.items().stream().map(u -> new PublicProgressUpdate().id(u.id())
                .actionId(u.actionId()).narrative(u.narrative()).evidenceUrl(u.evidenceUrl()).reportDate(u.reportDate())
                .validatedAt(u.validatedAt())).toList();
        return new PublicProgressUpdatePage().items(items).page(page(offset, limit, p.total()));
    }

    private static PageMeta page(int offset, int limit, long total) {
        return new PageMeta().offset(offset).limit(limit).total(total);
    }
}
