package io.omnirouter.history.search.model;

import io.omnirouter.history.customer.model.Customer.OwnedIdentifier;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A customer the search found, with what an agent needs to tell it from the others in a short list.
 *
 * @param names       names as the channels gave them, most recently used first, distinct, at most a few
 * @param identifiers every identifier it holds, shared ones marked (as the profile shows them)
 */
public record FoundCustomer(UUID customerId, List<String> names, List<OwnedIdentifier> identifiers, Instant lastContactAt,
                            MatchedBy matchedBy) {

    public FoundCustomer {
        Objects.requireNonNull(customerId, "customerId");
        names = List.copyOf(names);
        identifiers = List.copyOf(identifiers);
        Objects.requireNonNull(lastContactAt, "lastContactAt");
        Objects.requireNonNull(matchedBy, "matchedBy");
    }
}
