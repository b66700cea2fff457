package io.omnirouter.history.followup.model;

import java.time.Instant;
import java.util.UUID;

/**
 * Application event: a new version of a task was stored (published after the transaction committed, once per
 * stored version); the live stream forwards it to the consoles.
 */
public record TaskChanged(
        UUID taskId,
        long version,
        UUID customerId,
        String type,
        String status,
        String queue,
        int escalationTier,
        Instant dueAt) {

    public static TaskChanged of(FollowUpTask task) {
        return new TaskChanged(task.taskId(), task.version(), task.customerId(), task.type().name(), task.status().name(),
                task.queue(), task.escalationTier(), task.dueAt());
    }
}
