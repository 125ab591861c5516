package org.opennrtd.indicators.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A goal's title and short title in one language. */
@Embeddable
public class SdgGoalLabel {

    @Column(nullable = false)
    public String title;

    @Column(name = "short_title", nullable = false)
    public String shortTitle;
}
