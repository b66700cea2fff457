package io.omnirouter.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.omnirouter.schemas.ContractTopic;

/** The topics of the Kafka contract the CLI knows, and the record key each is published with. */
final class Topics {

    private Topics() {
    }

    /** A contract topic ({@code channel.*}, {@code contact.events}, {@code followup.tasks}); never a DLT. */
    static ContractTopic contractTopic(String name) {
        return find(name).orElseThrow(() -> new CliException("unknown topic '" + name + "'; known: " + knownTopics()));
    }

    static Optional<ContractTopic> find(String name) {
        return Arrays.stream(ContractTopic.values()).filter(t -> t.topic().equals(name)).findFirst();
    }

    static boolean isDeadLetterTopic(String name) {
        return name.endsWith(ContractTopic.DEAD_LETTER_SUFFIX) && name.length() > ContractTopic.DEAD_LETTER_SUFFIX.length();
    }

    /** A topic {@code tail} can decode: a contract topic or any {@code *.DLT}. */
    static String readableTopic(String name) {
        if (find(name).isPresent() || isDeadLetterTopic(name)) {
            return name;
        }
        throw new CliException("unknown topic '" + name + "'; known: " + knownTopics() + ", and any <topic>.DLT");
    }

    static String deadLetterTopic(String name) {
        if (!isDeadLetterTopic(name)) {
            String hint = find(name).map(t -> "; did you mean '" + t.deadLetterTopic() + "'?").orElse("");
            throw new CliException("'" + name + "' is not a dead-letter topic (<topic>.DLT)" + hint);
        }
        return name;
    }

    /** The topic a DLT receives from, by name: {@code channel.email.DLT} → {@code channel.email}. */
    static String sourceOfDeadLetterTopic(String dlt) {
        return dlt.substring(0, dlt.length() - ContractTopic.DEAD_LETTER_SUFFIX.length());
    }

    static String knownTopics() {
        return Arrays.stream(ContractTopic.values()).map(ContractTopic::topic).collect(Collectors.joining(", "));
    }

    /**
     * Where the record key comes from when {@code --key-field} is not given (the key column of README.md, "The Kafka
     * contract"): the first of these field paths that is not null.
     */
    static List<String> defaultKeyFields(ContractTopic topic) {
        switch (topic) {
            case PHONE:
                return List.of("callId");
            case EMAIL:
                return List.of("messageId");
            case CHAT:
                return List.of("sessionId");
            case WEBSHOP:
                return List.of("customer.shopCustomerId", "orderId", "meta.eventId");
            case CONTACT_EVENTS:
                return List.of("threadKey");
            case FOLLOWUP_TASKS:
                return List.of("customerId");
            case AGENT_ACTIONS:
                // The history keys an absence by "agent:<id>"; by hand, an action without a customer goes by its id.
                return List.of("customerId", "actionId");
            default:
                throw new IllegalArgumentException("no key rule for " + topic);
        }
    }
}
