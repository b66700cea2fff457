package io.omnirouter.history.contact.infrastructure;

/**
 * A ContactEvent that decodes but breaks the contract. The message says which rule, never the value:
 * it becomes the dead letter's reason and a log line.
 */
class InvalidContactEventException extends RuntimeException {

    InvalidContactEventException(String message) {
        super(message);
    }

    InvalidContactEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
