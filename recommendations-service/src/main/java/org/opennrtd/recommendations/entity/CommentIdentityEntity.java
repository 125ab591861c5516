package org.opennrtd.recommendations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** Who wrote a pseudonymous comment; read only for its author and, recorded, for the country's moderators. */
@Entity
@Table(name = "comment_identity")
public class CommentIdentityEntity {

    @Id
    @Column(name = "comment_id")
    public UUID commentId;

    @Column(name = "author_name", nullable = false)
    public String authorName;

    @Column(name = "author_institution")
    public String authorInstitution;
}
