package io.omnirouter.serde;

import org.apache.kafka.common.errors.SerializationException;

/** A record that cannot be written with its own schema (e.g. null in a non-nullable field). */
public class AvroEncodeException extends SerializationException {

    public AvroEncodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
