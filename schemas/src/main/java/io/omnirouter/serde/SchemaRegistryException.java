package io.omnirouter.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The schema registry refused or failed a request; the message names the registry and the request. */
public class SchemaRegistryException extends SerializationException {

    public SchemaRegistryException(String message) {
        super(message);
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
