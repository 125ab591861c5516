package org.opennrtd.recommendations.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/** A cluster of one country's recommendations; a change of its members also raises its version. */
@Entity
@Table(name = "cluster")
public class ClusterEntity {

    public enum Origin { MANUAL, SUGGESTED }

    @Id
    public UUID id;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String country;

    @Column(nullable = false)
    public String name;

    public String description;

    @Column(name = "lead_institution_id")
    public UUID leadInstitutionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Origin origin;

    @Column(name = "suggestion_id")
    public UUID suggestionId;

    @ElementCollection
    @CollectionTable(name = "cluster_member", joinColumns = @JoinColumn(name = "cluster_id"))
    @Column(name = "recommendation_id", nullable = false)
    public Set<UUID> members = new LinkedHashSet<>();

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    @Column(nullable = false)
    public long version;
}
