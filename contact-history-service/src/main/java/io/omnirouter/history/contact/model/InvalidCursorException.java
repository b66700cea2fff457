package io.omnirouter.history.contact.model;

/** A cursor token that this service did not issue (or that was altered). */
public class InvalidCursorException extends RuntimeException {

    public InvalidCursorException() {
        super("cursor is not one this API issued; pass back the nextCursor of a previous page unchanged");
    }
}
