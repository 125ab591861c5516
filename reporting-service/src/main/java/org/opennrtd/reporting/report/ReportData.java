package org.opennrtd.reporting.report;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything a report shows, read from the other services at one moment ({@link #snapshotAt}). It is the only
 * model the renderers know: whatever an upstream contract looks like, {@link ReportDataCollector} translates it
 * into this.
 *
 * <p>Recommendations (position, themes, body, cycle, SDG goals) and the SDG goal titles come from the listing
 * operations. Implementation data (status, actions with institutions, budgets and milestones, validated progress
 * narratives, clusters, indicator values) is filled by {@link ImplementationTracking}; where a recommendation has
 * none those fields are empty (null status, empty lists) and the renderers leave them out or say "not reported".
 */
public record ReportData(
        String country,
        OffsetDateTime snapshotAt,
        List<RecommendationItem> recommendations,
        Map<Integer, String> sdgGoalTitles,
        List<Cluster> clusters,
        List<String> sources) {

    public ReportData {
        recommendations = List.copyOf(recommendations);
        sdgGoalTitles = Map.copyOf(sdgGoalTitles);
        clusters = List.copyOf(clusters);
        sources = List.copyOf(sources);
    }

    /** One recommendation with what the State did about it. */
    public record RecommendationItem(
            UUID id,
            String text,
            String mechanism,
            String body,
            String documentSymbol,
            String paragraph,
            Integer uprCycle,
            LocalDate publicationDate,
            String position,
            List<String> recommendingStates,
            List<String> themes,
            List<String> affectedPersons,
            List<Integer> sdgGoals,
            List<String> sdgTargets,
            Implementation implementation) {

        public RecommendationItem {
            recommendingStates = nonNull(recommendingStates);
            themes = nonNull(themes);
            affectedPersons = nonNull(affectedPersons);
            sdgGoals = nonNull(sdgGoals);
            sdgTargets = nonNull(sdgTargets);
            implementation = implementation == null ? Implementation.NONE : implementation;
        }

        public RecommendationItem withImplementation(Implementation value) {
            return new RecommendationItem(id, text, mechanism, body, documentSymbol, paragraph, uprCycle,
                    publicationDate, position, recommendingStates, themes, affectedPersons, sdgGoals, sdgTargets,
                    value);
        }
    }

    /**
     * Implementation tracking of one recommendation: its status (for example {@code NOT_STARTED}, {@code
     * IN_PROGRESS}, {@code IMPLEMENTED}), the actions of the national plan, the validated progress narratives and
     * the indicators linked to it.
     */
    public record Implementation(
            String status,
            List<Action> actions,
            List<ProgressNarrative> progress,
            List<IndicatorValue> indicators) {

        public static final Implementation NONE = new Implementation(null, List.of(), List.of(), List.of());

        public Implementation {
            actions = nonNull(actions);
            progress = nonNull(progress);
            indicators = nonNull(indicators);
        }

        /** The institutions responsible for any of the actions, in order of first mention. */
        public List<String> institutions() {
            return actions.stream().flatMap(a -> a.institutions().stream()).distinct().toList();
        }
    }

    /**
     * An action of the national plan; {@code institutions} lists the lead institution first, then the supporting
     * ones, and a planned milestone past its due date has the status {@code OVERDUE}.
     */
    public record Action(String title, String status, List<String> institutions, BigDecimal budget, String currency,
                         LocalDate startDate, LocalDate endDate, List<Milestone> milestones) {
        public Action {
            institutions = nonNull(institutions);
            milestones = nonNull(milestones);
        }
    }

    public record Milestone(String title, LocalDate dueDate, String status) {
    }

    /** A progress narrative that was validated (only validated ones are reported). */
    public record ProgressNarrative(String text, OffsetDateTime validatedAt, String validatedBy) {
    }

    /** A national indicator's values and how far it is toward its target. */
    public record IndicatorValue(String code, String name, String unit, Double baseline, Double target,
                                 Double latest, String latestPeriod, Integer sdgGoal,
                                 List<String> groupsLeftBehind) {
        public IndicatorValue {
            groupsLeftBehind = nonNull(groupsLeftBehind);
        }

        /** Share of the way from baseline to target, 0 to 100; null when it cannot be told. */
        public Double progressPercent() {
            if (baseline == null || target == null || latest == null || target.equals(baseline)) {
                return null;
            }
            double p = (latest - baseline) / (target - baseline) * 100.0;
            return Math.max(0.0, Math.min(100.0, p));
        }
    }

    /** A group of recommendations a State reports on together. */
    public record Cluster(String id, String label, List<UUID> recommendationIds) {
        public Cluster {
            recommendationIds = nonNull(recommendationIds);
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }
}
