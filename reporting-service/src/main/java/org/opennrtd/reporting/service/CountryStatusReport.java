package org.opennrtd.reporting.service;

import java.time.OffsetDateTime;
import java.util.List;

/** Where a country stands: its recommendations counted several ways, and the SDG framework they refer to. */
public record CountryStatusReport(
        String country,
        OffsetDateTime generatedAt,
        String language,
        long total,
        List<Count> byPosition,
        List<Count> byMechanism,
        List<Count> byBody,
        List<GoalCount> bySdgGoal,
        OffsetDateTime lastUpdatedAt,
        int goals,
        int targets,
        int indicators,
        List<String> sources) {

    public record Count(String key, long count) {
    }

    public record GoalCount(int goal, String title, long count) {
    }
}
