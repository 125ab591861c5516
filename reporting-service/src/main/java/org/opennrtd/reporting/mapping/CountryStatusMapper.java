package org.opennrtd.reporting.mapping;

import java.util.List;
import org.opennrtd.reporting.api.model.CountBucket;
import org.opennrtd.reporting.api.model.CountryStatus;
import org.opennrtd.reporting.api.model.ImplementationCounts;
import org.opennrtd.reporting.api.model.IndicatorCoverage;
import org.opennrtd.reporting.api.model.OverdueCount;
import org.opennrtd.reporting.api.model.OverdueCounts;
import org.opennrtd.reporting.api.model.RecommendationCounts;
import org.opennrtd.reporting.api.model.SdgFrameworkCounts;
import org.opennrtd.reporting.api.model.SdgGoalCount;
import org.opennrtd.reporting.api.model.SourceStatus;
import org.opennrtd.reporting.api.model.ThemeStatusCount;
import org.opennrtd.reporting.service.CountryStatusReport;
import org.opennrtd.reporting.service.CountryStatusView;

/** The contract's CountryStatus from the service's report. */
public final class CountryStatusMapper {

    private CountryStatusMapper() {
    }

    /** A fresh status, or a stored snapshot marked stale with its age. */
    public static CountryStatus toDto(CountryStatusView view) {
        CountryStatus dto = toDto(view.report())
                .stale(view.stale())
                .dataAgeSeconds(view.ageSeconds())
                .snapshotAt(view.snapshotAt());
        if (view.stale()) {
            dto.getSources().forEach(s -> s.setStatus(SourceStatus.StatusEnum.STALE));
        }
        return dto;
    }

    public static CountryStatus toDto(CountryStatusReport report) {
        return new CountryStatus()
                .country(report.country())
                .generatedAt(report.generatedAt())
                .language(report.language())
                .recommendations(new RecommendationCounts()
                        .total(report.total())
                        .byPosition(buckets(report.byPosition()))
                        .byMechanism(buckets(report.byMechanism()))
                        .byBody(buckets(report.byBody()))
                        .bySdgGoal(report.bySdgGoal().stream()
                                .map(g -> new SdgGoalCount().goal(g.goal()).title(g.title()).count(g.count()))
                                .toList())
                        .lastUpdatedAt(report.lastUpdatedAt()))
                .sdgFramework(new SdgFrameworkCounts()
                        .goals(report.goals())
                        .targets(report.targets())
                        .indicators(report.indicators()))
                .implementation(implementation(report.implementation()))
                .sources(report.sources().stream()
                        .map(s -> new SourceStatus().service(s).status(SourceStatus.StatusEnum.OK))
                        .toList());
    }

    private static ImplementationCounts implementation(CountryStatusReport.Implementation i) {
        if (i == null) {
            return null;
        }
        return new ImplementationCounts()
                .byStatus(buckets(i.byStatus()))
                .byThemeAndStatus(i.byThemeAndStatus().stream()
                        .map(t -> new ThemeStatusCount().theme(t.theme()).status(t.status()).count(t.count())).toList())
                .overdue(new OverdueCounts().milestones(overdue(i.overdueMilestones()))
                        .progressUpdates(overdue(i.overdueProgressUpdates())))
                .indicatorCoverage(new IndicatorCoverage()
                        .recommendationsWithIndicator(i.coverage().recommendationsWithIndicator())
                        .recommendationsWithRecentObservation(i.coverage().recommendationsWithRecentObservation())
                        .indicators(i.coverage().indicators())
                        .indicatorsWithData(i.coverage().indicatorsWithData())
                        .recentSince(i.coverage().recentSince()))
                .lastUpdatedAt(i.lastUpdatedAt());
    }

    private static OverdueCount overdue(CountryStatusReport.Overdue o) {
        return new OverdueCount().count(o.count()).oldestDueDate(o.oldestDueDate());
    }

    private static List<CountBucket> buckets(List<CountryStatusReport.Count> counts) {
        return counts.stream().map(c -> new CountBucket().key(c.key()).count(c.count())).toList();
    }
}
