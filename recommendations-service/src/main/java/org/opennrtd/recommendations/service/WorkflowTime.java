package org.opennrtd.recommendations.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Times as the follow-up stores them: UTC, to the microsecond PostgreSQL keeps; calendar days in UTC. */
final class WorkflowTime {

    private WorkflowTime() {
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
