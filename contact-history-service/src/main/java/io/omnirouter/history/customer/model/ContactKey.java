package io.omnirouter.history.customer.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a contact stands in event-time order: its time, then its id. Identity resolution applies contacts
 * in this order, whatever order they arrive in, so that the same contacts always give the same customers.
 */
public record ContactKey(Instant occurredAt, UUID contactId) implements Comparable<ContactKey> {

    private static final Comparator<ContactKey> ORDER =
            Comparator.comparing(ContactKey::occurredAt).thenComparing(ContactKey::contactId, Uuids.ORDER);

    public ContactKey {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(contactId, "contactId");
    }

    @Override
    public int compareTo(ContactKey other) {
        return ORDER.compare(this, other);
    }

    public boolean isBefore(ContactKey other) {
        return compareTo(other) < 0;
    }
}
