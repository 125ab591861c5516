package org.opennrtd.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/** Runs the same call on several threads released at the same instant, as racing replicas would. */
public final class Racing {

    private Racing() {
    }

    /** Calls {@code call} on {@code callers} threads at once and answers the sum of what they returned. */
    public static int sumOf(int callers, IntSupplier call) throws Exception {
        // A thread of its own per caller: the common pool has a single thread on a two-core machine, which would
        // run the callers one after the other.
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            return sumOf(callers, call, threads);
        } finally {
            threads.shutdownNow();
        }
    }

    private static int sumOf(int callers, IntSupplier call, ExecutorService threads) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Integer>> running = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            running.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted before the race", e);
                }
                return call.getAsInt();
            }, threads));
        }
        go.countDown();
        int sum = 0;
        for (CompletableFuture<Integer> r : running) {
            sum += r.get();
        }
        return sum;
    }
}
