package org.opennrtd.recommendations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One read of a pseudonymous comment's author by a moderator. JPA mapping only. */
@Entity
@Table(name = "identity_disclosure")
public class IdentityDisclosureEntity {

    @Id
    public UUID id;

    @Column(name = "comment_id", nullable = false)
    public UUID commentId;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String country;

    @Column(name = "author_name", nullable = false)
    public String authorName;

    @Column(name = "moderator_name", nullable = false)
    public String moderatorName;

    @Column(name = "disclosed_at", nullable = false)
    public OffsetDateTime disclosedAt;
}
