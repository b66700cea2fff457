package io.omnirouter.history.customer.application;

import io.omnirouter.history.shared.action.application.ActionRefusedException;
import java.util.UUID;

/** No customer has that id. */
public class CustomerNotFoundException extends ActionRefusedException {

    public CustomerNotFoundException(UUID customerId) {
        super(404, "Customer not found", "no customer with id " + customerId);
    }
}
