package io.omnirouter.history.rebuild.application;

import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.shared.action.model.AgentAction;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The two logs the history is derived from, contact.events and agent.actions, read by the rebuild from where it got to. */
public interface HistoryLog {

    /** contact.events, for the progress kept per partition. */
    String contactsTopic();

    /** agent.actions, likewise. */
    String actionsTopic();

    /**
     * What one poll gave: the valid items in log order per partition, how many records were read and skipped as
     * invalid, and where each partition read stands after them (the next offset to read).
     */
    record Chunk<T>(List<T> items, int recordsRead, int recordsSkipped, Map<Integer, Long> nextOffsets) {
    }

    /**
     * Reads every partition of contact.events from {@code from} (the next offset of each partition; absent: the
     * beginning) up to where it ended when the call started (committed transactions only), one chunk per poll.
     *
     * @return the records read
     */
    long readContacts(Map<Integer, Long> from, Consumer<Chunk<Contact>> handler);

    /** The same for agent.actions. */
    long readActions(Map<Integer, Long> from, Consumer<Chunk<AgentAction>> handler);
}
