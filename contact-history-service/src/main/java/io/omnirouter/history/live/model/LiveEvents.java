package io.omnirouter.history.live.model;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** The events of the live stream and their data, as clients receive them (event name: the constant). */
public final class LiveEvents {

    public static final String CONTACT = "contact";
    public static final String MERGE = "merge";
    public static final String UNMERGE = "unmerge";
    public static final String TASK = "task";

    private LiveEvents() {
    }

    /** A new contact of a customer; the timeline and the thread view have the rest. */
    public record ContactData(UUID contactId, UUID customerId, String channel, String direction, String kind,
                              Instant occurredAt, String threadKey) {
    }

    /** Two customers became one: {@code mergedId} is now part of {@code survivorId}. */
    public record MergeData(UUID mergeId, UUID survivorId, UUID mergedId, UUID causeContactId, Instant mergedAt) {
    }

    /** A merge was undone: {@code restoredId} is a customer of its own again. */
    public record UnmergeData(UUID mergeId, UUID survivorId, UUID restoredId) {
    }

    /** A new version of a follow-up task (created, closed, escalated, assigned, completed). */
    public record TaskData(UUID taskId, long version, UUID customerId, String type, String status, String queue,
                           int escalationTier, Instant dueAt) {
    }

    public static LiveEvent contact(ContactData data) {
        return new LiveEvent(CONTACT, data.contactId().toString(), Set.of(data.customerId()), data);
    }

    public static LiveEvent merge(MergeData data) {
        return new LiveEvent(MERGE, data.mergeId().toString(), Set.of(data.survivorId(), data.mergedId()), data);
    }

    public static LiveEvent task(TaskData data) {
        return new LiveEvent(TASK, data.taskId() + ":" + data.version(), Set.of(data.customerId()), data);
    }

    public static LiveEvent unmerge(UnmergeData data) {
        // The same merge can be undone, redone by a later contact and undone again: the id tells them apart.
        return new LiveEvent(UNMERGE, data.mergeId() + ":unmerge", Set.of(data.survivorId(), data.restoredId()), data);
    }
}
