package org.opennrtd.common.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A page of one resource's recorded changes, oldest first, with the number of changes in all. */
public record AuditHistory(List<Entry> entries, long total) {

    /** One recorded change; {@code before} and {@code after} are the JSON states as maps, lists or values. */
    public record Entry(UUID id, OffsetDateTime occurredAt, String actor, String action, Object before, Object after) {
    }
}
