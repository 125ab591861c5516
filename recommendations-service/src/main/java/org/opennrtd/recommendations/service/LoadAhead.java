package org.opennrtd.recommendations.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.opennrtd.recommendations.importing.RowFeed;

/**
 * The rows of a job this replica applies while it is still reading the file: the reader hands them to the worker
 * in batches as they are read. The worker's transaction commits only once the job is {@link #stored}, and rolls back
 * if the rows are {@link #withdraw withdrawn} (the file was bad, or the job could not be stored).
 */
final class LoadAhead implements RowFeed {

    /** How many rows a reader hands to the worker at a time. */
    private static final int BATCH = 256;

    /** How many batches may wait for the worker. */
    private static final int BATCHES = 64;

    private static final List<String> END = new ArrayList<>(0);
    private static final List<String> WITHDRAWN = new ArrayList<>(0);

    /**
     * Bounded, so that a reader faster than the worker waits instead of holding the whole file's rows in memory
     * (at most BATCHES batches of BATCH rows are queued).
     */
    private final BlockingQueue<List<String>> queue = new LinkedBlockingQueue<>(BATCHES);
    private final int timeoutSeconds;
    private List<String> batch = new ArrayList<>(BATCH);
    /** Set once the worker has stopped taking rows (it could not start, failed or finished). */
    private volatile boolean workerDone;
    /** Set on withdrawal, so that the worker stops at once instead of loading the rows still queued. */
    private volatile boolean withdrawn;
    /** Whether the worker holds the job's lock; false also if it could not start. */
    private final CompletableFuture<Boolean> locked = new CompletableFuture<>();
    /** True once the job is stored and committed; false if it never will be. */
    private final CompletableFuture<Boolean> stored = new CompletableFuture<>();

    /** @param timeoutSeconds how long the worker waits for the next batch before it gives the rows up */
    LoadAhead(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The reader: one more row. */
    void add(String line) {
        batch.add(line);
        if (batch.size() == BATCH) {
            hand(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    /** The reader: the file has no more rows. */
    void end() {
        hand(batch);
        hand(END);
    }

    /** Queues a batch, waiting while the queue is full; dropped once the worker takes no more. */
    private void hand(List<String> rows) {
        try {
            while (!workerDone && !queue.offer(rows, 100, TimeUnit.MILLISECONDS)) {
                // the worker is behind: wait for it
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading an import", e);
        }
    }

    /** The reader: whether the worker holds the job's locks (waits until it knows). */
    boolean locked() {
        return locked.join();
    }

    /** The worker: whether it took the job's locks. A second call changes nothing. */
    void lockTaken(boolean taken) {
        locked.complete(taken);
    }

    /** The reader: the job is stored and committed; the worker may commit the rows. */
    void stored() {
        stored.complete(true);
    }

    /** The worker: whether the job was stored (waits until the reader knows). */
    boolean awaitStored() {
        return stored.join();
    }

    /** The reader: the rows must not be kept; the worker stops at its next batch. */
    void withdraw() {
        withdrawn = true;
        stored.complete(false);
        queue.clear();
        queue.offer(WITHDRAWN);
    }

    /** The worker: it takes no more rows (it could not start, failed or finished). */
    void workerDone() {
        workerDone = true;
        queue.clear();
        locked.complete(false);
    }

    @Override
    public List<String> next() {
        if (withdrawn) {
            throw new Withdrawn();
        }
        List<String> next;
        try {
            next = queue.poll(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Withdrawn();
        }
        if (next == null || next == WITHDRAWN) {
            throw new Withdrawn();
        }
        return next == END ? null : next;
    }

    /** The rows of a job being applied while it was submitted were withdrawn: the file was bad, or not stored. */
    static final class Withdrawn extends RuntimeException {
        Withdrawn() {
            super("The import's rows were withdrawn.", null, false, false);
        }
    }
}
