package io.omnirouter.history.contact.infrastructure;

import io.omnirouter.history.shared.kafka.DeadLetterReason;

/**
 * A ContactEvent that decodes but breaks the contract. The message says which rule, never the value:
 * it becomes the dead letter's reason and a log line.
 */
class InvalidContactEventException extends RuntimeException implements DeadLetterReason {

    InvalidContactEventException(String message) {
        super(message);
    }

    InvalidContactEventException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String deadLetterReason() {
        return "INVALID_CONTACT_EVENT";
    }
}
