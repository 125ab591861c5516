package org.opennrtd.common.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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

    /**
     * One resource's history, oldest first: every recorded change with who made it, when, and the state before and
     * after. The resource's own endpoint decides who may read it.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AuditHistory history(String resourceType, UUID resourceId, int offset, int limit) {
        long total = ((Number) em.createNativeQuery(
                        "select count(*) from audit_event where resource_type = ?1 and resource_id = ?2")
                .setParameter(1, resourceType)
                .setParameter(2, resourceId)
                .getSingleResult()).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, occurred_at, actor, action, cast(before_state as text),"
                        + " cast(after_state as text) from audit_event where resource_type = ?1 and resource_id = ?2"
                        + " order by occurred_at, id offset ?3 limit ?4")
                .setParameter(1, resourceType)
                .setParameter(2, resourceId)
                .setParameter(3, offset)
                .setParameter(4, limit)
                .getResultList();
        List<AuditHistory.Entry> entries = rows.stream()
                .map(r -> new AuditHistory.Entry((UUID) r[0], toUtc(r[1]), (String) r[2], (String) r[3],
                        readJson((String) r[4]), readJson((String) r[5])))
                .toList();
        return new AuditHistory(entries, total);
    }

    private static OffsetDateTime toUtc(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass().getName());
    }

    private Object readJson(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit state is not valid JSON", e);
        }
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
