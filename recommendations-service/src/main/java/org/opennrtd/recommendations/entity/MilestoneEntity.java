package org.opennrtd.recommendations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A benchmark or milestone of an action. JPA mapping only. */
@Entity
@Table(name = "milestone")
public class MilestoneEntity {

    public enum Status { PLANNED, ACHIEVED, CANCELLED }

    @Id
    public UUID id;

    @Column(name = "action_id", nullable = false)
    public UUID actionId;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(name = "due_date", nullable = false)
    public LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "achieved_date")
    public LocalDate achievedDate;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    @Column(nullable = false)
    public long version;
}
