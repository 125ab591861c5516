package org.opennrtd.recommendations.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** An author's stable pseudonym in one country, drawn at random. JPA mapping only. */
@Entity
@Table(name = "author_pseudonym")
public class AuthorPseudonymEntity {

    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "author_name", nullable = false)
        public String authorName;

        @Column(nullable = false, columnDefinition = "bpchar(3)")
        public String country;

        public Key() {
        }

        public Key(String authorName, String country) {
            this.authorName = authorName;
            this.country = country;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.authorName.equals(authorName) && k.country.equals(country);
        }

        @Override
        public int hashCode() {
            return Objects.hash(authorName, country);
        }
    }

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public String pseudonym;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
