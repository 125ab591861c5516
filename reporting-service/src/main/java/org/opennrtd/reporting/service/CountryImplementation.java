package org.opennrtd.reporting.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opennrtd.reporting.client.IndicatorsServiceClient;
import org.opennrtd.reporting.client.RecommendationsServiceClient;
import org.opennrtd.reporting.client.UpstreamGuard;
import org.opennrtd.reporting.client.indicators.model.IndicatorProgress;
import org.opennrtd.reporting.client.indicators.model.IndicatorProgressPage;
import org.opennrtd.reporting.client.indicators.model.NationalIndicator;
import org.opennrtd.reporting.client.indicators.model.Progress;
import org.opennrtd.reporting.client.recommendations.model.Action;
import org.opennrtd.reporting.client.recommendations.model.DueState;
import org.opennrtd.reporting.client.recommendations.model.Milestone;
import org.opennrtd.reporting.client.recommendations.model.Recommendation;
import org.opennrtd.reporting.client.recommendations.model.RecommendationFollowUp;

/**
 * Counts where the implementation of a country's recommendations stands, from bulk reads (pages of 100) through
 * the guarded clients: the recommendations (for their themes) and their follow-ups, the overdue milestones, the
 * actions (for indicator links and late progress updates) and the national indicators with the progress of each
 * (read in bulk, 100 indicators per call).
 * Any failing read fails the whole count (the 503 of the country status), never a half-counted answer.
 */
@ApplicationScoped
public class CountryImplementation {

    @Inject
    RecommendationsServiceClient recommendations;

    @Inject
    IndicatorsServiceClient indicators;

    @Inject
    UpstreamGuard guard;

    /** An observation is recent when its period ends within this many years before today. */
    @ConfigProperty(name = "opennrtd.reporting.recent-observation-years", defaultValue = "2")
    int recentYears;

    public CountryStatusReport.Implementation count(String country) {
        String rec = RecommendationsServiceClient.SERVICE;
        String ind = IndicatorsServiceClient.SERVICE;
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate recentSince = today.minusYears(recentYears);
        List<OffsetDateTime> updates = new ArrayList<>();

        RecommendationsServiceClient.Selection all = new RecommendationsServiceClient.Selection(country, null, null,
                null, null, null);
        List<Recommendation> recs = guard.all(rec, offset -> recommendations.page(all, offset), p -> p.getItems(),
                p -> p.getPage().getTotal());
        recs.forEach(r -> updates.add(r.getUpdatedAt()));
        Map<UUID, String> statuses = new HashMap<>();
        for (RecommendationFollowUp f : guard.all(rec, offset -> recommendations.followUps(country, offset),
                p -> p.getItems(), p -> p.getPage().getTotal())) {
            statuses.put(f.getRecommendationId(), String.valueOf(f.getImplementationStatus()));
            updates.add(f.getUpdatedAt());
        }

        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Map<String, Long>> byTheme = new TreeMap<>();
        for (Recommendation r : recs) {
            String status = statuses.get(r.getId());
            if (status == null) {
                continue;
            }
            byStatus.merge(status, 1L, Long::sum);
            if (r.getThemes() != null) {
                r.getThemes().stream().distinct().forEach(t -> byTheme.computeIfAbsent(t, k -> new TreeMap<>())
                        .merge(status, 1L, Long::sum));
            }
        }
        List<CountryStatusReport.ThemeStatus> themeStatus = new ArrayList<>();
        byTheme.forEach((theme, counts) -> counts.forEach((status, n) ->
                themeStatus.add(new CountryStatusReport.ThemeStatus(theme, status, n))));

        List<Milestone> overdueMilestones = guard.all(rec,
                offset -> recommendations.milestones(country, DueState.OVERDUE, offset), p -> p.getItems(),
                p -> p.getPage().getTotal());
        List<Action> actions = guard.all(rec, offset -> recommendations.actions(country, offset),
                p -> p.getItems(), p -> p.getPage().getTotal());
        // Late as the recommendations service's updateDue=OVERDUE filter has it: next update due before today (UTC).
        List<Action> lateActions = actions.stream().filter(a -> a.getNextUpdateDueDate() != null
                && a.getNextUpdateDueDate().isBefore(today)).toList();
        actions.forEach(a -> updates.add(a.getUpdatedAt()));
        overdueMilestones.forEach(m -> updates.add(m.getUpdatedAt()));

        List<NationalIndicator> national = guard.all(ind, offset -> indicators.nationalIndicators(country, offset),
                p -> p.getItems(), p -> p.getPage().getTotal());
        // The progress of every national indicator of the country, 100 per call.
        Map<UUID, Progress> progressOf = new HashMap<>();
        for (IndicatorProgress p : guard.all(ind, offset -> indicators.progress(country, List.of(), offset),
                IndicatorProgressPage::getItems, p -> p.getPage().getTotal())) {
            progressOf.put(p.getIndicatorId(), p.getProgress());
        }
        Set<UUID> withIndicator = new HashSet<>();
        Set<UUID> withRecent = new HashSet<>();
        long withData = 0;
        for (NationalIndicator i : national) {
            updates.add(i.getUpdatedAt());
            Set<UUID> linked = linkedRecommendations(i, actions);
            Progress progress = progressOf.get(i.getId());
            boolean hasData = progress != null && progress.getLatest() != null;
            boolean recent = hasData && progress.getLatest().getPeriodEnd() != null
                    && !progress.getLatest().getPeriodEnd().isBefore(recentSince);
            if (hasData) {
                withData++;
            }
            withIndicator.addAll(linked);
            if (recent) {
                withRecent.addAll(linked);
            }
        }
        Set<UUID> known = new HashSet<>();
        recs.forEach(r -> known.add(r.getId()));
        withIndicator.retainAll(known);
        withRecent.retainAll(known);

        return new CountryStatusReport.Implementation(
                byStatus.entrySet().stream().map(e -> new CountryStatusReport.Count(e.getKey(), e.getValue())).toList(),
                themeStatus,
                new CountryStatusReport.Overdue(overdueMilestones.size(), overdueMilestones.stream()
                        .map(Milestone::getDueDate).filter(Objects::nonNull).min(Comparator.naturalOrder())
                        .orElse(null)),
                new CountryStatusReport.Overdue(lateActions.size(), lateActions.stream()
                        .map(Action::getNextUpdateDueDate).filter(Objects::nonNull).min(Comparator.naturalOrder())
                        .orElse(null)),
                new CountryStatusReport.Coverage(withIndicator.size(), withRecent.size(), national.size(), withData,
                        recentSince),
                updates.stream().filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null));
    }

    /** The recommendations an indicator is linked to: directly, or through an action it measures or names it. */
    static Set<UUID> linkedRecommendations(NationalIndicator i, List<Action> actions) {
        Set<UUID> result = new HashSet<>(i.getRecommendationIds() == null ? List.of() : i.getRecommendationIds());
        Set<UUID> viaActions = new HashSet<>(i.getActionIds() == null ? List.of() : i.getActionIds());
        for (Action a : actions) {
            boolean names = a.getIndicatorIds() != null && a.getIndicatorIds().contains(i.getId());
            if ((viaActions.contains(a.getId()) || names) && a.getRecommendationIds() != null) {
                result.addAll(a.getRecommendationIds());
            }
        }
        return result;
    }
}
