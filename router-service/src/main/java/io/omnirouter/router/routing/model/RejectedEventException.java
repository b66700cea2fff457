package io.omnirouter.router.routing.model;

/**
 * A channel event that can never be routed as it is (a contract violation by the adapter). It goes to the
 * dead-letter topic with {@link #getMessage()} as the reason, which must tell the adapter team what to fix
 * without quoting personal data: it is made from a {@link Rejection} template.
 */
public class RejectedEventException extends RuntimeException {

    private final Rejection rejection;

    public RejectedEventException(Rejection rejection, Object... arguments) {
        super(rejection.reason(arguments));
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
