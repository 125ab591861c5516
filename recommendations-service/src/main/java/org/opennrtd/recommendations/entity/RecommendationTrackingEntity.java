package org.opennrtd.recommendations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A recommendation's follow-up: implementation status and priority level. A row exists from the recommendation's
 * first follow-up change on; without one, the follow-up is {@link #notStarted}. JPA mapping only.
 */
@Entity
@Table(name = "recommendation_tracking")
public class RecommendationTrackingEntity {

    public enum Status { NOT_STARTED, IN_PROGRESS, PARTIALLY_IMPLEMENTED, IMPLEMENTED, NOT_APPLICABLE }

    public enum PriorityLevel { HIGH, MEDIUM, LOW }

    @Id
    @Column(name = "recommendation_id")
    public UUID recommendationId;

    @Enumerated(EnumType.STRING)
    @Column(name = "implementation_status", nullable = false)
    public Status implementationStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "priority_level")
    public PriorityLevel priorityLevel;

    @Column(name = "status_note")
    public String statusNote;

    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    @Version
    @Column(nullable = false)
    public long version;

    /** The follow-up of a recommendation that has none stored: NOT_STARTED, no level, version 0 (not persisted). */
    public static RecommendationTrackingEntity notStarted(UUID recommendationId) {
        RecommendationTrackingEntity t = new RecommendationTrackingEntity();
        t.recommendationId = recommendationId;
        t.implementationStatus = Status.NOT_STARTED;
        t.version = 0;
        return t;
    }
}
