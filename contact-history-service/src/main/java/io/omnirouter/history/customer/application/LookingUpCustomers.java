package io.omnirouter.history.customer.application;

import io.omnirouter.history.customer.model.Customer;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.shared.InvalidRequestException;
import io.omnirouter.identifiers.IdentifierNormalizer;
import io.omnirouter.identifiers.IdentifierType;
import io.omnirouter.identifiers.InvalidIdentifierException;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Finds a customer by an identifier as an agent types it. */
@Service
public class LookingUpCustomers {

    private final CustomerStore customers;
    private final IdentifierNormalizer normalizer;

    public LookingUpCustomers(CustomerStore customers, IdentifierNormalizer normalizer) {
        this.customers = customers;
        this.normalizer = normalizer;
    }

    /**
     * @param raw the identifier as typed; normalized exactly as the router normalizes what channels send
     * @throws InvalidRequestException if {@code raw} cannot be an identifier of that type
     */
    @Transactional(readOnly = true)
    public Optional<Customer> byIdentifier(IdentifierType type, String raw) {
        String normalized;
        try {
            normalized = normalizer.normalize(type, raw)
                    .orElseThrow(() -> new InvalidRequestException(type + " identifier is blank"));
        } catch (InvalidIdentifierException e) {
            throw new InvalidRequestException(e.getMessage(), e);
        }
        return customers.findByIdentifier(new Identifier(type, normalized));
    }
}
