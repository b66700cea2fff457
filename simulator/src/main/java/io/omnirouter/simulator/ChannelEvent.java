package io.omnirouter.simulator;

import java.util.Objects;

import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.EventMeta;
import io.omnirouter.schemas.ContractTopic;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * One record an adapter would publish: the channel topic, the record key the contract prescribes for it and the Avro
 * value (docs/kafka-contract.md; {@link ContractTopic#keyFields()}).
 */
public record ChannelEvent(ContractTopic topic, String key, SpecificRecordBase value) {

    public ChannelEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /**
     * A channel event as its adapter publishes it: to the channel topic of its schema, keyed by the topic's key fields.
     *
     * @throws IllegalArgumentException when {@code value} is not a channel event, or none of its key fields is set
     */
    public static ChannelEvent of(SpecificRecordBase value) {
        ContractTopic topic = ContractTopic.channelOf(value).orElseThrow(
                () -> new IllegalArgumentException("not a channel event: " + value.getSchema().getFullName()));
        String key = topic.recordKey(value).orElseThrow(() -> new IllegalArgumentException(
                "a " + value.getSchema().getName() + " without a record key: " + topic.keyFields() + " are all empty"));
        return new ChannelEvent(topic, key, value);
    }

    /** The event's envelope: its id, event time and source. */
    public EventMeta meta() {
        return ContractTopic.eventMetaOf(value);
    }

    /**
     * Whom the event is about, as the channel knows them: every channel event has its {@code customer} (README.md, "The
     * Kafka contract").
     */
    public CustomerRef customer() {
        return (CustomerRef) value.get("customer");
    }
}
