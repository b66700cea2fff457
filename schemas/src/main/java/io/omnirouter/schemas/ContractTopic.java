package io.omnirouter.schemas;

import io.omnirouter.action.AgentAction;
import io.omnirouter.channel.ChatEvent;
import io.omnirouter.channel.EmailEvent;
import io.omnirouter.channel.PhoneCallEvent;
import io.omnirouter.channel.WebShopEvent;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.followup.FollowUpTask;
import org.apache.avro.Schema;

/**
 * The Kafka contract (README.md, "The Kafka contract") in one place: each topic with the Avro schema of its values.
 * Registry subjects follow the topic-name strategy: {@code <topic>-value}.
 */
public enum ContractTopic {
    PHONE("channel.phone", PhoneCallEvent.getClassSchema()),
    EMAIL("channel.email", EmailEvent.getClassSchema()),
    CHAT("channel.chat", ChatEvent.getClassSchema()),
    WEBSHOP("channel.webshop", WebShopEvent.getClassSchema()),
    CONTACT_EVENTS("contact.events", ContactEvent.getClassSchema()),
    FOLLOWUP_TASKS("followup.tasks", FollowUpTask.getClassSchema()),
    AGENT_ACTIONS("agent.actions", AgentAction.getClassSchema());

    /** Suffix of the dead-letter topic that receives what could not be processed from a topic. */
    public static final String DEAD_LETTER_SUFFIX = ".DLT";

    private final String topic;
    private final Schema valueSchema;

    ContractTopic(String topic, Schema valueSchema) {
        this.topic = topic;
        this.valueSchema = valueSchema;
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

    public static ContractTopic[] channels() {
        return new ContractTopic[] {PHONE, EMAIL, CHAT, WEBSHOP};
    }
}
