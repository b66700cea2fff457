package io.omnirouter.history.customer.model;

import java.time.Instant;
import java.util.UUID;

/** The event-time span of a customer's contacts: earliest and latest. */
public record ContactSpan(UUID customerId, Instant firstContactAt, Instant lastContactAt) {

    static ContactSpan of(UUID customerId, Instant at) {
        return new ContactSpan(customerId, at, at);
    }

    ContactSpan including(Instant at) {
        Instant first = at.isBefore(firstContactAt) ? at : firstContactAt;
        Instant last = at.isAfter(lastContactAt) ? at : lastContactAt;
        return new ContactSpan(customerId, first, last);
    }
}
