package org.opennrtd.reporting.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opennrtd.common.problem.ProblemException;
import org.opennrtd.reporting.client.IndicatorsServiceClient;
import org.opennrtd.reporting.client.RecommendationsServiceClient;
import org.opennrtd.reporting.client.UpstreamGuard;
import org.opennrtd.reporting.client.recommendations.model.Mechanism;
import org.opennrtd.reporting.client.recommendations.model.Recommendation;
import org.opennrtd.reporting.client.recommendations.model.RecommendationPage;
import org.opennrtd.reporting.client.indicators.model.SdgGoal;

/**
 * Reads, through the guarded clients, everything one report needs and returns it as {@link ReportData}. A failing
 * service propagates as the clients' exceptions (the job turns them into a 503 problem): a report is made from
 * complete data or not at all.
 */
@ApplicationScoped
public class ReportDataCollector {

    @Inject
    RecommendationsServiceClient recommendations;

    @Inject
    IndicatorsServiceClient indicators;

    @Inject
    ImplementationTracking implementation;

    @Inject
    UpstreamGuard guard;

    @ConfigProperty(name = "opennrtd.reporting.max-recommendations", defaultValue = "20000")
    int maxRecommendations;

    public ReportData collect(ReportParameters p, ProgressListener progress) {
        OffsetDateTime snapshotAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        RecommendationsServiceClient.Selection selection = new RecommendationsServiceClient.Selection(p.country(),
                mechanism(p.type()), p.body(), p.type() == ReportType.UPR_MID_TERM ? p.uprCycle() : null,
                p.periodFrom(), p.periodTo());

        List<ReportData.RecommendationItem> items = new ArrayList<>();
        int offset = 0;
        long total;
        boolean more;
        do {
            int from = offset;
            RecommendationPage page = guard.fetch(RecommendationsServiceClient.SERVICE,
                    () -> recommendations.page(selection, from));
            total = page.getPage().getTotal();
            if (total > maxRecommendations) {
                throw ProblemException.unprocessable("The selection has " + total + " recommendations; a report"
                        + " holds at most " + maxRecommendations + ". Narrow it by cycle, body or period.", List.of());
            }
            for (Recommendation r : page.getItems()) {
                items.add(item(r));
            }
            offset += RecommendationsServiceClient.PAGE_SIZE;
            progress.progress("COLLECTING", total == 0 ? 50 : (int) Math.min(50, 5 + 45L * items.size() / total));
            more = offset < total && !page.getItems().isEmpty();
        } while (more);

        Map<Integer, String> goalTitles = new HashMap<>();
        IndicatorsServiceClient.SdgFramework framework = guard.fetch(IndicatorsServiceClient.SERVICE,
                () -> indicators.framework(p.language()));
        for (SdgGoal goal : framework.goals().getItems()) {
            goalTitles.put(goal.getCode(), goal.getTitle());
        }

        List<UUID> ids = items.stream().map(ReportData.RecommendationItem::id).toList();
        Map<UUID, ReportData.Implementation> tracking = implementation.implementationOf(p.country(), ids);
        if (!tracking.isEmpty()) {
            items.replaceAll(i -> tracking.containsKey(i.id()) ? i.withImplementation(tracking.get(i.id())) : i);
        }
        List<String> sources = new ArrayList<>(List.of(RecommendationsServiceClient.SERVICE,
                IndicatorsServiceClient.SERVICE));
        implementation.sources().stream().filter(s -> !sources.contains(s)).forEach(sources::add);
        progress.progress("COLLECTING", 55);
        return new ReportData(p.country(), snapshotAt, items, goalTitles, implementation.clustersOf(p.country()),
                sources);
    }

    private static Mechanism mechanism(ReportType type) {
        return switch (type) {
            case UPR_MID_TERM -> Mechanism.UPR;
            case TREATY_BODY_FOLLOW_UP -> Mechanism.TREATY_BODY;
            case SDG_VNR_ANNEX, ACTION_PLAN_PROGRESS -> null;
        };
    }

    private static ReportData.RecommendationItem item(Recommendation r) {
        return new ReportData.RecommendationItem(r.getId(), r.getText(),
                r.getMechanism() == null ? null : r.getMechanism().toString(), r.getBody(), r.getDocumentSymbol(),
                r.getParagraph(), r.getUprCycle(), r.getPublicationDate(),
                r.getPosition() == null ? null : r.getPosition().toString(), r.getRecommendingStates(), r.getThemes(),
                r.getAffectedPersons(), r.getSdgGoals(), r.getSdgTargets(), null);
    }
}
