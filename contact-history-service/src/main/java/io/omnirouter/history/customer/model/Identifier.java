package io.omnirouter.history.customer.model;

import io.omnirouter.identifiers.IdentifierType;
import java.util.Objects;

/** A normalized customer identifier: the key identity resolution works on. */
public record Identifier(IdentifierType type, String value) {

    public Identifier {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException(type + " identifier is blank");
        }
    }

    /** Never the value: identifiers are personal data and records end up in logs. */
    @Override
    public String toString() {
        return "Identifier[" + type + "]";
    }
}
