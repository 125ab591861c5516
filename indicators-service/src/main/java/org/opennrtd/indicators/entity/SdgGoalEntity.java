package org.opennrtd.indicators.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import java.util.HashMap;
import java.util.Map;

/** An SDG goal as stored, with its labels by language. JPA mapping only: never serialised. */
@Entity
@Table(name = "sdg_goal")
public class SdgGoalEntity {

    @Id
    public Integer code;

    @ElementCollection
    @CollectionTable(name = "sdg_goal_label", joinColumns = @JoinColumn(name = "goal_code"))
    @MapKeyColumn(name = "language")
    public Map<String, SdgGoalLabel> labels = new HashMap<>();
}
