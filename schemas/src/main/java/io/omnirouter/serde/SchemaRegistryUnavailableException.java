package io.omnirouter.serde;

/**
 * The registry could not be reached or answered with a gateway/unavailable status. Unlike the other
 * serde errors this one is transient: the record itself may be fine, so callers should retry rather
 * than dead-letter it.
 */
public class SchemaRegistryUnavailableException extends SchemaRegistryException {

    public SchemaRegistryUnavailableException(String message) {
        super(message);
    }

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
