package io.omnirouter.cli;

import java.util.Arrays;
import java.util.Iterator;
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
        return ContractTopic.byTopic(name);
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

    /** The contract's topic names, for picocli's {@code ${COMPLETION-CANDIDATES}} in a command's help. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(ContractTopic.values()).map(ContractTopic::topic).iterator();
        }
    }

    static String knownTopics() {
        return String.join(", ", new Names());
    }

    /**
     * Where the record key comes from when {@code --key-field} is not given, per topic (the key column of README.md, "The
     * Kafka contract", as {@link ContractTopic#keyFields()} declares it): {@code channel.social: conversationId;
     * channel.webshop: customer.shopCustomerId, else orderId, else meta.eventId; …}.
     */
    static String keyRules() {
        return Arrays.stream(ContractTopic.values())
                .map(t -> t.topic() + ": " + String.join(", else ", t.keyFields()))
                .collect(Collectors.joining("; "));
    }
}
