package io.omnirouter.local;

/**
 * A problem the user can act on (a port in use, a jar not built, a part that would not start). Its
 * message is printed as it is, without a stack trace, and the launcher exits non-zero.
 */
public final class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}
