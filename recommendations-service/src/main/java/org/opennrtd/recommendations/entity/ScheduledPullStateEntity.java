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

/**
 * What the scheduled pull remembers of one address: the validators of the last file it fetched and queued (sent
 * back as {@code If-None-Match} / {@code If-Modified-Since}) and how its latest pull went. JPA mapping only.
 */
@Entity
@Table(name = "scheduled_pull_state")
public class ScheduledPullStateEntity {

    /** How a pull ended: a file fetched and queued as an import job, HTTP 304, or a FAILED import job. */
    public enum Status { QUEUED, NOT_MODIFIED, FAILED }

    @Id
    public String url;

    /** The {@code ETag} of the last file fetched and queued, as the server sent it. */
    public String etag;

    /** The {@code Last-Modified} of that file, as the server sent it (an HTTP date). */
    @Column(name = "last_modified")
    public String lastModified;

    /** The import job queued from that file. */
    @Column(name = "fetched_job_id")
    public UUID fetchedJobId;

    @Column(name = "fetched_at")
    public OffsetDateTime fetchedAt;

    @Column(name = "last_checked_at", nullable = false)
    public OffsetDateTime lastCheckedAt;

    @Column(name = "last_status", nullable = false)
    @Enumerated(EnumType.STRING)
    public Status lastStatus;

    /** The import job of the latest pull that made one (queued or FAILED); a 304 makes none. */
    @Column(name = "last_job_id")
    public UUID lastJobId;

    @Version
    @Column(nullable = false)
    public long version;
}
