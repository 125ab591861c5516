package org.opennrtd.recommendations.importing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * What a UHRI export says about which annotations the index still holds, applied after {@link ImportApplier} in the
 * same transaction: every stored recommendation the file holds is marked as seen now (in {@code uhri_sighting}; the
 * applier marks the ones it creates), and one that was withdrawn comes back. A complete export also withdraws, within
 * the States it holds records for, every recommendation from the UHRI (one with an annotation id) that it does not
 * hold: {@code uhri_withdrawn_at} is set, nothing is deleted. Withdrawing and restoring raise the version and are
 * audited (IMPORT_WITHDRAW, IMPORT_RESTORE) with the state before and after; being seen again alone is neither.
 */
@ApplicationScoped
public class UhriPresence {

    /** How many recommendations an export withdrew and brought back. */
    public record Counts(int withdrawn, int restored) {
    }

    private static final Logger LOG = Logger.getLogger(UhriPresence.class);

    @Inject
    EntityManager em;

    /** When the UHRI last held recommendation {@code r}. */
    private static final String LAST_SEEN_OF_R = "(select g.last_seen_at from uhri_sighting g where g.recommendation_id = r.id)";

    private static final String STATE_OF_R = "jsonb_build_object('uhriWithdrawnAt', r.uhri_withdrawn_at,"
            + " 'uhriLastSeenAt', " + LAST_SEEN_OF_R + ")";

    /** The recommendations from the UHRI of States {@code ?1} that this transaction has not seen. */
    private static final String NOT_SEEN = "r.country = any(?) and r.uhri_annotation_id is not null"
            + " and r.uhri_withdrawn_at is null and not exists (select 1 from uhri_sighting g"
            + " where g.recommendation_id = r.id and g.last_seen_at = now())";

    /**
     * @param matched   ids of the stored recommendations the export's rows matched ({@link ImportApplier.Counts#matched})
     * @param countries the States the export holds records for: the only ones a complete export withdraws in
     * @param complete  whether the export is complete, so that lacking an annotation means the UHRI withdrew it
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Counts apply(List<String> matched, Collection<String> countries, boolean complete, String actor) {
        long start = System.nanoTime();
        return em.unwrap(Session.class).doReturningWork(connection -> {
            int restored = 0;
            if (!matched.isEmpty()) {
                try (Statement st = connection.createStatement()) {
                    st.execute("create temp table import_seen (id uuid primary key) on commit drop");
                }
                try (PreparedStatement ps = connection.prepareStatement("insert into import_seen (id)"
                        + " select distinct cast(id as uuid) from unnest(?) id")) {
                    ps.setArray(1, connection.createArrayOf("text", matched.toArray()));
                    ps.executeUpdate();
                }
                String held = " from import_seen s where r.id = s.id and r.uhri_annotation_id is not null";
                restored = audited(connection, "IMPORT_RESTORE", actor, "recommendation r join import_seen s on r.id = s.id"
                        + " where r.uhri_annotation_id is not null and r.uhri_withdrawn_at is not null",
                        "jsonb_build_object('uhriWithdrawnAt', null, 'uhriLastSeenAt', now())", null);
                if (restored > 0) {
                    try (Statement st = connection.createStatement()) {
                        st.executeUpdate("update recommendation r set uhri_withdrawn_at = null,"
                                + " updated_at = now(), version = r.version + 1" + held
                                + " and r.uhri_withdrawn_at is not null");
                    }
                }
                try (Statement st = connection.createStatement()) {
                    st.executeUpdate("insert into uhri_sighting (recommendation_id, last_seen_at) select s.id, now()"
                            + " from import_seen s join recommendation r on r.id = s.id where r.uhri_annotation_id is not null"
                            + " on conflict (recommendation_id) do update set last_seen_at = excluded.last_seen_at"
                            + " where uhri_sighting.last_seen_at is distinct from excluded.last_seen_at");
                }
            }
            int withdrawn = 0;
            if (complete && !countries.isEmpty()) {
                Array states = connection.createArrayOf("text", countries.toArray());
                withdrawn = audited(connection, "IMPORT_WITHDRAW", actor, "recommendation r where " + NOT_SEEN,
                        "jsonb_build_object('uhriWithdrawnAt', now(), 'uhriLastSeenAt', " + LAST_SEEN_OF_R + ")", states);
                if (withdrawn > 0) {
                    try (PreparedStatement ps = connection.prepareStatement("update recommendation r set"
                            + " uhri_withdrawn_at = now(), updated_at = now(), version = r.version + 1 where " + NOT_SEEN)) {
                        ps.setArray(1, states);
                        ps.executeUpdate();
                    }
                }
            }
            LOG.debugf("Presence of %d matched recommendations in %d ms: %d withdrawn, %d restored", matched.size(),
                    (System.nanoTime() - start) / 1_000_000, withdrawn, restored);
            return new Counts(withdrawn, restored);
        });
    }

    /**
     * Audits the change {@code action} of every recommendation of {@code fromWhere} (alias {@code r}), from its present
     * state to {@code after}; the number audited, which the following update changes.
     */
    private static int audited(Connection connection, String action, String actor, String fromWhere, String after,
            Array states) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("insert into audit_event (id, occurred_at, actor, action,"
                + " resource_type, resource_id, before_state, after_state) select gen_random_uuid(), now(), ?, ?,"
                + " 'recommendation', r.id, " + STATE_OF_R + ", " + after + " from " + fromWhere)) {
            ps.setString(1, actor);
            ps.setString(2, action);
            if (states != null) {
                ps.setArray(3, states);
            }
            return ps.executeUpdate();
        }
    }
}
