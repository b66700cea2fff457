package io.omnirouter.simulator;

import java.util.Objects;

import io.omnirouter.schemas.ContractTopic;
import org.apache.avro.specific.SpecificRecord;

/**
 * One record an adapter would publish: the channel topic, the record key the contract prescribes for it
 * (call id, message id, chat session id, order id or shop customer id) and the Avro value.
 */
public record ChannelEvent(ContractTopic topic, String key, SpecificRecord value) {

    public ChannelEvent {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
