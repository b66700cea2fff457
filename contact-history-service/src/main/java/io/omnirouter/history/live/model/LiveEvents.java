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
    public static final String ACTION = "action";
    /** Sent by the stream itself: it cannot resume where the client asked, so the client reloads what it shows. */
    public static final String RESYNC = "resync";

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

    /**
     * An agent's or supervisor's action was applied or refused ({@code status}: APPLIED or REFUSED); {@code kind} is its
     * record's name on agent.actions (TaskCompleted, NoteAdded, …). Actions on no customer (absences) only reach
     * streams of all customers.
     */
    public record ActionData(UUID actionId, UUID customerId, String kind, String status) {
    }

    /** Why the stream could not resume from the client's Last-Event-ID. */
    public record ResyncData(String reason) {
    }

    public static LiveEvent contact(ContactData data) {
        return new LiveEvent(CONTACT, Set.of(data.customerId()), data);
    }

    public static LiveEvent merge(MergeData data) {
        return new LiveEvent(MERGE, Set.of(data.survivorId(), data.mergedId()), data);
    }

    public static LiveEvent task(TaskData data) {
        return new LiveEvent(TASK, Set.of(data.customerId()), data);
    }

    public static LiveEvent unmerge(UnmergeData data) {
        return new LiveEvent(UNMERGE, Set.of(data.survivorId(), data.restoredId()), data);
    }

    public static LiveEvent action(ActionData data) {
        return new LiveEvent(ACTION, data.customerId() == null ? Set.of() : Set.of(data.customerId()), data);
    }
}
