package io.omnirouter.serde;

/** A record names a schema id the registry does not know (HTTP 404, error_code 40403). */
public class UnknownSchemaIdException extends SchemaRegistryException {

    private final int schemaId;

    public UnknownSchemaIdException(int schemaId, String registryUrl) {
        super("schema id " + schemaId + " is unknown to the registry at " + registryUrl);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
