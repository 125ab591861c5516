package org.opennrtd.common.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.opennrtd.common.security.Caller;

/**
 * The audit trail every write goes through: who did what to which resource, when, and its state before and
 * after. Each service keeps it in its own {@code audit_event} table (created by its first migration), in the
 * same transaction as the change, so that no change exists without its record.
 */
@ApplicationScoped
public class AuditTrail {

    @Inject
    EntityManager em;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String resourceType, UUID resourceId, String action, Object before, Object after) {
        record(resourceType, resourceId, action, caller.name(), before, after);
    }

    /** For work no caller asked for directly, such as a scheduled pull: the actor is named explicitly. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String resourceType, UUID resourceId, String action, String actor, Object before, Object after) {
        em.createNativeQuery("insert into audit_event (id, occurred_at, actor, action, resource_type, resource_id,"
                        + " before_state, after_state) values (?1, ?2, ?3, ?4, ?5, ?6, cast(?7 as jsonb), cast(?8 as jsonb))")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(3, actor)
                .setParameter(4, action)
                .setParameter(5, resourceType)
                .setParameter(6, resourceId)
                .setParameter(7, toJson(before))
                .setParameter(8, toJson(after))
                .executeUpdate();
    }

    private String toJson(Object state) {
        if (state == null) {
            return null;
        }
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit state cannot be written as JSON", e);
        }
    }
}
