package io.omnirouter.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The bytes are not a Confluent-framed record (wrong magic byte, too short). */
public class WireFormatException extends SerializationException {

    public WireFormatException(String message) {
        super(message);
    }
}
