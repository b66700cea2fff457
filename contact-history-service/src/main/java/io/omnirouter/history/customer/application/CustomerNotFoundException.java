package io.omnirouter.history.customer.application;

import java.util.UUID;

/** No customer has that id. */
public class CustomerNotFoundException extends RuntimeException {

    public CustomerNotFoundException(UUID customerId) {
        super("no customer with id " + customerId);
    }
}
