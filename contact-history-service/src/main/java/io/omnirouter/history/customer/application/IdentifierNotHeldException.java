package io.omnirouter.history.customer.application;

import java.util.UUID;

import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.shared.action.application.ActionRefusedException;

/** The customer (or the one it was merged into) holds no such identifier. */
public class IdentifierNotHeldException extends ActionRefusedException {

    public IdentifierNotHeldException(UUID customerId, Identifier identifier) {
        super(404, "Identifier not found", "customer " + customerId + " holds no such " + identifier.type() + " identifier");
    }
}
