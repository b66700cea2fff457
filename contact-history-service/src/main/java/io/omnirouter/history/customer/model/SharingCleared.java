package io.omnirouter.history.customer.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A supervisor's decision that an identifier marked shared is one person's after all (an action on agent.actions).
 * At its time the identifier stops being shared and forgets the customers it was seen with, so that only what comes
 * after decides: it links again, or the merge protection marks it shared again. Like a contact, it has its place in
 * event-time order ({@link #key()}), and identity resolution applies it there, also when it re-derives a component.
 *
 * @param actionId  the action that decided it: its place among contacts of the same millisecond
 * @param clearedAt the action's time
 */
public record SharingCleared(UUID actionId, Identifier identifier, Instant clearedAt) {

    public SharingCleared {
        Objects.requireNonNull(actionId, "actionId");
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(clearedAt, "clearedAt");
    }

    /** Its place in event-time order, among the contacts. */
    public ContactKey key() {
        return new ContactKey(clearedAt, actionId);
    }
}
