package io.omnirouter.history.consent.application;

import io.omnirouter.history.consent.model.ConsentChange;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The consents the contacts of customers carry (the column contact.consents). */
public interface ConsentStore {

    /** A contact that gave or withdrew consents: when, and what, in the order sent. */
    record ContactConsents(UUID contactId, Instant occurredAt, List<ConsentChange> changes) {
    }

    /** The contacts of these customers that carry consents, in any order. */
    List<ContactConsents> consentsOf(Collection<UUID> customerIds);
}
