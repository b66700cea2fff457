package io.omnirouter.personal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Runs tasks on threads of their own, released together: two services or instances doing the same at one moment. */
public final class AtOnce {

    private static final long PATIENCE_SECONDS = 60;

    private AtOnce() {
    }

    /** The tasks' results, in the order of the tasks; the first failure, if any, is thrown. */
    @SafeVarargs
    public static <T> List<T> run(Supplier<T>... tasks) throws Exception {
        CyclicBarrier together = new CyclicBarrier(tasks.length);
        ExecutorService threads = Executors.newFixedThreadPool(tasks.length);
        try {
            List<CompletableFuture<T>> running = new ArrayList<>();
            for (Supplier<T> task : tasks) {
                running.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await(PATIENCE_SECONDS, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("The tasks were not all started", e);
                    }
                    return task.get();
                }, threads));
            }
            List<T> results = new ArrayList<>();
            for (CompletableFuture<T> task : running) {
                results.add(task.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
