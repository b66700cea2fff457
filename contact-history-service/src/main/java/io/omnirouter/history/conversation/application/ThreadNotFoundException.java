package io.omnirouter.history.conversation.application;

import java.util.UUID;

/** The customer has no contact in that thread. */
public class ThreadNotFoundException extends RuntimeException {

    public ThreadNotFoundException(UUID customerId) {
        // The thread key stays out of the message: an e-mail thread key is a message id, which can name a person.
        super("customer " + customerId + " has no conversation with that thread key");
    }
}
