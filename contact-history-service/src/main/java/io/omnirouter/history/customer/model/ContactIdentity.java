package io.omnirouter.history.customer.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** What identity resolution needs to know about one contact. */
public record ContactIdentity(UUID contactId, Instant occurredAt, List<Identifier> identifiers) {

    /** Event-time order, the order identity resolution applies contacts in. */
    public static final Comparator<ContactIdentity> EVENT_TIME_ORDER = Comparator.comparing(ContactIdentity::key);

    public ContactIdentity {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        identifiers = List.copyOf(identifiers);
    }

    public ContactKey key() {
        return new ContactKey(occurredAt, contactId);
    }
}
