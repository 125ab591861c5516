package org.opennrtd.reporting.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A request for a report, queued until a worker claims it. */
@Entity
@Table(name = "report_job")
public class ReportJobEntity {

    public enum State { QUEUED, RUNNING, SUCCEEDED, FAILED }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(nullable = false)
    public int progress;

    public String stage;

    @Column(name = "report_type", nullable = false)
    public String reportType;

    @Column(nullable = false)
    public String format;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String country;

    @Column(nullable = false)
    public String language;

    /** The contract's ReportParameters as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String parameters;

    @Column(name = "report_id")
    public UUID reportId;

    /** The problem (RFC 9457) that failed the job, as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String error;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    /** When a job waiting for an unreachable dependency may run again; null when it is not waiting. */
    @Column(name = "retry_at")
    public OffsetDateTime retryAt;

    /** How many times an instance claimed the job since it was queued or last waited (counted by the job runner). */
    @Column(nullable = false)
    public int attempts;

    /** How many times the job waited for an unreachable dependency. */
    @Column(name = "dependency_retries", nullable = false)
    public int dependencyRetries;

    @Version
    public long version;
}
