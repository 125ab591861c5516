package org.opennrtd.indicators.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.util.HashMap;
import java.util.Map;

/** An SDG target ({@code 5.2}, {@code 16.a}) as stored, with its titles by language. JPA mapping only. */
@Entity
@Table(name = "sdg_target")
public class SdgTargetEntity {

    @Id
    public String code;

    @Column(name = "goal_code", nullable = false)
    public int goalCode;

    /** Framework order: numbered targets before lettered ones. */
    @Column(nullable = false)
    public int ordinal;

    @ElementCollection
    @CollectionTable(name = "sdg_target_label", joinColumns = @JoinColumn(name = "target_code"))
    @MapKeyColumn(name = "language")
    @Column(name = "title", nullable = false)
    public Map<String, String> titles = new HashMap<>();
}
