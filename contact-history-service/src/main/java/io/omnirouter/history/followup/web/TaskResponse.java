package io.omnirouter.history.followup.web;

import io.omnirouter.history.audit.web.AboutCustomers;
import io.omnirouter.history.followup.model.FollowUpTask;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * A task as GET /api/tasks shows it: its current version; {@code overdue} = open and past its due time now. Public: the
 * personal-data export shows tasks the same way.
 */
public record TaskResponse(
        UUID taskId, long version, UUID customerId, String type, String status, UUID triggerContactId, String threadKey,
        String triggerChannel, Instant createdAt, Instant dueAt, String priority, String queue, int escalationTier,
        String assignee, Instant closedAt, UUID closedByContactId, boolean closedLate, Instant changedAt,
        String changeReason, boolean overdue) implements AboutCustomers {

    /** A task by its id read the customer whose task it is. */
    @Override
    public Collection<UUID> customersRead() {
        return List.of(customerId);
    }

    public static TaskResponse of(FollowUpTask t, Instant now) {
        return new TaskResponse(t.taskId(), t.version(), t.customerId(), t.type().name(), t.status().name(),
                t.triggerContactId(), t.threadKey(), t.triggerChannel().name(), t.createdAt(), t.dueAt(), t.priority().name(),
                t.queue(), t.escalationTier(), t.assignee(), t.closedAt(), t.closedByContactId(), t.closedLate(),
                t.changedAt(), t.changeReason(), t.isOpen() && now.isAfter(t.dueAt()));
    }

    /**
     * A page of tasks in the order asked for.
     *
     * @param nextCursor the cursor of the next page; null on the last
     */
    record Page(List<TaskResponse> tasks, String nextCursor) implements AboutCustomers {

        /** A list not filtered by customer read the customers of its tasks. */
        @Override
        public Collection<UUID> customersRead() {
            return tasks.stream().map(TaskResponse::customerId).distinct().toList();
        }
    }
}
