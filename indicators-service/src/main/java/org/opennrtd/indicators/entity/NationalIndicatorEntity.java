package org.opennrtd.indicators.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A State's own indicator and its links to the frameworks and to recommendations. */
@Entity
@Table(name = "national_indicator")
public class NationalIndicatorEntity {

    @Id
    public UUID id;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String country;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String name;

    public String definition;

    @Column(nullable = false)
    public String unit;

    @Column(name = "computation_method")
    public String computationMethod;

    @Column(name = "provider_institution", nullable = false)
    public String providerInstitution;

    @Column(name = "provider_name", nullable = false)
    public String providerName;

    @Column(nullable = false)
    public String periodicity;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> dimensions = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "sdg_indicators", nullable = false)
    public List<String> sdgIndicators = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "sdg_targets", nullable = false)
    public List<String> sdgTargets = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> rights = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "right_attributes", nullable = false)
    public List<String> rightAttributes = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "hr_indicators", nullable = false)
    public List<String> hrIndicators = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "recommendation_ids", nullable = false)
    public List<UUID> recommendationIds = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "action_ids", nullable = false)
    public List<UUID> actionIds = new ArrayList<>();

    @Column(name = "baseline_value")
    public Double baselineValue;

    @Column(name = "baseline_date")
    public LocalDate baselineDate;

    @Column(name = "target_value")
    public Double targetValue;

    @Column(name = "target_date")
    public LocalDate targetDate;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    @Column(nullable = false)
    public long version;
}
