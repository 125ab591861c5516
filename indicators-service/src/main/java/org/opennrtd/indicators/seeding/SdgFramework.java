package org.opennrtd.indicators.seeding;

import java.util.List;
import java.util.Map;

/**
 * The global SDG framework as read from its source files, before storage: every code with its labels in the
 * languages that have one. English is complete; another language may lack some items.
 *
 * @param checksum SHA-256 of the source files, to tell whether they changed since they were last loaded
 */
public record SdgFramework(List<Goal> goals, List<Target> targets, List<Indicator> indicators, String checksum) {

    public record GoalLabel(String title, String shortTitle) {
    }

    /** @param labels by language tag */
    public record Goal(int code, Map<String, GoalLabel> labels) {
    }

    public record Target(String code, int goal, int ordinal, Map<String, String> titles) {
    }

    public record Indicator(String code, String target, int goal, int ordinal, Map<String, String> titles) {
    }

    public int labelCount() {
        return goals.stream().mapToInt(g -> g.labels().size()).sum()
                + targets.stream().mapToInt(t -> t.titles().size()).sum()
                + indicators.stream().mapToInt(i -> i.titles().size()).sum();
    }
}
