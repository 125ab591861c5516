package org.opennrtd.recommendations.mapping;

import java.util.ArrayList;
import org.opennrtd.common.audit.AuditHistory;
import org.opennrtd.recommendations.api.model.AuditEvent;
import org.opennrtd.recommendations.api.model.AuditEventPage;
import org.opennrtd.recommendations.api.model.PageMeta;

/** A resource's recorded changes as the contract's AuditEventPage. */
public final class AuditMapper {

    private AuditMapper() {
    }

    public static AuditEventPage toDto(AuditHistory history, int offset, int limit) {
        return new AuditEventPage()
                .items(new ArrayList<>(history.entries().stream().map(e -> new AuditEvent()
                        .id(e.id())
                        .occurredAt(e.occurredAt())
                        .actor(e.actor())
                        .action(e.action())
                        .before(e.before())
                        .after(e.after())).toList()))
                .page(new PageMeta().offset(offset).limit(limit).total(history.total()));
    }
}
