package io.omnirouter.history.search.web;

import io.omnirouter.history.audit.web.AboutCustomers;
import io.omnirouter.history.search.model.FoundCustomer;
import io.omnirouter.history.search.model.MatchedBy;
import io.omnirouter.history.search.model.SearchCursor;
import io.omnirouter.history.search.model.SearchPage;
import io.omnirouter.identifiers.IdentifierType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * One page of a search: exact matches (an identifier, an order id) first, then customers found by name; each most
 * recently in contact first.
 *
 * @param nextCursor pass it back as {@code cursor} for the next page; null on the last page
 */
record CustomerSearchResponse(List<Found> customers, String nextCursor) implements AboutCustomers {

    /** A search read the customers it shows (each is a row of the read audit). */
    @Override
    public Collection<UUID> customersRead() {
        return customers.stream().map(Found::customerId).toList();
    }

    /**
     * @param customerId    the customer as it is now: a customer merged into another is found as the other
     * @param names         as the channels gave them, most recently given first, distinct, at most a few
     * @param identifiers   every identifier it holds, shared ones marked, as its profile shows them
     * @param lastContactAt event time of its latest contact
     * @param matchedBy     how it matched what was typed (the strongest way, when several)
     */
    record Found(UUID customerId, List<String> names, List<FoundIdentifier> identifiers, Instant lastContactAt,
                 MatchedBy matchedBy) {

        static Found of(FoundCustomer customer) {
            return new Found(customer.customerId(), customer.names(), customer.identifiers().stream()
                    .map(owned -> new FoundIdentifier(owned.identifier().type(), owned.identifier().value(), owned.shared()))
                    .toList(), customer.lastContactAt(), customer.matchedBy());
        }
    }

    /** @param shared a shared identifier (switchboard number, family address) no longer links contacts */
    record FoundIdentifier(IdentifierType type, String value, boolean shared) {
    }

    static CustomerSearchResponse of(SearchPage page) {
        return new CustomerSearchResponse(page.customers().stream().map(Found::of).toList(),
                page.next().map(SearchCursor::encode).orElse(null));
    }
}
