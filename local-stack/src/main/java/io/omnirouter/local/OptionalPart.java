package io.omnirouter.local;

/**
 * Parts of the stack that may be left out (--without), e.g. to run one service from the IDE against the
 * rest of the stack. Kafka, the registry and PostgreSQL always run.
 */
public enum OptionalPart {
    ROUTER("router-service"),
    HISTORY("contact-history-service"),
    SIMULATOR("traffic simulator");

    private final String title;

    OptionalPart(String title) {
        this.title = title;
    }

    String title() {
        return title;
    }
}
