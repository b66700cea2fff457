package io.omnirouter.history.customer.model;

import java.util.List;

/**
 * What a {@link CustomerResolution} decided, to be stored in the same transaction as the contacts.
 *
 * @param newCustomers      customers created, with the span of the contacts attributed to them
 * @param existingCustomers already stored customers that received contacts; their stored span is to be
 *                          widened by this one (never narrowed)
 * @param newIdentifiers    identifiers seen for the first time
 */
public record ResolutionChanges(List<ContactSpan> newCustomers, List<ContactSpan> existingCustomers,
                                List<NewIdentifier> newIdentifiers) {

    public ResolutionChanges {
        newCustomers = List.copyOf(newCustomers);
        existingCustomers = List.copyOf(existingCustomers);
        newIdentifiers = List.copyOf(newIdentifiers);
    }
}
