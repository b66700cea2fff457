package io.omnirouter.history.customer.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer as identity resolution knows it.
 *
 * @param firstContactAt event time of its earliest contact (merged customers' included); decides who survives a merge
 * @param lastContactAt  event time of its latest contact
 * @param mergedInto     null for a customer in its own right; for a merged one, the customer that now holds its
 *                       contacts and identifiers (always one that was not merged itself: later merges re-point it)
 * @param mergedAt       event time of the contact that merged it, null unless merged
 */
public record CustomerState(UUID customerId, Instant firstContactAt, Instant lastContactAt, UUID mergedInto, Instant mergedAt) {

    public CustomerState {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(firstContactAt, "firstContactAt");
        Objects.requireNonNull(lastContactAt, "lastContactAt");
        if ((mergedInto == null) != (mergedAt == null)) {
            throw new IllegalArgumentException("mergedInto and mergedAt go together");
        }
    }

    public boolean merged() {
        return mergedInto != null;
    }
}
