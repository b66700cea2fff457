package io.omnirouter.router.routing.infrastructure;

import io.omnirouter.router.routing.model.DuplicateWindow;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

/**
 * The duplicate windows of the channel partitions this instance's consumers own: restored from the partition
 * when the group assigns it ({@link DuplicateWindowRestore}), dropped when it is revoked or lost, extended with
 * the event ids of every committed batch. Spring Boot sets it as the listener containers' rebalance listener.
 *
 * <p>A partition whose restore failed on assignment (registry unreachable, too slow) has no window, and the
 * listener restores it before routing any of its records ({@link #restoreMissing}); while that fails, the batch
 * is rolled back and retried with back-off. So no partition is ever routed with a window emptied by a restart
 * or a rebalance.
 */
@Component
class RecentEventIds implements ConsumerAwareRebalanceListener {

    private static final Logger log = LoggerFactory.getLogger(RecentEventIds.class);

    private final DuplicateWindowRestore restore;
    // Each partition's window is used by the one consumer thread that owns the partition.
    private final Map<TopicPartition, DuplicateWindow> windows = new ConcurrentHashMap<>();

    RecentEventIds(DuplicateWindowRestore restore) {
        this.restore = restore;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        try {
            windows.putAll(restore.restore(consumer, partitions));
        } catch (WakeupException | InterruptException e) {
            throw e; // the container is stopping: its poll must see them
        } catch (RuntimeException e) {
            // Not thrown on: the container would only log it and go on polling. The listener retries instead.
            log.error("Duplicate windows of {} not restored on assignment; their records are not routed until a retry "
                    + "restores them", partitions, e);
        }
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        windows.keySet().removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        windows.keySet().removeAll(partitions);
    }

    /**
     * Restores the windows of those of {@code partitions} that have none; on the consumer thread, before the
     * batch publishes anything (a restore must not eat into the transaction's timeout).
     *
     * @throws RuntimeException if a restore fails: the batch must not be routed
     */
    void restoreMissing(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        List<TopicPartition> missing = partitions.stream().filter(p -> !windows.containsKey(p)).toList();
        if (!missing.isEmpty()) {
            log.info("Restoring the duplicate windows of {} before routing their records", missing);
            windows.putAll(restore.restore(consumer, missing));
        }
    }

    /** The window of an owned partition whose window has been restored. */
    DuplicateWindow of(TopicPartition partition) {
        DuplicateWindow window = windows.get(partition);
        if (window == null) {
            throw new IllegalStateException("no duplicate window for " + partition + ": restoreMissing first");
        }
        return window;
    }

    /** Remembers ids whose routing was committed; none for a partition revoked in the meantime (its next owner restores them). */
    void rememberAll(TopicPartition partition, List<String> eventIds) {
        DuplicateWindow window = windows.get(partition);
        if (window != null) {
            window.rememberAll(eventIds);
        }
    }
}
