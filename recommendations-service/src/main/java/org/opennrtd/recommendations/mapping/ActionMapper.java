package org.opennrtd.recommendations.mapping;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.opennrtd.recommendations.api.model.Action;
import org.opennrtd.recommendations.api.model.ActionInput;
import org.opennrtd.recommendations.api.model.Budget;
import org.opennrtd.recommendations.api.model.DueState;
import org.opennrtd.recommendations.api.model.Milestone;
import org.opennrtd.recommendations.api.model.MilestoneInput;
import org.opennrtd.recommendations.api.model.MilestoneStatus;
import org.opennrtd.recommendations.api.model.ProgressUpdate;
import org.opennrtd.recommendations.api.model.ProgressUpdateInput;
import org.opennrtd.recommendations.api.model.ProgressUpdateStatus;
import org.opennrtd.recommendations.entity.ActionEntity;
import org.opennrtd.recommendations.entity.MilestoneEntity;
import org.opennrtd.recommendations.entity.ProgressUpdateEntity;
import org.opennrtd.recommendations.repository.ActionRepository;
import org.opennrtd.recommendations.service.ActionService;
import org.opennrtd.recommendations.service.ProgressUpdateService;

/** Action, milestone and progress-update DTOs to and from the domain. */
public final class ActionMapper {

    private ActionMapper() {
    }

    public static ActionService.Draft toDraft(ActionInput in) {
        Budget b = in.getBudget();
        return new ActionService.Draft(in.getCountry(), in.getTitle(), in.getDescription(), in.getRecommendationIds(),
                in.getClusterIds(), in.getLeadInstitutionId(), in.getSupportingInstitutionIds(), in.getStartDate(),
                in.getEndDate(),
                b == null ? null : new ActionService.Budget(b.getAmount(), b.getCurrency(), b.getSource(), b.getFunded()),
                in.getIndicatorIds(), Boolean.TRUE.equals(in.getLegislativeActionRequired()));
    }

    public static Action toDto(ActionEntity e, LocalDate nextUpdateDue) {
        return new Action()
                .id(e.id)
                .country(e.country.trim())
                .title(e.title)
                .description(e.description)
                .recommendationIds(sorted(e.recommendationIds))
                .clusterIds(sorted(e.clusterIds))
                .leadInstitutionId(e.leadInstitutionId)
                .supportingInstitutionIds(sorted(e.supportingInstitutionIds))
                .startDate(e.startDate)
                .endDate(e.endDate)
                .budget(e.budgetAmount == null ? null : new Budget().amount(e.budgetAmount).currency(e.budgetCurrency.trim())
                        .source(e.budgetSource).funded(e.budgetFunded))
                .indicatorIds(new ArrayList<>(e.indicatorIds))
                .legislativeActionRequired(e.legislativeActionRequired)
                .nextUpdateDueDate(nextUpdateDue)
                .createdAt(e.createdAt)
                .updatedAt(e.updatedAt)
                .version(e.version);
    }

    public static ActionService.MilestoneDraft toDraft(MilestoneInput in) {
        return new ActionService.MilestoneDraft(in.getTitle(), in.getDescription(), in.getDueDate(),
                in.getStatus() == null ? null : MilestoneEntity.Status.valueOf(in.getStatus().name()), in.getAchievedDate());
    }

    public static Milestone toDto(ActionService.MilestoneView v) {
        MilestoneEntity m = v.milestone();
        return new Milestone()
                .id(m.id)
                .actionId(m.actionId)
                .country(v.country().trim())
                .title(m.title)
                .description(m.description)
                .dueDate(m.dueDate)
                .status(MilestoneStatus.fromValue(m.status.name()))
                .achievedDate(m.achievedDate)
                .due(v.due() == null ? null : DueState.fromValue(v.due().name()))
                .createdAt(m.createdAt)
                .updatedAt(m.updatedAt)
                .version(m.version);
    }

    public static ProgressUpdateService.Draft toDraft(ProgressUpdateInput in) {
        return new ProgressUpdateService.Draft(in.getNarrative(), in.getEvidenceUrl(), in.getReportDate());
    }

    public static ProgressUpdate toDto(ProgressUpdateService.View v) {
        ProgressUpdateEntity u = v.update();
        return new ProgressUpdate()
                .id(u.id)
                .actionId(u.actionId)
                .country(v.country().trim())
                .institutionId(u.institutionId)
                .narrative(u.narrative)
                .evidenceUrl(u.evidenceUrl)
                .reportDate(u.reportDate)
                .status(ProgressUpdateStatus.fromValue(u.status.name()))
                .returnReason(u.returnReason)
                .author(u.author)
                .submittedAt(u.submittedAt)
                .reviewedBy(u.reviewedBy)
                .reviewedAt(u.reviewedAt)
                .createdAt(u.createdAt)
                .updatedAt(u.updatedAt)
                .version(u.version);
    }

    public static ActionRepository.Due toDomain(DueState due) {
        return due == null ? null : ActionRepository.Due.valueOf(due.name());
    }

    private static List<UUID> sorted(java.util.Collection<UUID> ids) {
        return new ArrayList<>(ids.stream().sorted().toList());
    }
}
