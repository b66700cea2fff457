package io.omnirouter.history.live.infrastructure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnirouter.history.live.application.LiveChangeLog;
import io.omnirouter.history.live.application.LiveFeed;
import io.omnirouter.history.live.application.LiveProperties;
import io.omnirouter.history.live.model.LiveChange;
import io.omnirouter.history.live.model.LivePosition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Each instance's reader of the change log: publishes every change to this instance's clients, in position order,
 * whichever instance wrote it. It reads when word of a commit comes, then a little later again while the change it
 * heard of is not readable yet (an older transaction is still running), and every poll interval anyway. It also
 * prunes what is older than the retention (one instance at a time).
 */
@Component
class FollowingLiveChanges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FollowingLiveChanges.class);
    /** Changes read at once at most. */
    private static final int BATCH = 1_000;
    /** The first wait for a change heard of but not readable yet; doubled up to the poll interval. */
    private static final Duration FIRST_RETRY = Duration.ofMillis(2);
    /** After a failure (the database is away), before trying again. */
    private static final Duration AFTER_FAILURE = Duration.ofSeconds(1);

    private final LiveChangeLog changes;
    private final LiveFeed feed;
    private final LiveProperties properties;
    private final Clock clock;
    private final Counter published;
    private volatile Thread follower;
    private volatile ScheduledExecutorService pruner;

    FollowingLiveChanges(LiveChangeLog changes, LiveFeed feed, LiveProperties properties, Clock clock, MeterRegistry meters) {
        this.changes = changes;
        this.feed = feed;
        this.properties = properties;
        this.clock = clock;
        this.published = Counter.builder("omnirouter.live.changes").description("changes of the log published to this instance's streams")
                .register(meters);
    }

    @Override
    public void start() {
        Thread thread = new Thread(this::follow, "live-follower");
        thread.setDaemon(true);
        follower = thread;
        thread.start();
        pruner = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread pruning = new Thread(runnable, "live-pruner");
            pruning.setDaemon(true);
            return pruning;
        });
        long every = Math.max(1_000, properties.retention().toMillis() / 10);
        pruner.scheduleWithFixedDelay(this::prune, every, every, TimeUnit.MILLISECONDS);
    }

    private void follow() {
        LivePosition position = null;
        Duration retry = Duration.ZERO;
        while (follower == Thread.currentThread()) {
            try {
                if (position == null) {
                    // Clients connected from now on get what is committed from now on; earlier changes are the log's.
                    position = changes.newestReadable();
                    feed.startAfter(position);
                }
                List<LiveChange> read = changes.readAfter(position, BATCH);
                for (LiveChange change : read) {
                    feed.publish(change);
                    position = change.position();
                }
                published.increment(read.size());
                if (read.size() == BATCH) {
                    continue;
                }
                if (!read.isEmpty()) {
                    retry = Duration.ZERO;
                }
                Duration wait = retry.isZero() ? properties.pollInterval() : retry;
                if (changes.awaitAppended(wait)) {
                    retry = FIRST_RETRY;
                } else if (!retry.isZero()) {
                    retry = retry.multipliedBy(2);
                    retry = retry.compareTo(properties.pollInterval()) >= 0 ? Duration.ZERO : retry;
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Live stream: reading the change log failed, trying again in {}: {}", AFTER_FAILURE, e.toString());
                log.debug("Cause", e);
                if (!pause()) {
                    return;
                }
            }
        }
    }

    /**
     * The one wait of our own: after a failure nothing signals that the database is back, so the follower tries again
     * after a fixed pause. @return false if it was told to stop meanwhile
     */
    private boolean pause() {
        try {
            Thread.sleep(AFTER_FAILURE.toMillis());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void prune() {
        try {
            int pruned = changes.prune(clock.instant().minus(properties.retention()));
            log.debug("Live stream: {} changes older than {} pruned", pruned, properties.retention());
        } catch (RuntimeException e) {
            log.warn("Live stream: pruning the change log failed (tried again later): {}", e.toString());
        }
    }

    @Override
    public void stop() {
        Thread thread = follower;
        follower = null;
        if (thread != null) {
            thread.interrupt();
        }
        ScheduledExecutorService running = pruner;
        pruner = null;
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return follower != null;
    }
}
