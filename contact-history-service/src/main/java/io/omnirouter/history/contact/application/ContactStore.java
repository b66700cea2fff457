package io.omnirouter.history.contact.application;

import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.contact.model.TimelineCursor;
import io.omnirouter.history.contact.model.TimelineEntry;
import io.omnirouter.history.contact.model.TimelineFilter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Where contacts are kept. Writes join the caller's transaction. */
public interface ContactStore {

    /** Those of {@code contactIds} that are stored already. */
    Set<UUID> existing(Collection<UUID> contactIds);

    /** Stores each contact with its customer; a contact stored already is left as it is. */
    void insert(List<Contact> contacts, Map<UUID, UUID> customerByContact);

    /**
     * Up to {@code limit} entries of the customer's timeline, newest first (occurredAt, then contact id,
     * both descending), strictly after {@code after} when given, of one channel when given.
     */
    List<TimelineEntry> timeline(UUID customerId, TimelineFilter filter, Optional<TimelineCursor> after, int limit,
                                 int excerptLength);

    /** The channel of every contact the customers hold, by contact id (an erasure's contacts and its statistics). */
    Map<UUID, String> channelsOfContactsHeldBy(Collection<UUID> customerIds);
}
