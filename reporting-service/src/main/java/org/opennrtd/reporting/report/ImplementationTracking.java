package org.opennrtd.reporting.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.opennrtd.reporting.client.IndicatorsServiceClient;
import org.opennrtd.reporting.client.RecommendationsServiceClient;
import org.opennrtd.reporting.client.UpstreamGuard;
import org.opennrtd.reporting.client.indicators.model.IndicatorProgress;
import org.opennrtd.reporting.client.indicators.model.IndicatorProgressPage;
import org.opennrtd.reporting.client.indicators.model.NationalIndicator;
import org.opennrtd.reporting.client.indicators.model.Observation;
import org.opennrtd.reporting.client.indicators.model.Progress;
import org.opennrtd.reporting.client.recommendations.model.Action;
import org.opennrtd.reporting.client.recommendations.model.Cluster;
import org.opennrtd.reporting.client.recommendations.model.DueState;
import org.opennrtd.reporting.client.recommendations.model.Institution;
import org.opennrtd.reporting.client.recommendations.model.Milestone;
import org.opennrtd.reporting.client.recommendations.model.ProgressUpdate;
import org.opennrtd.reporting.client.recommendations.model.ProgressUpdateStatus;
import org.opennrtd.reporting.client.recommendations.model.RecommendationFollowUp;

/**
 * The one place where implementation data enters reports: implementation status, plan actions (institutions,
 * budgets, milestones) and validated progress narratives from the recommendations service, clusters of
 * recommendations, and national indicator values and progress from the indicators service.
 *
 * <p>Everything is read in bulk for the country, page by page (at most 100 per call), through the guarded clients:
 * follow-ups, actions, milestones, validated progress updates, institutions and national indicators, then the
 * progress and latest values of only those indicators linked to a reported recommendation (directly or through one
 * of its actions), together, in one bulk read per 100 of them. The number of calls grows with the country's plan
 * and indicators divided by the page size, never with one call per recommendation or per indicator. A failing
 * service propagates as the guard's 503 problem, so a report is made from complete data or not at all.
 */
@ApplicationScoped
public class ImplementationTracking {

    /** Action states derived from dates and milestones (the contract's actions carry none of their own). */
    static final String ACTION_NOT_STARTED = "NOT_STARTED";
    static final String ACTION_IN_PROGRESS = "IN_PROGRESS";
    static final String ACTION_DELAYED = "DELAYED";
    static final String ACTION_COMPLETED = "COMPLETED";
    /** The status of a planned milestone past its due date. */
    static final String MILESTONE_OVERDUE = "OVERDUE";

    /** Progress updates by report date, then by when they were validated: the last is the latest. */
    static final Comparator<ProgressUpdate> REPORTED_ORDER = Comparator.comparing(ProgressUpdate::getReportDate,
                    Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(ProgressUpdate::getReviewedAt, Comparator.nullsFirst(Comparator.naturalOrder()));

    @Inject
    RecommendationsServiceClient recommendations;

    @Inject
    IndicatorsServiceClient indicators;

    @Inject
    UpstreamGuard guard;

    /**
     * @return implementation data per recommendation id; every recommendation the recommendations service knows has
     *     a status, so only unknown ids are left out
     */
    public Map<UUID, ReportData.Implementation> implementationOf(String country, List<UUID> recommendationIds) {
        if (recommendationIds.isEmpty()) {
            return Map.of();
        }
        Set<UUID> wanted = new HashSet<>(recommendationIds);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        Map<UUID, String> statuses = new HashMap<>();
        for (RecommendationFollowUp f : guard.all(RecommendationsServiceClient.SERVICE,
                offset -> recommendations.followUps(country, offset), p -> p.getItems(), p -> p.getPage().getTotal())) {
            if (wanted.contains(f.getRecommendationId()) && f.getImplementationStatus() != null) {
                statuses.put(f.getRecommendationId(), f.getImplementationStatus().toString());
            }
        }
        Map<UUID, String> institutionNames = new HashMap<>();
        guard.all(RecommendationsServiceClient.SERVICE, offset -> recommendations.institutions(country, offset),
                p -> p.getItems(), p -> p.getPage().getTotal())
                .forEach((Institution i) -> institutionNames.put(i.getId(), i.getName()));
        List<Action> actions = guard.all(RecommendationsServiceClient.SERVICE,
                offset -> recommendations.actions(country, offset), p -> p.getItems(), p -> p.getPage().getTotal())
                .stream().filter(a -> a.getRecommendationIds() != null
                        && a.getRecommendationIds().stream().anyMatch(wanted::contains)).toList();
        Set<UUID> actionIds = new HashSet<>();
        actions.forEach(a -> actionIds.add(a.getId()));

        Map<UUID, List<Milestone>> milestonesByAction = new HashMap<>();
        Map<UUID, ProgressUpdate> latestValidated = new HashMap<>();
        if (!actionIds.isEmpty()) {
            for (Milestone m : guard.all(RecommendationsServiceClient.SERVICE,
                    offset -> recommendations.milestones(country, null, offset), p -> p.getItems(),
                    p -> p.getPage().getTotal())) {
                if (actionIds.contains(m.getActionId())) {
                    milestonesByAction.computeIfAbsent(m.getActionId(), k -> new ArrayList<>()).add(m);
                }
            }
            for (ProgressUpdate u : guard.all(RecommendationsServiceClient.SERVICE,
                    offset -> recommendations.progressUpdates(country, ProgressUpdateStatus.VALIDATED, offset),
                    p -> p.getItems(), p -> p.getPage().getTotal())) {
                if (actionIds.contains(u.getActionId())) {
                    latestValidated.merge(u.getActionId(), u, (a, b) -> REPORTED_ORDER.compare(a, b) >= 0 ? a : b);
                }
            }
        }

        Map<UUID, List<Action>> actionsByRecommendation = new HashMap<>();
        for (Action a : actions) {
            a.getRecommendationIds().stream().filter(wanted::contains).distinct()
                    .forEach(r -> actionsByRecommendation.computeIfAbsent(r, k -> new ArrayList<>()).add(a));
        }
        Map<UUID, List<NationalIndicator>> indicatorsByRecommendation = linkedIndicators(country, wanted, actions);
        Map<UUID, ReportData.IndicatorValue> values = indicatorValues(country, indicatorsByRecommendation.values());

        Map<UUID, ReportData.Implementation> result = new LinkedHashMap<>();
        for (UUID id : recommendationIds) {
            List<Action> own = actionsByRecommendation.getOrDefault(id, List.of());
            List<ReportData.ProgressNarrative> narrative = own.stream().map(a -> latestValidated.get(a.getId()))
                    .filter(Objects::nonNull).max(REPORTED_ORDER)
                    .map(u -> List.of(new ReportData.ProgressNarrative(u.getNarrative(), u.getReviewedAt(),
                            u.getReviewedBy())))
                    .orElse(List.of());
            List<ReportData.IndicatorValue> linked = indicatorsByRecommendation.getOrDefault(id, List.of()).stream()
                    .map(i -> values.get(i.getId())).toList();
            String status = statuses.get(id);
            if (status == null && own.isEmpty() && linked.isEmpty()) {
                continue;
            }
            result.put(id, new ReportData.Implementation(status,
                    own.stream().map(a -> action(a, institutionNames,
                            milestonesByAction.getOrDefault(a.getId(), List.of()), today)).toList(),
                    narrative, linked));
        }
        return result;
    }

    /** @return the country's clusters of recommendations, empty when none are known */
    public List<ReportData.Cluster> clustersOf(String country) {
        return guard.all(RecommendationsServiceClient.SERVICE, offset -> recommendations.clusters(country, offset),
                p -> p.getItems(), p -> p.getPage().getTotal()).stream()
                .map((Cluster c) -> new ReportData.Cluster(String.valueOf(c.getId()), c.getName(),
                        c.getRecommendationIds()))
                .toList();
    }

    /** @return the names of the services this class read, for the report's list of sources */
    public List<String> sources() {
        return List.of(RecommendationsServiceClient.SERVICE, IndicatorsServiceClient.SERVICE);
    }

    // --- indicators -------------------------------------------------------------------------------------------

    /** Indicators per recommendation: linked to it, to one of its actions, or named by one of its actions. */
    private Map<UUID, List<NationalIndicator>> linkedIndicators(String country, Set<UUID> wanted,
                                                                List<Action> actions) {
        List<NationalIndicator> all = guard.all(IndicatorsServiceClient.SERVICE,
                offset -> indicators.nationalIndicators(country, offset), p -> p.getItems(),
                p -> p.getPage().getTotal());
        Map<UUID, List<NationalIndicator>> result = new HashMap<>();
        Map<UUID, NationalIndicator> byId = new HashMap<>();
        all.forEach(i -> byId.put(i.getId(), i));
        for (NationalIndicator i : all) {
            Set<UUID> recs = new LinkedHashSet<>(nonNull(i.getRecommendationIds()));
            Set<UUID> viaActions = new HashSet<>(nonNull(i.getActionIds()));
            for (Action a : actions) {
                if (viaActions.contains(a.getId()) || nonNull(a.getIndicatorIds()).contains(i.getId())) {
                    recs.addAll(a.getRecommendationIds());
                }
            }
            recs.stream().filter(wanted::contains).forEach(r -> {
                List<NationalIndicator> list = result.computeIfAbsent(r, k -> new ArrayList<>());
                if (!list.contains(i)) {
                    list.add(i);
                }
            });
        }
        result.values().forEach(l -> l.sort(Comparator.comparing(NationalIndicator::getCode)));
        return result;
    }

    /**
     * The value and progress of each linked indicator, read in bulk: one call per 100 indicators (in code order),
     * each answering their progress and latest values together. An indicator the indicators service no longer
     * answers for (removed since the list was read) is shown without data.
     */
    private Map<UUID, ReportData.IndicatorValue> indicatorValues(String country,
                                                                 Collection<List<NationalIndicator>> linked) {
        Map<UUID, NationalIndicator> byId = new HashMap<>();
        linked.stream().flatMap(List::stream).forEach(i -> byId.putIfAbsent(i.getId(), i));
        List<NationalIndicator> ordered = new ArrayList<>(byId.values());
        ordered.sort(Comparator.comparing(NationalIndicator::getCode, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(NationalIndicator::getId));
        List<UUID> ids = ordered.stream().map(NationalIndicator::getId).toList();
        Map<UUID, IndicatorProgress> read = new HashMap<>();
        for (int from = 0; from < ids.size(); from += IndicatorsServiceClient.PAGE_SIZE) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + IndicatorsServiceClient.PAGE_SIZE));
            Set<UUID> asked = new HashSet<>(chunk);
            for (IndicatorProgress p : guard.all(IndicatorsServiceClient.SERVICE,
                    offset -> indicators.progress(country, chunk, offset), IndicatorProgressPage::getItems,
                    p -> p.getPage().getTotal())) {
                if (asked.contains(p.getIndicatorId())) {
                    read.put(p.getIndicatorId(), p);
                }
            }
        }
        Map<UUID, ReportData.IndicatorValue> values = new HashMap<>();
        for (NationalIndicator i : ordered) {
            IndicatorProgress p = read.get(i.getId());
            values.put(i.getId(), value(i, p == null || p.getProgress() == null ? new Progress() : p.getProgress(),
                    p == null ? List.of() : nonNull(p.getLatestValues())));
        }
        return values;
    }

    static ReportData.IndicatorValue value(NationalIndicator i, Progress progress, List<Observation> latest) {
        Double baseline = progress.getBaseline() != null ? progress.getBaseline().getValue()
                : i.getBaseline() == null ? null : i.getBaseline().getValue();
        Double target = progress.getTarget() != null ? progress.getTarget().getValue()
                : i.getTarget() == null ? null : i.getTarget().getValue();
        Observation total = progress.getLatest() != null ? progress.getLatest()
                : latest.stream().filter(o -> isTotal(o.getDimensions())).findFirst().orElse(null);
        boolean increase = progress.getDesiredDirection() != null
                ? progress.getDesiredDirection() == Progress.DesiredDirectionEnum.INCREASE
                : baseline == null || target == null || target >= baseline;
        List<String> behind = new ArrayList<>();
        if (total != null) {
            for (Observation o : latest) {
                if (isTotal(o.getDimensions()) || o.getValue() == null) {
                    continue;
                }
                boolean lags = increase ? o.getValue() < total.getValue() : o.getValue() > total.getValue();
                if (lags) {
                    behind.add(groupLabel(o.getDimensions()));
                }
            }
        }
        return new ReportData.IndicatorValue(i.getCode(), i.getName(), i.getUnit(), baseline, target,
                total == null ? null : total.getValue(), total == null ? null : total.getPeriod(), goalOf(i), behind);
    }

    static boolean isTotal(Map<String, String> dimensions) {
        return dimensions == null || dimensions.values().stream().allMatch(v -> v == null || v.equals("_T"));
    }

    static String groupLabel(Map<String, String> dimensions) {
        Map<String, String> sorted = new TreeMap<>(dimensions);
        sorted.values().removeIf(v -> v == null || v.equals("_T"));
        return String.join(", ", sorted.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    /** The SDG goal of the first linked SDG indicator or target ({@code 5.2.1} and {@code 5.2} are goal 5). */
    static Integer goalOf(NationalIndicator i) {
        List<String> codes = new ArrayList<>(nonNull(i.getSdgIndicators()));
        codes.addAll(nonNull(i.getSdgTargets()));
        for (String code : codes) {
            int dot = code.indexOf('.');
            try {
                return Integer.valueOf(dot < 0 ? code : code.substring(0, dot));
            } catch (NumberFormatException e) {
                // not an SDG code; try the next
            }
        }
        return null;
    }

    // --- actions ----------------------------------------------------------------------------------------------

    static ReportData.Action action(Action a, Map<UUID, String> institutionNames, List<Milestone> milestones,
                                    LocalDate today) {
        List<String> institutions = new ArrayList<>();
        if (a.getLeadInstitutionId() != null) {
            institutions.add(institutionNames.getOrDefault(a.getLeadInstitutionId(), String.valueOf(a.getLeadInstitutionId())));
        }
        nonNull(a.getSupportingInstitutionIds()).forEach(id -> institutions.add(institutionNames.getOrDefault(id,
                String.valueOf(id))));
        List<ReportData.Milestone> ms = milestones.stream()
                .sorted(Comparator.comparing(Milestone::getDueDate, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(m -> new ReportData.Milestone(m.getTitle(), m.getDueDate(), overdue(m, today)
                        ? MILESTONE_OVERDUE : m.getStatus() == null ? null : m.getStatus().toString()))
                .toList();
        return new ReportData.Action(a.getTitle(), actionStatus(a, ms, today), institutions,
                a.getBudget() == null ? null : a.getBudget().getAmount(),
                a.getBudget() == null ? null : a.getBudget().getCurrency(), a.getStartDate(), a.getEndDate(), ms);
    }

    static boolean overdue(Milestone m, LocalDate today) {
        if (m.getDue() != null) {
            return m.getDue() == DueState.OVERDUE;
        }
        return m.getStatus() != null && m.getStatus().toString().equals("PLANNED") && m.getDueDate() != null
                && m.getDueDate().isBefore(today);
    }

    /**
     * COMPLETED when every milestone is achieved or cancelled (at least one achieved), DELAYED when a milestone or
     * the next progress update is overdue, NOT_STARTED before the start date, IN_PROGRESS otherwise.
     */
    static String actionStatus(Action a, List<ReportData.Milestone> milestones, LocalDate today) {
        boolean anyAchieved = milestones.stream().anyMatch(m -> "ACHIEVED".equals(m.status()));
        boolean allClosed = milestones.stream().allMatch(m -> "ACHIEVED".equals(m.status())
                || "CANCELLED".equals(m.status()));
        if (anyAchieved && allClosed) {
            return ACTION_COMPLETED;
        }
        if (milestones.stream().anyMatch(m -> MILESTONE_OVERDUE.equals(m.status()))
                || (a.getNextUpdateDueDate() != null && a.getNextUpdateDueDate().isBefore(today))) {
            return ACTION_DELAYED;
        }
        if (a.getStartDate() != null && a.getStartDate().isAfter(today)) {
            return ACTION_NOT_STARTED;
        }
        return ACTION_IN_PROGRESS;
    }

    private static <T> List<T> nonNull(Collection<T> list) {
        return list == null ? List.of() : new ArrayList<>(list);
    }
}
