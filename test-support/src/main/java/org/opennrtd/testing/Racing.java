package org.opennrtd.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntSupplier;

/** Runs the same call on several threads released at the same instant, as racing replicas would. */
public final class Racing {

    private Racing() {
    }

    /** Calls {@code call} on {@code callers} threads at once and answers the sum of what they returned. */
    public static int sumOf(int callers, IntSupplier call) throws Exception {
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
            }));
        }
        go.countDown();
        int sum = 0;
        for (CompletableFuture<Integer> r : running) {
            sum += r.get();
        }
        return sum;
    }
}
