package org.opennrtd.recommendations.entity;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An import job and, until it is applied, the rows it will apply. */
@Entity
@Table(name = "import_job")
public class ImportJobEntity {

    public enum State { QUEUED, RUNNING, SUCCEEDED, FAILED }

    @Id
    public UUID id;

    @Column(nullable = false)
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public State state;

    @Column(nullable = false)
    public String format;

    @Column(name = "file_name")
    public String fileName;

    @Column(columnDefinition = "bpchar(3)")
    public String country;

    /** Null only for a scheduled pull that failed before a file arrived. */
    public String sha256;

    @Column(name = "upr_cycle")
    public Integer uprCycle;

    @Column(name = "upr_session")
    public Integer uprSession;

    @Column(name = "rows_read", nullable = false)
    public int rowsRead;

    @Column(name = "rows_total", nullable = false)
    public int rowsTotal;

    @Column(nullable = false)
    public int created;

    @Column(nullable = false)
    public int updated;

    @Column(nullable = false)
    public int unchanged;

    @Column(nullable = false)
    public int rejected;

    /** Rows left out because they concern a State this import is not for: one per record and such State. */
    @Column(name = "out_of_scope", nullable = false)
    public int outOfScope;

    /** The States those rows concern, as ISO 3166-1 alpha-3 codes. */
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.ARRAY)
    @Column(name = "out_of_scope_countries", nullable = false)
    public java.util.List<String> outOfScopeCountries = new java.util.ArrayList<>();

    /** Whether the file is a complete UHRI export, which withdraws the annotations it no longer holds. */
    @Column(nullable = false)
    public boolean complete;

    /** Recommendations from the UHRI that this complete export no longer holds, marked withdrawn. */
    @Column(nullable = false)
    public int withdrawn;

    /** Withdrawn recommendations that this export holds again. */
    @Column(nullable = false)
    public int restored;

    /** The language the file's texts were imported as (ISO 639-1): null or en, originals; another, translations. */
    @Column(columnDefinition = "bpchar(2)")
    public String language;

    /** Recommendations whose translation this import stored or changed. */
    @Column(nullable = false)
    public int translated;

    /** The problems found, as the contract's ImportProblem objects. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String problems;

    public String error;

    /** Gzipped JSON of the staged rows; cleared once applied. */
    @Basic(fetch = FetchType.LAZY)
    public byte[] payload;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    /** The replica that claimed the job last. */
    @Column(name = "claimed_by")
    public String claimedBy;

    /** How many times a replica has started applying the job. */
    @Column(nullable = false)
    public int attempts;

    @Column(name = "started_at")
    public OffsetDateTime startedAt;

    @Version
    @Column(nullable = false)
    public long version;
}
