package io.omnirouter.serde;

import org.apache.kafka.common.errors.SerializationException;

/** A correctly framed record whose Avro payload does not decode with its writer schema. */
public class AvroDecodeException extends SerializationException {

    private final int schemaId;

    public AvroDecodeException(int schemaId, String message, Throwable cause) {
        super(message, cause);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
