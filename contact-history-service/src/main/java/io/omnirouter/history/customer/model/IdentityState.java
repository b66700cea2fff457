package io.omnirouter.history.customer.model;

import java.util.Comparator;
import java.util.List;

/**
 * Customers, identifiers and merges: all of them (a snapshot) or those a resolution changed, depending on
 * who returns it. Lists are sorted (customers and merges by id, identifiers by type and value), so two
 * states with the same content are equal.
 */
public record IdentityState(List<CustomerState> customers, List<IdentifierState> identifiers, List<Merge> merges) {

    private static final Comparator<Identifier> IDENTIFIER_ORDER =
            Comparator.comparing(Identifier::type).thenComparing(Identifier::value);

    // After IDENTIFIER_ORDER: the constructor uses it.
    public static final IdentityState EMPTY = new IdentityState(List.of(), List.of(), List.of());

    public IdentityState {
        customers = customers.stream().sorted(Comparator.comparing(CustomerState::customerId, Uuids.ORDER)).toList();
        identifiers = identifiers.stream().sorted(Comparator.comparing(IdentifierState::identifier, IDENTIFIER_ORDER)).toList();
        merges = merges.stream().sorted(Comparator.comparing(Merge::mergeId, Uuids.ORDER)).toList();
    }
}
