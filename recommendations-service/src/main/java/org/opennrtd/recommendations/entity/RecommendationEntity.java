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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.Formula;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A recommendation as stored. JPA mapping only: never serialised, never carries rules. */
@Entity
@Table(name = "recommendation")
public class RecommendationEntity {

    public enum Mechanism { UPR, TREATY_BODY, SPECIAL_PROCEDURE, OTHER }

    public enum Position { SUPPORTED, SUPPORTED_IN_PART, NOTED, PENDING }

    @Id
    public UUID id;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String country;

    @Column(nullable = false)
    public String text;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Mechanism mechanism;

    @Column(nullable = false)
    public String body;

    @Column(name = "document_symbol")
    public String documentSymbol;

    public String paragraph;

    @Column(name = "uhri_annotation_id")
    public UUID uhriAnnotationId;

    @Column(name = "upr_cycle")
    public Integer uprCycle;

    @Column(name = "upr_session")
    public Integer uprSession;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "recommending_states", nullable = false)
    public List<String> recommendingStates = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Position position;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> themes = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "affected_persons", nullable = false)
    public List<String> affectedPersons = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "sdg_targets", nullable = false)
    public List<String> sdgTargets = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "sdg_goals", nullable = false)
    public List<Integer> sdgGoals = new ArrayList<>();

    @Column(name = "publication_date")
    public LocalDate publicationDate;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> regions = new ArrayList<>();

    @Column(name = "annotation_type")
    public String annotationType;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "recommending_regions", nullable = false)
    public List<String> recommendingRegions = new ArrayList<>();

    @Column(name = "uhri_document_id")
    public java.util.UUID uhriDocumentId;

    @Column(name = "uhri_publication_date")
    public LocalDate uhriPublicationDate;

    /**
     * When a UHRI export last held this annotation; null if no UHRI import has held it since this was recorded. Read
     * only: imports keep it in {@code uhri_sighting} ({@code UhriPresence}).
     */
    @Formula("(select s.last_seen_at from uhri_sighting s where s.recommendation_id = id)")
    public OffsetDateTime uhriLastSeenAt;

    /** When a complete UHRI export was found no longer to hold this annotation; null while the UHRI holds it. */
    @Column(name = "uhri_withdrawn_at")
    public OffsetDateTime uhriWithdrawnAt;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    @Column(nullable = false)
    public long version;
}
