package org.opennrtd.recommendations.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** An action of an implementation plan. JPA mapping only. */
@Entity
@Table(name = "action")
public class ActionEntity {

    @Id
    public UUID id;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String country;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(name = "lead_institution_id", nullable = false)
    public UUID leadInstitutionId;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "action_supporting_institution", joinColumns = @JoinColumn(name = "action_id"))
    @Column(name = "institution_id")
    public Set<UUID> supportingInstitutionIds = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "action_recommendation", joinColumns = @JoinColumn(name = "action_id"))
    @Column(name = "recommendation_id")
    public Set<UUID> recommendationIds = new LinkedHashSet<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "action_cluster", joinColumns = @JoinColumn(name = "action_id"))
    @Column(name = "cluster_id")
    public Set<UUID> clusterIds = new LinkedHashSet<>();

    @Column(name = "start_date")
    public LocalDate startDate;

    @Column(name = "end_date")
    public LocalDate endDate;

    @Column(name = "budget_amount", precision = 19, scale = 2)
    public BigDecimal budgetAmount;

    @Column(name = "budget_currency", columnDefinition = "bpchar(3)")
    public String budgetCurrency;

    @Column(name = "budget_source")
    public String budgetSource;

    @Column(name = "budget_funded")
    public Boolean budgetFunded;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "indicator_ids", nullable = false)
    public List<UUID> indicatorIds = new ArrayList<>();

    @Column(name = "legislative_action_required", nullable = false)
    public boolean legislativeActionRequired;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    @Column(nullable = false)
    public long version;
}
