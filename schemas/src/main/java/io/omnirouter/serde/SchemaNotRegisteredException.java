package io.omnirouter.serde;

/** A lookup found no id for a schema under a subject (HTTP 404, error_code 40401 or 40403). */
public class SchemaNotRegisteredException extends SchemaRegistryException {

    private final String subject;

    public SchemaNotRegisteredException(String subject, String message) {
        super(message);
        this.subject = subject;
    }

    public SchemaNotRegisteredException(String subject, String message, Throwable cause) {
        super(message, cause);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
