package org.opennrtd.indicators.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A bulk import of observations and, until it is loaded, its checked rows. */
@Entity
@Table(name = "observation_import_job")
public class ObservationImportJobEntity {

    public enum State { QUEUED, RUNNING, SUCCEEDED, FAILED }

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(nullable = false)
    public String format;

    @Column(name = "file_name")
    public String fileName;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String country;

    @Column(nullable = false)
    public String sha256;

    @Column(name = "rows_total", nullable = false)
    public int rowsTotal;

    @Column(name = "rows_loaded", nullable = false)
    public int rowsLoaded;

    @Column(nullable = false)
    public int created;

    @Column(nullable = false)
    public int updated;

    /** The problems found, as the contract's ImportProblem objects. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String problems;

    public String error;

    /** Gzipped COPY text of the checked rows; cleared once loaded. */
    @Basic(fetch = FetchType.LAZY)
    public byte[] payload;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    @Version
    @Column(nullable = false)
    public long version;
}
