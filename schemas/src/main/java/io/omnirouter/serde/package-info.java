/**
 * The Confluent-wire-format Avro serde, written against the Schema Registry REST API (no Confluent
 * artifacts): {@link io.omnirouter.serde.ConfluentAvroSerializer},
 * {@link io.omnirouter.serde.ConfluentAvroDeserializer}, {@link io.omnirouter.serde.SchemaRegistryClient}
 * and the byte framing in {@link io.omnirouter.serde.WireFormat}. Configuration keys: {@link io.omnirouter.serde.SerdeConfig}.
 *
 * <p>Every failure is a Kafka {@code SerializationException} whose message is meant for a human reading
 * a dead-letter header. Two kinds:
 * <ul>
 *   <li>the record is at fault, retrying cannot help: {@link io.omnirouter.serde.WireFormatException},
 *       {@link io.omnirouter.serde.UnknownSchemaIdException}, {@link io.omnirouter.serde.AvroDecodeException},
 *       {@link io.omnirouter.serde.AvroEncodeException};</li>
 *   <li>the registry or its configuration is at fault, the record may be fine:
 *       {@link io.omnirouter.serde.SchemaRegistryUnavailableException} (transient: retry, do not dead-letter)
 *       and the other {@link io.omnirouter.serde.SchemaRegistryException}s (refused credentials,
 *       incompatible or unregistered schema on the producing side).</li>
 * </ul>
 */
package io.omnirouter.serde;
