package org.opennrtd.recommendations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A report of intimidation or reprisal, kept apart from every other record. JPA mapping only. */
@Entity
@Table(name = "reprisal_report")
public class ReprisalReportEntity {

    @Id
    public UUID id;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String country;

    @Column(name = "recommendation_id")
    public UUID recommendationId;

    @Column(name = "comment_id")
    public UUID commentId;

    @Column(name = "person_concerned")
    public String personConcerned;

    @Column(nullable = false)
    public String description;

    @Column(name = "occurred_on")
    public LocalDate occurredOn;

    @Column(name = "author_name", nullable = false)
    public String authorName;

    @Column(name = "author_role", nullable = false)
    public String authorRole;

    @Column(name = "author_institution")
    public String authorInstitution;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Version
    @Column(nullable = false)
    public long version;
}
