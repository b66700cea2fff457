package io.omnirouter.history.followup.infrastructure;

import io.omnirouter.history.followup.application.FollowUpProperties;
import io.omnirouter.history.followup.application.KeepingPromises;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The follow-up's background work, each on its own thread, each safe with any number of instances: the
 * contact poller, the clock and the outbox relay. A round that filled a whole batch is followed at once by
 * the next; an idle or failed one waits for the configured interval.
 */
@Component
class FollowUpWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FollowUpWorkers.class);

    private final KeepingPromises keeping;
    private final OutboxRelay relay;
    private final FollowUpProperties properties;
    private volatile ScheduledExecutorService executor;

    FollowUpWorkers(KeepingPromises keeping, OutboxRelay relay, FollowUpProperties properties) {
        this.keeping = keeping;
        this.relay = relay;
        this.properties = properties;
    }

    @Override
    public void start() {
        if (!properties.workers().enabled()) {
            log.info("Follow-up workers disabled (omnirouter.history.followup.workers.enabled=false)");
            return;
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newScheduledThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "followup-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        FollowUpProperties.Workers workers = properties.workers();
        // Before anything else, on a worker thread (start-up need not wait): tasks a crash left with the wrong customer.
        executor.execute(() -> {
            try {
                keeping.reattachStrayTasks();
            } catch (RuntimeException e) {
                log.warn("Follow-up: reattaching stray tasks failed (the next start tries again): {}", e.toString());
            }
        });
        schedule("applying contacts", keeping::applyPendingContacts, workers.applyBatchSize(), workers.applyInterval().toMillis());
        schedule("escalating overdue tasks", keeping::escalateDue, Integer.MAX_VALUE, workers.clockInterval().toMillis());
        schedule("relaying the outbox", relay::relayOnce, properties.outbox().batchSize(), properties.outbox().interval().toMillis());
    }

    private void schedule(String what, IntSupplier round, int fullBatch, long intervalMillis) {
        executor.scheduleWithFixedDelay(() -> {
            try {
                int done;
                do {
                    done = round.getAsInt();
                } while (done >= fullBatch && !Thread.currentThread().isInterrupted());
            } catch (RuntimeException e) {
                log.warn("Follow-up: {} failed, retrying in {} ms: {}", what, intervalMillis, e.toString());
                log.debug("Cause", e);
            } catch (Error e) {
                // The executor would end this schedule without a word: say so, loudly, before it does.
                log.error("Follow-up: {} stopped by {}; restart the service", what, e.toString(), e);
                throw e;
            }
        }, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
