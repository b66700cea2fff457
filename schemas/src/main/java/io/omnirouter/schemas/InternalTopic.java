package io.omnirouter.schemas;

import io.omnirouter.callback.MissedInboundCall;
import org.apache.avro.Schema;

/**
 * Topics a service keeps for itself, with the Avro schema of their values: not part of the Kafka contract
 * ({@link ContractTopic}), so no adapter or other service reads or writes them, the ops CLI does not list them among
 * the contract's topics and adapter teams are not offered their schemas. They live here all the same because their
 * values go through the one Confluent-wire-format serde, are registered in the registry ({@code <topic>-value}) and
 * must stay readable by the next version of their service across a rolling upgrade, so {@code SchemaEvolutionTest}
 * guards them like the contract's schemas.
 */
public enum InternalTopic implements TopicValues {
    /** The router's recent missed inbound calls, to link a callback to them (docs/kafka-contract.md). */
    MISSED_CALLS("router.missed-calls", MissedInboundCall.getClassSchema());

    private final String topic;
    private final Schema valueSchema;

    InternalTopic(String topic, Schema valueSchema) {
        this.topic = topic;
        this.valueSchema = valueSchema;
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public Schema valueSchema() {
        return valueSchema;
    }
}
