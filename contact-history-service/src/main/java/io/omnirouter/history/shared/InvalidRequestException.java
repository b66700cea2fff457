package io.omnirouter.history.shared;

/**
 * A query the caller got wrong (a parameter missing, malformed or out of range); the message says how, and never
 * quotes the value (it may be personal data, or text meant to be shown somewhere as markup).
 */
public class InvalidRequestException extends RuntimeException {

    private final String parameter;

    public InvalidRequestException(String message) {
        this(null, message, null);
    }

    public InvalidRequestException(String message, Throwable cause) {
        this(null, message, cause);
    }

    /** @param parameter the query parameter, path variable or body field that was wrong, as the API names it */
    public InvalidRequestException(String parameter, String message, Throwable cause) {
        super(message, cause);
        this.parameter = parameter;
    }

    public static InvalidRequestException of(String parameter, String message) {
        return new InvalidRequestException(parameter, message, null);
    }

    /** The parameter that was wrong, or null when the request as a whole was. */
    public String parameter() {
        return parameter;
    }
}
