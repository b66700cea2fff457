package io.omnirouter.history.shared;

/** A query the caller got wrong (a parameter missing, malformed or out of range); the message says how. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }

    public InvalidRequestException(String message, Throwable cause) {
        super(message, cause);
    }
}
