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

/** A global SDG indicator code ({@code 5.2.1}) as stored, with its titles by language. JPA mapping only. */
@Entity
@Table(name = "sdg_indicator")
public class SdgIndicatorEntity {

    @Id
    public String code;

    @Column(name = "target_code", nullable = false)
    public String targetCode;

    @Column(name = "goal_code", nullable = false)
    public int goalCode;

    /** Framework order: numbered targets before lettered ones, then the indicator number. */
    @Column(nullable = false)
    public int ordinal;

    @ElementCollection
    @CollectionTable(name = "sdg_indicator_label", joinColumns = @JoinColumn(name = "indicator_code"))
    @MapKeyColumn(name = "language")
    @Column(name = "title", nullable = false)
    public Map<String, String> titles = new HashMap<>();
}
