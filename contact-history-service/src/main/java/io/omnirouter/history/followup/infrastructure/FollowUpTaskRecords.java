package io.omnirouter.history.followup.infrastructure;

import io.omnirouter.followup.TaskStatus;
import io.omnirouter.history.followup.model.FollowUpTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * A task version as the Avro {@code io.omnirouter.followup.FollowUpTask} of followup.tasks. The outbox keeps it
 * in Avro's single-object encoding (schema fingerprint + binary), independent of the registry, so that writing
 * the outbox never needs the registry; the relay writes it in the Confluent wire format.
 */
final class FollowUpTaskRecords {

    private FollowUpTaskRecords() {
    }

    static io.omnirouter.followup.FollowUpTask toAvro(FollowUpTask task) {
        return io.omnirouter.followup.FollowUpTask.newBuilder()
                .setTaskId(task.taskId().toString())
                .setVersion(task.version())
                .setCustomerId(task.customerId().toString())
                .setType(task.type().name())
                .setStatus(TaskStatus.valueOf(task.status().name()))
                .setTriggerContactId(task.triggerContactId().toString())
                .setThreadKey(task.threadKey())
                .setCreatedAt(task.createdAt())
                .setDueAt(task.dueAt())
                .setPriority(io.omnirouter.contact.Priority.valueOf(task.priority().name()))
                .setQueue(task.queue())
                .setEscalationTier(task.escalationTier())
                .setAssignee(task.assignee())
                .setClosedAt(task.closedAt())
                .setClosedByContactId(task.closedByContactId() == null ? null : task.closedByContactId().toString())
                .setClosedLate(task.closedLate())
                .setChangedAt(task.changedAt())
                .setChangeReason(task.changeReason())
                .build();
    }

    static byte[] encode(FollowUpTask task) {
        try {
            ByteBuffer buffer = toAvro(task).toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("task " + task.taskId() + " v" + task.version() + " could not be encoded", e);
        }
    }

    static io.omnirouter.followup.FollowUpTask decode(byte[] payload) {
        try {
            return io.omnirouter.followup.FollowUpTask.fromByteBuffer(ByteBuffer.wrap(payload));
        } catch (IOException e) {
            throw new UncheckedIOException("an outbox payload could not be decoded", e);
        }
    }

    static UUID uuid(String value) {
        return UUID.fromString(value);
    }
}
