package org.opennrtd.recommendations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A comment on a recommendation (or, later, a progress update), possibly a reply. JPA mapping only. */
@Entity
@Table(name = "comment")
public class CommentEntity {

    public enum TargetType { RECOMMENDATION, PROGRESS_UPDATE }

    /** How the author appears; for {@code PSEUDONYM} the identity is in {@link CommentIdentityEntity} only. */
    public enum Identity { NAMED, PSEUDONYM }

    @Id
    public UUID id;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String country;

    @Enumerated(EnumType.STRING)
    @Column(name = "target_type", nullable = false)
    public TargetType targetType;

    @Column(name = "target_id", nullable = false)
    public UUID targetId;

    @Column(name = "parent_id")
    public UUID parentId;

    /** The author's user name, or for a pseudonymous comment the author's pseudonym. */
    @Column(name = "author_name", nullable = false)
    public String authorName;

    @Column(name = "author_role", nullable = false)
    public String authorRole;

    @Column(name = "author_institution")
    public String authorInstitution;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Identity identity;

    /** Read only by the country's NHRI, its moderators and the author. */
    @Column(nullable = false)
    public boolean restricted;

    @Column(nullable = false)
    public String text;

    @Column(nullable = false)
    public boolean edited;

    @Column(nullable = false)
    public boolean hidden;

    @Column(name = "hidden_reason")
    public String hiddenReason;

    @Column(name = "hidden_at")
    public OffsetDateTime hiddenAt;

    @Column(name = "hidden_by")
    public String hiddenBy;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    @Column(nullable = false)
    public long version;
}
