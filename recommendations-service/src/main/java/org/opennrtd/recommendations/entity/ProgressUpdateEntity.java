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

/** A narrative progress update of an action. JPA mapping only. */
@Entity
@Table(name = "progress_update")
public class ProgressUpdateEntity {

    public enum Status { DRAFT, SUBMITTED, VALIDATED, RETURNED }

    @Id
    public UUID id;

    @Column(name = "action_id", nullable = false)
    public UUID actionId;

    @Column(name = "institution_id")
    public UUID institutionId;

    @Column(nullable = false)
    public String narrative;

    @Column(name = "evidence_url")
    public String evidenceUrl;

    @Column(name = "report_date", nullable = false)
    public LocalDate reportDate;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "return_reason")
    public String returnReason;

    @Column(nullable = false)
    public String author;

    @Column(name = "submitted_at")
    public OffsetDateTime submittedAt;

    @Column(name = "reviewed_by")
    public String reviewedBy;

    @Column(name = "reviewed_at")
    public OffsetDateTime reviewedAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    @Column(nullable = false)
    public long version;
}
