package org.opennrtd.recommendations.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A State entity that implements recommendations, with its focal points. JPA mapping only. */
@Entity
@Table(name = "institution")
public class InstitutionEntity {

    public enum Kind { MINISTRY, PARLIAMENT, JUDICIARY, NHRI, AGENCY, LOCAL_GOVERNMENT, OTHER }

    /** A focal point as a known contact; {@code username} is the Keycloak user name. */
    @Embeddable
    public static class FocalPoint {
        @Column(nullable = false)
        public String name;
        public String email;
        public String username;

        public FocalPoint() {
        }

        public FocalPoint(String name, String email, String username) {
            this.name = name;
            this.email = email;
            this.username = username;
        }
    }

    @Id
    public UUID id;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String country;

    @Column(nullable = false)
    public String code;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    public String description;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "institution_focal_point", joinColumns = @JoinColumn(name = "institution_id"))
    @OrderColumn(name = "position")
    public List<FocalPoint> focalPoints = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    @Column(nullable = false)
    public long version;
}
