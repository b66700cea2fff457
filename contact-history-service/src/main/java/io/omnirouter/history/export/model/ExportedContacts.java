package io.omnirouter.history.export.model;

import io.omnirouter.history.contact.model.TimelineEntry;
import io.omnirouter.history.conversation.model.ConversationEntry;
import io.omnirouter.history.customer.model.Uuids;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A customer's contacts for its export: every contact of its timeline, each with its whole text as its thread shows it.
 * The timeline lists them (with an excerpt of the text), the threads hold the texts; both read in one snapshot, they
 * must hold the same contacts, which is checked here rather than trusted.
 */
public final class ExportedContacts {

    /** Oldest first, as a thread: event time, then contact id in PostgreSQL's order. */
    public static final Comparator<ConversationEntry> OLDEST_FIRST = Comparator.comparing(ConversationEntry::occurredAt)
            .thenComparing(ConversationEntry::contactId, Uuids.ORDER);

    private ExportedContacts() {
    }

    /** The thread keys of the listed contacts, each once, in the order they first appear. */
    public static Set<String> threadKeysOf(List<TimelineEntry> listed) {
        Set<String> keys = new LinkedHashSet<>();
        listed.forEach(entry -> keys.add(entry.threadKey()));
        return keys;
    }

    /**
     * The contacts of {@code read} (those of every thread of the listed contacts), oldest first.
     *
     * @param listed the whole timeline, in any order
     * @param read   every page of every thread key of {@link #threadKeysOf listed}
     * @throws IllegalStateException if a contact is read twice, or the timeline and the threads do not hold the same
     *                               contacts (they were not read in one snapshot)
     */
    public static List<ConversationEntry> oldestFirst(List<TimelineEntry> listed, List<ConversationEntry> read) {
        Map<UUID, ConversationEntry> byId = new HashMap<>();
        for (ConversationEntry entry : read) {
            if (byId.put(entry.contactId(), entry) != null) {
                throw new IllegalStateException("contact " + entry.contactId() + " was read twice");
            }
        }
        Set<UUID> listedIds = new LinkedHashSet<>();
        for (TimelineEntry entry : listed) {
            if (!listedIds.add(entry.contactId())) {
                throw new IllegalStateException("contact " + entry.contactId() + " is listed twice");
            }
            if (!byId.containsKey(entry.contactId())) {
                throw new IllegalStateException("contact " + entry.contactId() + " of the timeline is in none of its threads");
            }
        }
        if (listedIds.size() != byId.size()) {
            throw new IllegalStateException((byId.size() - listedIds.size()) + " contacts of the threads are not in the timeline");
        }
        return byId.values().stream().sorted(OLDEST_FIRST).toList();
    }
}
