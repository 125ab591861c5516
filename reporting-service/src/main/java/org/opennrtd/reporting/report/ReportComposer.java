package org.opennrtd.reporting.report;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.NumberFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opennrtd.reporting.report.ReportData.Action;
import org.opennrtd.reporting.report.ReportData.IndicatorValue;
import org.opennrtd.reporting.report.ReportData.RecommendationItem;
import org.opennrtd.reporting.report.ReportDocument.Chart;
import org.opennrtd.reporting.report.ReportDocument.Count;
import org.opennrtd.reporting.report.ReportDocument.Entry;
import org.opennrtd.reporting.report.ReportDocument.Field;
import org.opennrtd.reporting.report.ReportDocument.Section;
import org.opennrtd.reporting.report.ReportDocument.Table;

/**
 * Lays out each report type from {@link ReportData}: the UPR mid-term report per cluster (or theme), the SDG
 * annex per goal, the treaty-body follow-up per body and document, the action-plan progress per action. Labels
 * come from {@link Labels}; every number shown is also recorded in {@link ReportDocument#counts()}.
 */
@ApplicationScoped
public class ReportComposer {

    static final List<String> POSITIONS = List.of("SUPPORTED", "SUPPORTED_IN_PART", "NOTED", "PENDING");
    /** Charts show at most this many categories (the largest); the tables show all. */
    static final int CHART_CATEGORIES = 15;

    @Inject
    ChartRenderer charts;

    public ReportDocument compose(ReportParameters p, ReportData data) {
        Labels l = Labels.of(p.language());
        Composition c = new Composition(p, data, l);
        switch (p.type()) {
            case UPR_MID_TERM -> c.uprMidTerm();
            case SDG_VNR_ANNEX -> c.sdgAnnex();
            case TREATY_BODY_FOLLOW_UP -> c.treatyBodyFollowUp();
            case ACTION_PLAN_PROGRESS -> c.actionPlanProgress();
        }
        return c.document();
    }

    private final class Composition {
        final ReportParameters p;
        final ReportData data;
        final Labels l;
        final List<Field> cover = new ArrayList<>();
        final List<Table> tables = new ArrayList<>();
        final List<Chart> chartList = new ArrayList<>();
        final List<Section> sections = new ArrayList<>();
        final List<Count> counts = new ArrayList<>();
        List<RecommendationItem> covered;
        String emptyNote;

        Composition(ReportParameters p, ReportData data, Labels l) {
            this.p = p;
            this.data = data;
            this.l = l;
            this.covered = data.recommendations();
        }

        ReportDocument document() {
            cover.add(0, new Field(l.get("cover.country"), p.country()));
            if (p.type() == ReportType.UPR_MID_TERM) {
                cover.add(new Field(l.get("cover.cycle"),
                        p.uprCycle() == null ? l.get("cover.allCycles") : String.valueOf(p.uprCycle())));
            }
            if (p.type() == ReportType.TREATY_BODY_FOLLOW_UP) {
                cover.add(new Field(l.get("cover.body"), p.body() == null ? l.get("cover.allBodies") : p.body()));
            }
            if (p.periodFrom() != null || p.periodTo() != null) {
                cover.add(new Field(l.get("cover.period"), (p.periodFrom() == null ? "…" : date(p.periodFrom()))
                        + " – " + (p.periodTo() == null ? "…" : date(p.periodTo()))));
            }
            cover.add(new Field(l.get("cover.recommendations"), number(covered.size())));
            cover.add(new Field(l.get("cover.snapshot"), DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                    .withLocale(l.locale()).format(data.snapshotAt().atZoneSameInstant(ZoneOffset.UTC)
                            .toLocalDateTime()) + " UTC"));
            cover.add(new Field(l.get("cover.sources"), String.join(", ", data.sources())));
            if (covered.isEmpty() && emptyNote == null) {
                emptyNote = l.get("empty.recommendations");
            }
            recordCounts();
            return new ReportDocument(p.language(), l.get("report." + p.type().name()), p.country(), cover,
                    l.get("summary"), tables, chartList, l.get("contents"), sections, emptyNote, counts);
        }

        // --- report types ----------------------------------------------------------------------------------

        void uprMidTerm() {
            positionSummary();
            statusSummary();
            Map<String, List<RecommendationItem>> groups = data.clusters().isEmpty() ? byTheme() : byCluster();
            Map<String, Map<String, Long>> themeByKey = new LinkedHashMap<>();
            List<String> keys = hasStatus() ? statusKeys() : POSITIONS;
            Function<RecommendationItem, String> keyOf = hasStatus()
                    ? r -> r.implementation().status() : RecommendationItem::position;
            groups.forEach((theme, items) -> themeByKey.put(theme, countBy(items, keyOf)));
            List<List<String>> rows = new ArrayList<>();
            themeByKey.forEach((theme, byKey) -> {
                List<String> row = new ArrayList<>(List.of(theme, number(groups.get(theme).size())));
                keys.forEach(k -> row.add(number(byKey.getOrDefault(k, 0L))));
                rows.add(row);
            });
            List<String> headers = new ArrayList<>(List.of(l.get("col.theme"), l.get("col.total")));
            keys.forEach(k -> headers.add(label(k)));
            tables.add(new Table("by-theme", l.get("table.byTheme"), headers, rows));
            Map<String, Map<String, Number>> series = new LinkedHashMap<>();
            List<String> topThemes = themeByKey.keySet().stream()
                    .sorted(Comparator.comparingInt((String t) -> -groups.get(t).size()))
                    .limit(CHART_CATEGORIES).toList();
            for (String k : keys) {
                Map<String, Number> values = new LinkedHashMap<>();
                topThemes.forEach(t -> values.put(t, themeByKey.get(t).getOrDefault(k, 0L)));
                if (values.values().stream().anyMatch(v -> v.longValue() > 0)) {
                    series.put(label(k), values);
                }
            }
            if (!series.isEmpty()) {
                chart("chart-status-by-theme", l.get("chart.statusByTheme"), series, true);
            }
            indicatorSummary(covered);
            groups.forEach((heading, items) -> sections.add(new Section(sectionId(), heading,
                    List.of(new Field(l.get("field.count"), number(items.size()))),
                    items.stream().map(this::entry).toList(), null)));
        }

        void sdgAnnex() {
            covered = data.recommendations().stream().filter(r -> !r.sdgGoals().isEmpty()).toList();
            Map<Integer, List<RecommendationItem>> byGoal = new TreeMap<>();
            covered.forEach(r -> r.sdgGoals().forEach(g -> byGoal.computeIfAbsent(g, k -> new ArrayList<>()).add(r)));
            List<List<String>> rows = new ArrayList<>();
            Map<String, Number> chartValues = new LinkedHashMap<>();
            byGoal.forEach((goal, items) -> {
                rows.add(List.of(String.valueOf(goal), goalTitle(goal), number(items.size())));
                chartValues.put(goal + ". " + shorten(goalTitle(goal), 40), items.size());
            });
            tables.add(new Table("by-goal", l.get("table.byGoal"),
                    List.of(l.get("col.goal"), "", l.get("col.count")), rows));
            if (!chartValues.isEmpty()) {
                chart("chart-by-goal", l.get("chart.byGoal"), ChartRenderer.single(l.get("col.count"), chartValues),
                        true);
            }
            positionSummary();
            statusSummary();
            indicatorSummary(covered);
            byGoal.forEach((goal, items) -> {
                List<Field> facts = new ArrayList<>();
                facts.add(new Field(l.get("field.count"), number(items.size())));
                Set<String> groups = new LinkedHashSet<>();
                items.forEach(r -> groups.addAll(r.affectedPersons()));
                if (!groups.isEmpty()) {
                    facts.add(new Field(l.get("field.affectedPersons"), String.join(", ", groups)));
                }
                List<IndicatorValue> indicators = indicatorsOf(items).stream()
                        .filter(i -> i.sdgGoal() == null || i.sdgGoal().equals(goal)).toList();
                Set<String> leftBehind = new LinkedHashSet<>();
                indicators.forEach(i -> leftBehind.addAll(i.groupsLeftBehind()));
                facts.add(new Field(l.get("field.groupsLeftBehind"),
                        leftBehind.isEmpty() ? l.get("value.notReported") : String.join(", ", leftBehind)));
                sections.add(new Section(sectionId(), l.get("section.goal", goal, goalTitle(goal)), facts,
                        items.stream().map(this::entry).toList(), indicatorTable(indicators)));
            });
        }

        void treatyBodyFollowUp() {
            Map<String, List<RecommendationItem>> byBody = new TreeMap<>();
            covered.forEach(r -> byBody.computeIfAbsent(Objects.toString(r.body(), "—"), k -> new ArrayList<>()).add(r));
            List<String> keys = hasStatus() ? statusKeys() : POSITIONS;
            Function<RecommendationItem, String> keyOf = hasStatus()
                    ? r -> r.implementation().status() : RecommendationItem::position;
            List<List<String>> rows = new ArrayList<>();
            Map<String, Number> chartValues = new LinkedHashMap<>();
            byBody.forEach((body, items) -> {
                Map<String, Long> byKey = countBy(items, keyOf);
                List<String> row = new ArrayList<>(List.of(body, number(items.size())));
                keys.forEach(k -> row.add(number(byKey.getOrDefault(k, 0L))));
                rows.add(row);
                chartValues.put(body, items.size());
            });
            List<String> headers = new ArrayList<>(List.of(l.get("col.body"), l.get("col.total")));
            keys.forEach(k -> headers.add(label(k)));
            tables.add(new Table("by-body", l.get("table.byBody"), headers, rows));
            if (!chartValues.isEmpty()) {
                chart("chart-by-body", l.get("chart.byBody"), ChartRenderer.single(l.get("col.count"), chartValues),
                        true);
            }
            statusSummary();
            indicatorSummary(covered);
            byBody.forEach((body, items) -> {
                Map<String, Long> documents = items.stream().collect(Collectors.groupingBy(
                        r -> Objects.toString(r.documentSymbol(), "—"), TreeMap::new, Collectors.counting()));
                List<Field> facts = new ArrayList<>();
                facts.add(new Field(l.get("field.count"), number(items.size())));
                documents.forEach((doc, n) -> facts.add(new Field(l.get("section.document", doc), number(n))));
                sections.add(new Section(sectionId(), body, facts, items.stream().map(this::entry).toList(), null));
            });
        }

        void actionPlanProgress() {
            Map<String, Action> actions = new LinkedHashMap<>();
            Map<String, List<RecommendationItem>> served = new LinkedHashMap<>();
            for (RecommendationItem r : covered) {
                for (Action a : r.implementation().actions()) {
                    String key = a.title() + "|" + a.institutions();
                    actions.putIfAbsent(key, a);
                    served.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
                }
            }
            List<List<String>> rows = new ArrayList<>();
            actions.values().forEach(a -> rows.add(List.of(a.title(), statusLabel(a.status()),
                    String.join(", ", a.institutions()), budget(a), milestones(a))));
            tables.add(new Table("actions", l.get("table.actions"), List.of(l.get("col.action"), l.get("col.status"),
                    l.get("col.institutions"), l.get("col.budget"), l.get("col.milestones")), rows));
            Map<String, Long> byStatus = actions.values().stream().collect(Collectors.groupingBy(
                    a -> Objects.toString(a.status(), "—"), TreeMap::new, Collectors.counting()));
            byStatus.forEach((status, n) -> counts.add(new Count("ACTION_STATUS", status, n)));
            if (!byStatus.isEmpty()) {
                Map<String, Number> values = new LinkedHashMap<>();
                byStatus.forEach((s, n) -> values.put(statusLabel(s), n));
                chart("chart-actions-by-status", l.get("chart.actionsByStatus"),
                        ChartRenderer.single(l.get("col.count"), values), false);
            }
            statusSummary();
            indicatorSummary(covered);
            if (actions.isEmpty()) {
                emptyNote = covered.isEmpty() ? l.get("empty.recommendations") : l.get("empty.actions");
            }
            actions.forEach((key, a) -> {
                List<Field> facts = new ArrayList<>();
                facts.add(new Field(l.get("field.status"), statusLabel(a.status())));
                facts.add(new Field(l.get("field.institutions"), a.institutions().isEmpty() ? l.get("value.none")
                        : String.join(", ", a.institutions())));
                facts.add(new Field(l.get("field.budget"), budget(a)));
                if (a.startDate() != null || a.endDate() != null) {
                    facts.add(new Field(l.get("col.period"), (a.startDate() == null ? "…" : date(a.startDate()))
                            + " – " + (a.endDate() == null ? "…" : date(a.endDate()))));
                }
                a.milestones().forEach(m -> facts.add(new Field(l.get("field.milestones"), milestone(m))));
                sections.add(new Section(sectionId(), a.title(), facts,
                        served.get(key).stream().map(this::entry).toList(), null));
            });
        }

        // --- shared parts -----------------------------------------------------------------------------------

        void positionSummary() {
            Map<String, Long> byPosition = countBy(covered, RecommendationItem::position);
            List<List<String>> rows = new ArrayList<>();
            Map<String, Number> values = new LinkedHashMap<>();
            orderedKeys(byPosition.keySet(), POSITIONS).forEach(k -> {
                rows.add(List.of(label(k), number(byPosition.get(k))));
                values.put(label(k), byPosition.get(k));
            });
            tables.add(new Table("by-position", l.get("table.byPosition"),
                    List.of(l.get("col.position"), l.get("col.count")), rows));
            if (!values.isEmpty()) {
                chart("chart-by-position", l.get("chart.byPosition"), ChartRenderer.single(l.get("col.count"), values),
                        false);
            }
        }

        void statusSummary() {
            if (!hasStatus()) {
                return;
            }
            Map<String, Long> byStatus = countBy(covered, r -> r.implementation().status());
            List<List<String>> rows = new ArrayList<>();
            statusKeys().forEach(k -> rows.add(List.of(statusLabel(k), number(byStatus.getOrDefault(k, 0L)))));
            tables.add(new Table("by-status", l.get("table.byStatus"),
                    List.of(l.get("col.status"), l.get("col.count")), rows));
        }

        void indicatorSummary(List<RecommendationItem> items) {
            List<IndicatorValue> indicators = indicatorsOf(items);
            if (indicators.isEmpty()) {
                return;
            }
            tables.add(indicatorTable(indicators));
            Map<String, Number> values = new LinkedHashMap<>();
            indicators.stream().filter(i -> i.progressPercent() != null).limit(CHART_CATEGORIES)
                    .forEach(i -> values.put(shorten(i.code() + " " + i.name(), 40), Math.round(i.progressPercent())));
            if (!values.isEmpty()) {
                chart("chart-indicator-progress", l.get("chart.indicatorProgress"),
                        ChartRenderer.single(l.get("col.progress"), values), true);
            }
        }

        Table indicatorTable(List<IndicatorValue> indicators) {
            if (indicators.isEmpty()) {
                return null;
            }
            List<List<String>> rows = indicators.stream().map(i -> List.of(
                    i.code() + " " + i.name() + (i.unit() == null ? "" : " (" + i.unit() + ")"), decimal(i.baseline()),
                    decimal(i.target()), decimal(i.latest()) + (i.latestPeriod() == null ? "" : " (" + i.latestPeriod() + ")"),
                    i.progressPercent() == null ? "—" : number(Math.round(i.progressPercent())))).toList();
            return new Table("indicators", l.get("table.indicators"), List.of(l.get("col.indicator"),
                    l.get("col.baseline"), l.get("col.target"), l.get("col.latest"), l.get("col.progress")), rows);
        }

        List<IndicatorValue> indicatorsOf(List<RecommendationItem> items) {
            Map<String, IndicatorValue> byCode = new LinkedHashMap<>();
            items.forEach(r -> r.implementation().indicators().forEach(i -> byCode.putIfAbsent(i.code(), i)));
            return List.copyOf(byCode.values());
        }

        Entry entry(RecommendationItem r) {
            List<Field> fields = new ArrayList<>();
            fields.add(new Field(l.get("field.position"), label(r.position())));
            fields.add(new Field(l.get("field.status"), r.implementation().status() == null
                    ? l.get("value.notReported") : statusLabel(r.implementation().status())));
            if (!r.recommendingStates().isEmpty()) {
                fields.add(new Field(l.get("field.recommendingStates"), String.join(", ", r.recommendingStates())));
            }
            if (!r.themes().isEmpty()) {
                fields.add(new Field(l.get("field.themes"), String.join(", ", r.themes())));
            }
            if (!r.affectedPersons().isEmpty()) {
                fields.add(new Field(l.get("field.affectedPersons"), String.join(", ", r.affectedPersons())));
            }
            if (!r.sdgTargets().isEmpty() || !r.sdgGoals().isEmpty()) {
                fields.add(new Field(l.get("field.sdg"), r.sdgTargets().isEmpty()
                        ? r.sdgGoals().stream().map(String::valueOf).collect(Collectors.joining(", "))
                        : String.join(", ", r.sdgTargets())));
            }
            List<String> institutions = r.implementation().institutions();
            if (!institutions.isEmpty()) {
                fields.add(new Field(l.get("field.institutions"), String.join(", ", institutions)));
            }
            for (Action a : r.implementation().actions()) {
                fields.add(new Field(l.get("field.action"), actionSummary(a)));
            }
            if (!r.implementation().indicators().isEmpty()) {
                fields.add(new Field(l.get("field.indicators"), r.implementation().indicators().stream()
                        .map(i -> i.code() + " " + i.name() + ": " + decimal(i.latest())
                                + (i.latestPeriod() == null ? "" : " (" + i.latestPeriod() + ")") + " / "
                                + decimal(i.target()) + (i.progressPercent() == null ? ""
                                : ", " + l.get("col.progress") + ": " + number(Math.round(i.progressPercent()))))
                        .collect(Collectors.joining("; "))));
            }
            List<Field> narratives = r.implementation().progress().stream()
                    .map(n -> new Field(l.get("field.progress") + (n.validatedAt() == null ? ""
                            : " (" + date(n.validatedAt().toLocalDate()) + ")"), n.text())).toList();
            String heading = r.documentSymbol() == null ? shortId(r.id())
                    : r.documentSymbol() + (r.paragraph() == null ? "" : " ¶ " + r.paragraph());
            return new Entry(heading, r.text(), fields, narratives);
        }

        Map<String, List<RecommendationItem>> byTheme() {
            Map<String, List<RecommendationItem>> groups = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            List<RecommendationItem> none = new ArrayList<>();
            for (RecommendationItem r : covered) {
                if (r.themes().isEmpty()) {
                    none.add(r);
                } else {
                    groups.computeIfAbsent(r.themes().get(0), k -> new ArrayList<>()).add(r);
                }
            }
            Map<String, List<RecommendationItem>> ordered = new LinkedHashMap<>(groups);
            if (!none.isEmpty()) {
                ordered.put(l.get("section.noTheme"), none);
            }
            return ordered;
        }

        Map<String, List<RecommendationItem>> byCluster() {
            Map<UUID, RecommendationItem> byId = new HashMap<>();
            covered.forEach(r -> byId.put(r.id(), r));
            Map<String, List<RecommendationItem>> groups = new LinkedHashMap<>();
            Set<UUID> placed = new java.util.HashSet<>();
            for (ReportData.Cluster cluster : data.clusters()) {
                List<RecommendationItem> items = cluster.recommendationIds().stream().map(byId::get)
                        .filter(Objects::nonNull).toList();
                if (!items.isEmpty()) {
                    groups.put(cluster.label(), items);
                    items.forEach(i -> placed.add(i.id()));
                }
            }
            List<RecommendationItem> rest = covered.stream().filter(r -> !placed.contains(r.id())).toList();
            if (!rest.isEmpty()) {
                groups.put(l.get("section.noTheme"), rest);
            }
            return groups;
        }

        void recordCounts() {
            countBy(covered, RecommendationItem::position).forEach((k, n) -> counts.add(new Count("POSITION", k, n)));
            if (hasStatus()) {
                countBy(covered, r -> r.implementation().status())
                        .forEach((k, n) -> counts.add(new Count("STATUS", k, n)));
            }
            Map<String, Long> themes = new TreeMap<>();
            Map<String, Long> goals = new TreeMap<>(Comparator.comparingInt(Integer::parseInt));
            Map<String, Long> bodies = new TreeMap<>();
            for (RecommendationItem r : covered) {
                r.themes().forEach(t -> themes.merge(t, 1L, Long::sum));
                r.sdgGoals().forEach(g -> goals.merge(String.valueOf(g), 1L, Long::sum));
                if (r.body() != null) {
                    bodies.merge(r.body(), 1L, Long::sum);
                }
            }
            themes.forEach((k, n) -> counts.add(new Count("THEME", k, n)));
            goals.forEach((k, n) -> counts.add(new Count("SDG_GOAL", k, n)));
            bodies.forEach((k, n) -> counts.add(new Count("BODY", k, n)));
        }

        boolean hasStatus() {
            return covered.stream().anyMatch(r -> r.implementation().status() != null);
        }

        List<String> statusKeys() {
            return covered.stream().map(r -> r.implementation().status()).filter(Objects::nonNull).distinct()
                    .sorted().toList();
        }

        void chart(String id, String title, Map<String, Map<String, Number>> series, boolean horizontal) {
            int categories = series.values().stream().mapToInt(Map::size).max().orElse(0);
            String alt = l.get("chart.alt", title, series.size() == 1
                    ? series.values().iterator().next().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
                    : series.entrySet().stream().map(s -> s.getKey() + " (" + s.getValue().entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")")
                            .collect(Collectors.joining("; ")));
            chartList.add(new Chart(id, title, alt, charts.bars(title, null, series, horizontal), ChartRenderer.WIDTH,
                    ChartRenderer.height(horizontal, categories)));
        }

        String sectionId() {
            return "section-" + (sections.size() + 1);
        }

        String label(String position) {
            return l.code("position", position);
        }

        String statusLabel(String status) {
            return l.code("status", status);
        }

        String goalTitle(int goal) {
            return data.sdgGoalTitles().getOrDefault(goal, "");
        }

        String number(long n) {
            return NumberFormat.getIntegerInstance(l.locale()).format(n);
        }

        String decimal(Double d) {
            return d == null ? "—" : NumberFormat.getNumberInstance(l.locale()).format(d);
        }

        String budget(Action a) {
            if (a.budget() == null) {
                return l.get("value.none");
            }
            return NumberFormat.getNumberInstance(l.locale()).format(a.budget())
                    + (a.currency() == null ? "" : " " + a.currency());
        }

        /** An action on one line: status, lead and supporting institutions, budget, milestones (overdue marked). */
        String actionSummary(Action a) {
            List<String> parts = new ArrayList<>(List.of(statusLabel(a.status())));
            if (!a.institutions().isEmpty()) {
                parts.add(l.get("field.lead") + ": " + a.institutions().get(0));
            }
            if (a.institutions().size() > 1) {
                parts.add(l.get("field.supporting") + ": " + String.join(", ",
                        a.institutions().subList(1, a.institutions().size())));
            }
            parts.add(l.get("field.budget") + ": " + budget(a));
            if (!a.milestones().isEmpty()) {
                parts.add(l.get("field.milestones") + ": " + a.milestones().stream().map(this::milestone)
                        .collect(Collectors.joining(", ")));
            }
            return a.title() + " (" + String.join("; ", parts) + ")";
        }

        String milestone(ReportData.Milestone m) {
            return m.title() + (m.dueDate() == null ? "" : " " + date(m.dueDate())) + " – " + statusLabel(m.status());
        }

        String milestones(Action a) {
            long done = a.milestones().stream().filter(m -> "DONE".equals(m.status()) || "ACHIEVED".equals(m.status()))
                    .count();
            return a.milestones().isEmpty() ? "—" : done + " / " + a.milestones().size();
        }

        String date(java.time.LocalDate d) {
            return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(l.locale()).format(d);
        }
    }

    static Map<String, Long> countBy(List<RecommendationItem> items, Function<RecommendationItem, String> key) {
        return items.stream().filter(r -> key.apply(r) != null)
                .collect(Collectors.groupingBy(key, LinkedHashMap::new, Collectors.counting()));
    }

    static List<String> orderedKeys(Set<String> present, List<String> order) {
        List<String> keys = new ArrayList<>(order.stream().filter(present::contains).toList());
        present.stream().filter(k -> !order.contains(k)).sorted().forEach(keys::add);
        return keys;
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    static String shortId(UUID id) {
        return id == null ? "—" : id.toString().substring(0, 8);
    }
}
