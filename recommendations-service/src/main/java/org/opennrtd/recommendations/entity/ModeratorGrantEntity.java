package org.opennrtd.recommendations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The moderator capability of one user in one country. JPA mapping only. */
@Entity
@Table(name = "moderator_grant")
public class ModeratorGrantEntity {

    @Id
    public UUID id;

    @Column(nullable = false, columnDefinition = "bpchar(3)")
    public String country;

    @Column(name = "user_name", nullable = false)
    public String userName;

    @Column(name = "granted_by", nullable = false)
    public String grantedBy;

    @Column(name = "granted_at", nullable = false)
    public OffsetDateTime grantedAt;

    @Version
    @Column(nullable = false)
    public long version;
}
