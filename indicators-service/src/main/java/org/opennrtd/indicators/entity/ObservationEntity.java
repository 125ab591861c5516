package org.opennrtd.indicators.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One value of a national indicator for a period and a combination of dimension codes. */
@Entity
@Table(name = "observation")
public class ObservationEntity {

    @Id
    public UUID id;

    @Column(name = "indicator_id", nullable = false)
    public UUID indicatorId;

    @Column(nullable = false)
    public String period;

    @Column(name = "period_start", nullable = false)
    public LocalDate periodStart;

    @Column(name = "period_end", nullable = false)
    public LocalDate periodEnd;

    @Column(name = "dims_key", nullable = false)
    public String dimsKey;

    /** The codes as a JSON object, totals left out. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String dims;

    @Column(nullable = false)
    public double value;

    @Column(nullable = false)
    public String status;

    public String source;

    public String note;

    @Column(name = "import_job_id")
    public UUID importJobId;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    @Column(nullable = false)
    public long version;
}
