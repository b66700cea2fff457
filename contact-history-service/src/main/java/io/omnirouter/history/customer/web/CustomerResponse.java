package io.omnirouter.history.customer.web;

import io.omnirouter.history.customer.model.Customer;
import io.omnirouter.identifiers.IdentifierType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A customer with every identifier it owns. */
record CustomerResponse(UUID customerId, List<IdentifierResponse> identifiers, Instant firstContactAt, Instant lastContactAt) {

    /** @param shared a shared identifier (switchboard number, family address) no longer links contacts */
    record IdentifierResponse(IdentifierType type, String value, boolean shared) {
    }

    static CustomerResponse of(Customer customer) {
        return new CustomerResponse(customer.customerId(),
                customer.identifiers().stream()
                        .map(owned -> new IdentifierResponse(owned.identifier().type(), owned.identifier().value(), owned.shared()))
                        .toList(),
                customer.firstContactAt(), customer.lastContactAt());
    }
}
