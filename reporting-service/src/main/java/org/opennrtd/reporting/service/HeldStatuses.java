package org.opennrtd.reporting.service;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.opennrtd.reporting.entity.CountryStatusSnapshotEntity.Key;

/**
 * This replica's memory of country statuses, beside the stored snapshots: the last status it has read or computed
 * for each (country, language), decoded and with its entity tag, so that a pull within the freshness window costs
 * at most one narrow read (is the stored snapshot still this one?), and none when that was confirmed less than the
 * recheck interval ago, instead of reading and parsing the whole snapshot; and at most one computation per
 * (country, language) at a time, which
 * every request that needs that status fresh waits for instead of starting its own round of upstream calls.
 * Bounded by the number of countries times the languages served.
 */
@ApplicationScoped
public class HeldStatuses {

    private static final Logger LOG = Logger.getLogger(HeldStatuses.class);

    /** A status as held: what it says, when its data was read, its tag. */
    public record Held(CountryStatusReport report, OffsetDateTime fetchedAt, String entityTag) {

        Duration age() {
            return Duration.between(fetchedAt, OffsetDateTime.now(ZoneOffset.UTC));
        }
    }

    private final ConcurrentMap<Key, Held> held = new ConcurrentHashMap<>();
    /** When (System.nanoTime) each held status was last known to be the stored snapshot. */
    private final ConcurrentMap<Key, Long> confirmedAt = new ConcurrentHashMap<>();
    private final ConcurrentMap<Key, CompletableFuture<Held>> computing = new ConcurrentHashMap<>();
    /** Refreshes ahead of expiry run here, off any request; one per key at a time, a few keys at once. */
    private final ExecutorService refreshes = new ThreadPoolExecutor(1, 2, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1_000), r -> {
                Thread t = new Thread(r, "country-status-refresh");
                t.setDaemon(true);
                return t;
            }, new ThreadPoolExecutor.DiscardPolicy());

    public Held get(Key key) {
        return held.get(key);
    }

    /**
     * Holds {@code status} for {@code key} in place of what was held (the stored snapshot decides which is served),
     * as the stored snapshot at this moment: only what was just read from or written to the store is kept.
     */
    public Held keep(Key key, Held status) {
        held.put(key, status);
        confirmed(key);
        return status;
    }

    /** Notes that the status held for {@code key} was found to be the stored snapshot just now. */
    public void confirmed(Key key) {
        confirmedAt.put(key, System.nanoTime());
    }

    /**
     * The status held for {@code key} if it was known to be the stored snapshot less than {@code recheck} ago, else
     * null (then the caller asks the store).
     */
    public Held confirmedWithin(Key key, Duration recheck) {
        Long at = confirmedAt.get(key);
        Held status = held.get(key);
        return status != null && at != null && System.nanoTime() - at < recheck.toNanos() ? status : null;
    }

    /**
     * The result of {@code compute} for {@code key}, which is also kept: run here unless a computation of the same
     * key is under way, whose result is then shared. Its failure (a 503 problem when a service is down) is thrown
     * to every request waiting for it.
     */
    public Held computeOnce(Key key, Supplier<Held> compute) {
        CompletableFuture<Held> mine = new CompletableFuture<>();
        CompletableFuture<Held> running = computing.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        try {
            Held result = keep(key, compute.get());
            mine.complete(result);
            return result;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            computing.remove(key, mine);
        }
    }

    /** Starts {@link #computeOnce} in the background unless one is under way; a failure only leaves the old status. */
    public void refreshAhead(Key key, Supplier<Held> compute) {
        if (computing.containsKey(key)) {
            return;
        }
        refreshes.execute(() -> {
            try {
                computeOnce(key, compute);
            } catch (RuntimeException e) {
                LOG.debugf(e, "Refreshing the %s status of %s ahead of time failed; the held one stays",
                        key.language(), key.country());
            }
        });
    }

    @PreDestroy
    void stop() {
        refreshes.shutdownNow();
    }
}
