package org.opennrtd.reporting.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A generated report, stored once and never changed (the table's trigger refuses updates and deletes). */
@Entity
@Immutable
@Table(name = "report_version")
public class ReportVersionEntity {

    @Id
    public UUID id;

    @Column(name = "job_id", nullable = false)
    public UUID jobId;

    @Column(name = "report_type", nullable = false)
    public String reportType;

    @Column(nullable = false)
    public String format;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String country;

    @Column(nullable = false)
    public String language;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String parameters;

    @Column(name = "series_key", nullable = false)
    public String seriesKey;

    @Column(name = "content_type", nullable = false)
    public String contentType;

    @Column(name = "file_name", nullable = false)
    public String fileName;

    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    public byte[] content;

    @Column(name = "size_bytes", nullable = false)
    public long sizeBytes;

    @Column(nullable = false, columnDefinition = "bpchar(64)")
    public String sha256;

    /** The report's counts (the contract's DimensionCount list) as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "status_counts", nullable = false)
    public String statusCounts;

    @Column(name = "snapshot_at", nullable = false)
    public OffsetDateTime snapshotAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
