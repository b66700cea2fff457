package io.omnirouter.history.customer.application;

import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.history.shared.action.application.ActionRefusedException;

/** The customer holds the identifier, but it is not marked shared: there is nothing to clear. */
public class IdentifierNotSharedException extends ActionRefusedException {

    public IdentifierNotSharedException(Identifier identifier) {
        super(409, "Identifier not shared", "the " + identifier.type() + " identifier is not marked shared");
    }
}
