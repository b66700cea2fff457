package io.omnirouter.identifiers;

/**
 * A raw identifier that cannot be normalized. The message names the type and the reason but not the
 * raw value, because identifiers are personal data and exception messages end up in logs.
 */
public class InvalidIdentifierException extends RuntimeException {

    private final IdentifierType type;

    public InvalidIdentifierException(IdentifierType type, String reason) {
        super(type + " identifier rejected: " + reason);
        this.type = type;
    }

    public IdentifierType type() {
        return type;
    }
}
