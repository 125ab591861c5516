package org.opennrtd.recommendations.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.opennrtd.common.jobs.JobClaim;
import org.opennrtd.common.jobs.JobRunner;
import org.opennrtd.common.replicas.ReplicaId;
import org.opennrtd.recommendations.RecommendationFixtures;
import org.opennrtd.recommendations.service.ClusterComputationJobs;
import org.opennrtd.testing.PostgresTestResource;
import org.opennrtd.testing.Racing;

/**
 * Cluster computations are claimed by one replica at a time through a session-level advisory lock, and survive the
 * loss of the replica running them. The scheduled poller is off in tests; each test polls itself, as every replica
 * does. Countries: IRL (claims), BGR (a dead replica's computation), ROU (racing pollers).
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class ClusterComputationJobsTest {

    @Inject
    JobRunner runner;

    @Inject
    ClusterComputationJobs jobs;

    @Inject
    ReplicaId replica;

    @Inject
    EntityManager em;

    @Inject
    RecommendationFixtures fixtures;

    @Test
    void onlyOneClaimerGetsAJobAndAnotherTakesItOnceTheHoldersSessionEnds() throws Exception {
        UUID job = computation("IRL", "QUEUED", null, 0);
        Optional<JobClaim> first = runner.tryClaim(jobs, job);
        assertTrue(first.isPresent(), "a queued job is claimed");
        assertEquals(1, first.get().attempt());
        assertEquals("RUNNING", value(job, "state"));
        assertEquals(replica.value(), value(job, "claimed_by"));
        assertFalse(runner.tryClaim(jobs, job).isPresent(), "a second claimer does not get a held job");

        // The holder's process dies: its database session ends, and the lock with it.
        int holder = lockHolder(job);
        assertTrue(holder > 0, "the lock is held by a session");
        assertTrue(terminate(holder));
        for (int i = 0; i < 100 && lockHolder(job) != 0; i++) {
            Thread.sleep(50);
        }
        try (JobClaim second = runner.tryClaim(jobs, job).orElseThrow(() -> new AssertionError("not taken over"))) {
            assertEquals(2, second.attempt());
            assertEquals(2, ((Number) value(job, "attempts")).intValue());
            int taker = lockHolder(job);
            assertTrue(taker > 0 && taker != holder, "held by the second claimer's session");
        }
        first.get().close(); // its connection is dead: dropped, not returned to the pool
        assertEquals(0, lockHolder(job), "closing a claim releases the lock");
        finishByHand(job);
    }

    @Test
    void aComputationLeftRunningByADeadReplicaIsFinishedOnceByThePoller() {
        List<UUID> members = themes("BGR");
        UUID job = computation("BGR", "RUNNING", "gone", 1);

        runner.poll(jobs);

        assertEquals("SUCCEEDED", value(job, "state"));
        assertEquals(2, ((Number) value(job, "attempts")).intValue());
        assertEquals(replica.value(), value(job, "claimed_by"));
        assertEquals(members.size(), ((Number) value(job, "recommendations")).intValue());
        int suggestions = ((Number) value(job, "suggestions")).intValue();
        assertTrue(suggestions >= 2, "the themes are suggested");
        assertEquals(suggestions, count("select count(*) from cluster_suggestion where computation_id = ?1", job));
        assertEquals(1, count("select count(*) from audit_event where resource_id = ?1 and action = 'COMPLETE'", job));

        runner.poll(jobs);
        assertEquals(2, ((Number) value(job, "attempts")).intValue(), "a finished job is not run again");
        assertEquals(suggestions, count("select count(*) from cluster_suggestion where computation_id = ?1", job));
    }

    @Test
    void aQueuedComputationRunsOnceWithTwoPollersRacing() throws Exception {
        themes("ROU");
        UUID job = computation("ROU", "QUEUED", null, 0);
        int ran = Racing.sumOf(2, () -> runner.poll(jobs));
        assertTrue(ran >= 1);
        assertEquals("SUCCEEDED", value(job, "state"));
        assertEquals(1, ((Number) value(job, "attempts")).intValue(), "run once");
        assertEquals(1, count("select count(*) from audit_event where resource_id = ?1 and action = 'COMPLETE'", job));
        assertEquals(((Number) value(job, "suggestions")).intValue(),
                count("select count(*) from cluster_suggestion where computation_id = ?1", job));
        assertEquals(0, count("select count(*) from cluster_suggestion s join cluster_computation c"
                + " on c.id = s.computation_id where s.country = 'ROU' and s.state = 'OPEN' and c.id <> ?1", job));
    }

    @Test
    void aComputationWhoseAttemptsAreUsedUpIsMarkedFailed() {
        UUID job = computation("IRL", "RUNNING", "gone", 3);

        runner.poll(jobs);

        assertEquals("FAILED", value(job, "state"));
        assertTrue(((String) value(job, "error")).contains("not tried again"), (String) value(job, "error"));
        assertEquals(0, lockHolder(job), "the lock is released");
    }

    // --- fixtures -----------------------------------------------------------------------------------------------

    List<UUID> themes(String country) {
        return List.of(
                fixtures.insert(country, "Investigate all allegations of torture and ill-treatment by police officers"),
                fixtures.insert(country, "Ensure that acts of torture by law enforcement officials are prosecuted and punished"),
                fixtures.insert(country, "Establish an independent mechanism to investigate torture in places of detention"),
                fixtures.insert(country, "Guarantee access to asylum procedures for refugees arriving at the border"),
                fixtures.insert(country, "End the push-backs of asylum seekers and migrants at the border"),
                fixtures.insert(country, "Respect the principle of non-refoulement of asylum seekers and refugees"));
    }

    @Transactional
    UUID computation(String country, String state, String claimedBy, int attempts) {
        UUID id = UUID.randomUUID();
        em.createNativeQuery("insert into cluster_computation (id, country, state, progress, model, created_at, created_by,"
                        + " claimed_by, attempts, started_at) values (?1, ?2, ?3, 0, 'all-minilm-l6-v2-q', now(), 'test',"
                        + " ?4, ?5, case when ?3 = 'RUNNING' then now() end)")
                .setParameter(1, id).setParameter(2, country).setParameter(3, state).setParameter(4, claimedBy)
                .setParameter(5, attempts).executeUpdate();
        return id;
    }

    @Transactional
    void finishByHand(UUID id) {
        em.createNativeQuery("update cluster_computation set state = 'FAILED', error = 'test' where id = ?1")
                .setParameter(1, id).executeUpdate();
    }

    @Transactional
    Object value(UUID id, String column) {
        return em.createNativeQuery("select " + column + " from cluster_computation where id = ?1").setParameter(1, id)
                .getSingleResult();
    }

    @Transactional
    long count(String sql, UUID id) {
        return ((Number) em.createNativeQuery(sql).setParameter(1, id).getSingleResult()).longValue();
    }

    /** The backend holding the job's advisory lock, 0 if none. */
    @Transactional
    int lockHolder(UUID id) {
        List<?> pids = em.createNativeQuery("select pid from pg_locks where locktype = 'advisory' and granted"
                        + " and cast(classid as bigint) = ?1"
                        + " and cast(objid as bigint) = (cast(hashtext(?2) as bigint) & 4294967295) and objsubid = 2")
                .setParameter(1, 0x434c5354L).setParameter(2, id.toString()).getResultList();
        return pids.isEmpty() ? 0 : ((Number) pids.get(0)).intValue();
    }

    @Transactional
    boolean terminate(int pid) {
        return (Boolean) em.createNativeQuery("select pg_terminate_backend(?1)").setParameter(1, pid).getSingleResult();
    }
}
