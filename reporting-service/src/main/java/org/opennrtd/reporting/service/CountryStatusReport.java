package org.opennrtd.reporting.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Where a country stands: its recommendations counted several ways, the SDG framework they refer to, and how far
 * they are implemented.
 */
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
        List<String> sources,
        Implementation implementation) {

    public record Count(String key, long count) {
    }

    /**
     * Where implementation stands; null in snapshots stored before it was counted.
     *
     * @param overdueMilestones planned milestones past their due date
     * @param overdueProgressUpdates actions whose next progress update is past due
     */
    public record Implementation(List<Count> byStatus, List<ThemeStatus> byThemeAndStatus, Overdue overdueMilestones,
                                 Overdue overdueProgressUpdates, Coverage coverage, OffsetDateTime lastUpdatedAt) {
    }

    public record ThemeStatus(String theme, String status, long count) {
    }

    /** How many items are overdue, and the earliest due date among them (null when none). */
    public record Overdue(long count, LocalDate oldestDueDate) {
    }

    /** How far national indicators cover the recommendations; recent means ending on or after {@code recentSince}. */
    public record Coverage(long recommendationsWithIndicator, long recommendationsWithRecentObservation,
                           long indicators, long indicatorsWithData, LocalDate recentSince) {
    }

    public record GoalCount(int goal, String title, long count) {
    }
}
