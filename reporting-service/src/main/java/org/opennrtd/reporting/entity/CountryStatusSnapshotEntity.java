package org.opennrtd.reporting.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The last country status built from fresh upstream data, per country and language. */
@Entity
@Table(name = "country_status_snapshot")
public class CountryStatusSnapshotEntity {

    @Embeddable
    public record Key(@Column(columnDefinition = "bpchar(3)") String country, String language)
            implements Serializable {
    }

    @EmbeddedId
    public Key key;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String body;

    @Column(name = "fetched_at", nullable = false)
    public OffsetDateTime fetchedAt;
}
