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

/** The national human-rights institution's assessment of a recommendation's implementation. JPA mapping only. */
@Entity
@Table(name = "nhri_assessment")
public class AssessmentEntity {

    public enum Status { NOT_STARTED, IN_PROGRESS, PARTIALLY_IMPLEMENTED, IMPLEMENTED, NOT_APPLICABLE }

    @Id
    public UUID id;

    @Column(name = "recommendation_id", nullable = false)
    public UUID recommendationId;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String country;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(nullable = false)
    public String narrative;

    @Column(name = "assessed_on", nullable = false)
    public LocalDate assessedOn;

    @Column(name = "assessor_name", nullable = false)
    public String assessorName;

    @Column(name = "assessor_institution")
    public String assessorInstitution;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    @Column(nullable = false)
    public long version;
}
