package org.opennrtd.indicators.seeding;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Loads the SDG framework packed with the service into PostgreSQL at start-up. Safe with several replicas
 * starting at once: a transaction-scoped advisory lock lets one load while the others wait, and the SHA-256 of
 * the files, recorded with each load, makes the others (and every later start) skip unless the files changed.
 * A load upserts every code and label in JDBC batches and removes what the files no longer hold.
 */
@ApplicationScoped
public class SdgFrameworkSeeder {

    /** The packed files' folder on the class path. */
    public static final String FOLDER = "sdg";

    /** An arbitrary, fixed advisory-lock key owned by this seeder ("SDG seed" in ASCII). */
    static final long LOCK_KEY = 0x5344472073656564L;

    private static final Logger LOG = Logger.getLogger(SdgFrameworkSeeder.class);

    @Inject
    EntityManager em;

    void onStart(@Observes StartupEvent event) {
        seed();
    }

    /**
     * Loads the packed framework unless a load of the same files is already recorded.
     *
     * @return true if it loaded, false if the database already held these files
     */
    @Transactional
    public boolean seed() {
        SdgFrameworkReader reader = SdgFrameworkReader.fromClasspath(FOLDER);
        String checksum = reader.checksum();
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, LOCK_KEY).getSingleResult();
        List<?> latest = em.createNativeQuery("select checksum from sdg_seed_run order by applied_at desc, id limit 1")
                .getResultList();
        if (!latest.isEmpty() && checksum.equals(latest.get(0))) {
            LOG.debugf("SDG framework %s already loaded", checksum);
            return false;
        }
        SdgFramework framework = reader.read();
        em.unwrap(Session.class).doWork(connection -> store(connection, framework));
        em.createNativeQuery("insert into sdg_seed_run (id, checksum, applied_at, goals, targets, indicators, labels)"
                        + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, framework.checksum())
                .setParameter(3, OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter(4, framework.goals().size())
                .setParameter(5, framework.targets().size())
                .setParameter(6, framework.indicators().size())
                .setParameter(7, framework.labelCount())
                .executeUpdate();
        LOG.infof("Loaded the SDG framework (%d goals, %d targets, %d indicators, %d labels; files %s)",
                framework.goals().size(), framework.targets().size(), framework.indicators().size(),
                framework.labelCount(), framework.checksum());
        return true;
    }

    private static void store(Connection c, SdgFramework framework) throws SQLException {
        List<String> goalCodes = framework.goals().stream().map(g -> String.valueOf(g.code())).toList();
        List<String> targetCodes = framework.targets().stream().map(SdgFramework.Target::code).toList();
        List<String> indicatorCodes = framework.indicators().stream().map(SdgFramework.Indicator::code).toList();

        // Codes the files no longer hold go first (their labels with them, by cascade).
        deleteAbsent(c, "delete from sdg_indicator where code <> all(?)", indicatorCodes);
        deleteAbsent(c, "delete from sdg_target where code <> all(?)", targetCodes);
        deleteAbsent(c, "delete from sdg_goal where cast(code as text) <> all(?)", goalCodes);

        List<String[]> goalLabels = new ArrayList<>();
        try (PreparedStatement goals = c.prepareStatement("insert into sdg_goal (code) values (?) on conflict do nothing");
                PreparedStatement labels = c.prepareStatement("insert into sdg_goal_label (goal_code, language, title, short_title)"
                        + " values (?, ?, ?, ?) on conflict (goal_code, language) do update"
                        + " set title = excluded.title, short_title = excluded.short_title"
                        + " where (sdg_goal_label.title, sdg_goal_label.short_title)"
                        + " is distinct from (excluded.title, excluded.short_title)")) {
            for (SdgFramework.Goal goal : framework.goals()) {
                goals.setInt(1, goal.code());
                goals.addBatch();
                for (Map.Entry<String, SdgFramework.GoalLabel> label : goal.labels().entrySet()) {
                    labels.setInt(1, goal.code());
                    labels.setString(2, label.getKey());
                    labels.setString(3, label.getValue().title());
                    labels.setString(4, label.getValue().shortTitle());
                    labels.addBatch();
                    goalLabels.add(new String[] {String.valueOf(goal.code()), label.getKey()});
                }
            }
            goals.executeBatch();
            labels.executeBatch();
        }

        List<String[]> targetLabels = new ArrayList<>();
        try (PreparedStatement targets = c.prepareStatement("insert into sdg_target (code, goal_code, ordinal) values (?, ?, ?)"
                        + " on conflict (code) do update set goal_code = excluded.goal_code, ordinal = excluded.ordinal"
                        + " where (sdg_target.goal_code, sdg_target.ordinal) is distinct from (excluded.goal_code, excluded.ordinal)");
                PreparedStatement labels = c.prepareStatement(labelUpsert("sdg_target_label", "target_code"))) {
            for (SdgFramework.Target target : framework.targets()) {
                targets.setString(1, target.code());
                targets.setInt(2, target.goal());
                targets.setInt(3, target.ordinal());
                targets.addBatch();
                addLabels(labels, target.code(), target.titles(), targetLabels);
            }
            targets.executeBatch();
            labels.executeBatch();
        }

        List<String[]> indicatorLabels = new ArrayList<>();
        try (PreparedStatement indicators = c.prepareStatement("insert into sdg_indicator (code, target_code, goal_code, ordinal)"
                        + " values (?, ?, ?, ?) on conflict (code) do update set target_code = excluded.target_code,"
                        + " goal_code = excluded.goal_code, ordinal = excluded.ordinal"
                        + " where (sdg_indicator.target_code, sdg_indicator.goal_code, sdg_indicator.ordinal)"
                        + " is distinct from (excluded.target_code, excluded.goal_code, excluded.ordinal)");
                PreparedStatement labels = c.prepareStatement(labelUpsert("sdg_indicator_label", "indicator_code"))) {
            for (SdgFramework.Indicator indicator : framework.indicators()) {
                indicators.setString(1, indicator.code());
                indicators.setString(2, indicator.target());
                indicators.setInt(3, indicator.goal());
                indicators.setInt(4, indicator.ordinal());
                indicators.addBatch();
                addLabels(labels, indicator.code(), indicator.titles(), indicatorLabels);
            }
            indicators.executeBatch();
            labels.executeBatch();
        }

        // Translations the files no longer hold: the item falls back to English again.
        deleteAbsentLabels(c, "sdg_goal_label", "goal_code", goalLabels);
        deleteAbsentLabels(c, "sdg_target_label", "target_code", targetLabels);
        deleteAbsentLabels(c, "sdg_indicator_label", "indicator_code", indicatorLabels);
    }

    private static String labelUpsert(String table, String codeColumn) {
        return "insert into " + table + " (" + codeColumn + ", language, title) values (?, ?, ?)"
                + " on conflict (" + codeColumn + ", language) do update set title = excluded.title"
                + " where " + table + ".title is distinct from excluded.title";
    }

    private static void addLabels(PreparedStatement labels, String code, Map<String, String> titles, List<String[]> keys)
            throws SQLException {
        for (Map.Entry<String, String> title : titles.entrySet()) {
            labels.setString(1, code);
            labels.setString(2, title.getKey());
            labels.setString(3, title.getValue());
            labels.addBatch();
            keys.add(new String[] {code, title.getKey()});
        }
    }

    private static void deleteAbsent(Connection c, String sql, List<String> keep) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(sql)) {
            delete.setArray(1, c.createArrayOf("text", keep.toArray()));
            delete.executeUpdate();
        }
    }

    private static void deleteAbsentLabels(Connection c, String table, String codeColumn, List<String[]> keep)
            throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from " + table + " l where not exists"
                + " (select 1 from unnest(?, ?) as k(code, language)"
                + " where k.code = cast(l." + codeColumn + " as text) and k.language = l.language)")) {
            Array codes = c.createArrayOf("text", keep.stream().map(k -> k[0]).toArray());
            Array languages = c.createArrayOf("text", keep.stream().map(k -> k[1]).toArray());
            delete.setArray(1, codes);
            delete.setArray(2, languages);
            delete.executeUpdate();
        }
    }
}
