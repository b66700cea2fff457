package io.omnirouter.schemas;

import io.omnirouter.action.AgentAction;
import io.omnirouter.channel.ChatEvent;
import io.omnirouter.channel.EmailEvent;
import io.omnirouter.channel.EventMeta;
import io.omnirouter.channel.PhoneCallEvent;
import io.omnirouter.channel.SocialMessageEvent;
import io.omnirouter.channel.WebShopEvent;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.followup.FollowUpTask;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * The Kafka contract (docs/kafka-contract.md) in one place: each topic with the Avro schema of its values and the
 * fields its record key comes from. Registry subjects follow the topic-name strategy: {@code <topic>-value}.
 *
 * <p>A channel is a topic whose values are in the {@value #CHANNEL_NAMESPACE} namespace. Adding one here (with its
 * schema) is all the shared modules need: the router declares, registers and consumes {@link #channels()}, and the
 * CLI, the simulator, the benchmark and the fault harness key and publish its events through {@link #recordKey} and
 * {@link #eventMetaOf}. The router adds the channel's mapping to a contact (docs/channels.md).
 */
public enum ContractTopic {
    PHONE("channel.phone", PhoneCallEvent.getClassSchema(), "callId"),
    EMAIL("channel.email", EmailEvent.getClassSchema(), "messageId"),
    CHAT("channel.chat", ChatEvent.getClassSchema(), "sessionId"),
    WEBSHOP("channel.webshop", WebShopEvent.getClassSchema(), "customer.shopCustomerId", "orderId", "meta.eventId"),
    SOCIAL("channel.social", SocialMessageEvent.getClassSchema(), "conversationId"),
    CONTACT_EVENTS("contact.events", ContactEvent.getClassSchema(), "threadKey"),
    FOLLOWUP_TASKS("followup.tasks", FollowUpTask.getClassSchema(), "customerId"),
    // The history keys an absence by "agent:<id>"; by hand, an action without a customer goes by its id.
    AGENT_ACTIONS("agent.actions", AgentAction.getClassSchema(), "customerId", "actionId");

    /** Suffix of the dead-letter topic that receives what could not be processed from a topic. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";
    /** The namespace of the channel events adapters publish. */
    public static final String CHANNEL_NAMESPACE = "io.omnirouter.channel";

    private final String topic;
    private final Schema valueSchema;
    private final List<String> keyFields;

    ContractTopic(String topic, Schema valueSchema, String... keyFields) {
        this.topic = topic;
        this.valueSchema = valueSchema;
        this.keyFields = List.of(keyFields);
    }

    public String topic() {
        return topic;
    }

    public Schema valueSchema() {
        return valueSchema;
    }

    public String valueSubject() {
        return topic + "-value";
    }

    public String deadLetterTopic() {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** Whether adapters publish this topic's values: a channel event, with an {@code EventMeta meta}. */
    public boolean isChannel() {
        return CHANNEL_NAMESPACE.equals(valueSchema.getNamespace());
    }

    /**
     * Where a record's key comes from (the key column of docs/kafka-contract.md): the first of these dotted field paths
     * whose value is not null and not blank.
     */
    public List<String> keyFields() {
        return keyFields;
    }

    /** The record key of a value of this topic, by {@link #keyFields()}; empty when none of them is set. */
    public Optional<String> recordKey(GenericRecord value) {
        return firstKey(keyFields, value);
    }

    /**
     * The value of the first of {@code dottedPaths} (e.g. {@code customer.shopCustomerId}) that is not null and not
     * blank, stripped; empty when there is none. A path through a field the record does not have reads as null.
     */
    public static Optional<String> firstKey(List<String> dottedPaths, GenericRecord value) {
        for (String path : dottedPaths) {
            Object key = valueAt(value, path);
            // Stripped: an adapter's stray space must not put one customer's events on two partitions.
            if (key != null && !key.toString().isBlank()) {
                return Optional.of(key.toString().strip());
            }
        }
        return Optional.empty();
    }

    /** The channel topics, in declaration order (a fresh array: the caller may change it). */
    public static ContractTopic[] channels() {
        return Channels.ALL.clone();
    }

    /** The names of {@link #channels()}, e.g. for a listener's topics. */
    public static String[] channelTopicNames() {
        return Arrays.stream(Channels.ALL).map(ContractTopic::topic).toArray(String[]::new);
    }

    public static Optional<ContractTopic> byTopic(String topic) {
        return Arrays.stream(values()).filter(t -> t.topic.equals(topic)).findFirst();
    }

    /** The channel topic whose values have the schema (by full name) of {@code value}. */
    public static Optional<ContractTopic> channelOf(GenericRecord value) {
        String name = value.getSchema().getFullName();
        return Arrays.stream(Channels.ALL).filter(t -> t.valueSchema.getFullName().equals(name)).findFirst();
    }

    /**
     * The envelope of a channel event: every channel schema has it as its field {@code meta}.
     *
     * @throws IllegalArgumentException when {@code value} is not a channel event
     */
    public static EventMeta eventMetaOf(GenericRecord value) {
        if (channelOf(value).isEmpty() || !(value.get("meta") instanceof EventMeta meta)) {
            throw new IllegalArgumentException(value.getSchema().getFullName() + " is not a channel event");
        }
        return meta;
    }

    private static Object valueAt(GenericRecord value, String dottedPath) {
        Object current = value;
        for (String name : dottedPath.split("\\.")) {
            if (!(current instanceof GenericRecord record) || record.getSchema().getField(name) == null) {
                return null;
            }
            current = record.get(name);
        }
        return current;
    }

    /** Computed once, after the constants exist (an enum cannot read its own values in a static field initializer). */
    private static final class Channels {
        private static final ContractTopic[] ALL = Arrays.stream(values()).filter(ContractTopic::isChannel).toArray(ContractTopic[]::new);
    }
}
