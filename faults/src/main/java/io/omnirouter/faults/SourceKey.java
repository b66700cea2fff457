package io.omnirouter.faults;

import java.util.Arrays;

import io.omnirouter.schemas.ContractTopic;

/**
 * How the checks name one customer contact wherever it appears: the channel topic it came from and its event id
 * ({@code channel.email/4f1c...}). The history and {@code contact.events} name the channel by ContactEvent's
 * {@code Channel}, whose symbols are the names of the channel topics in {@link ContractTopic} (PHONE, EMAIL, …).
 */
final class SourceKey {

    private SourceKey() {
    }

    static String of(String channelTopic, String eventId) {
        return channelTopic + "/" + eventId;
    }

    /**
     * From the channel as the history and contact.events spell it.
     *
     * @throws IllegalArgumentException for a channel no channel topic carries (OTHER)
     */
    static String ofChannel(String channel, String eventId) {
        ContractTopic topic = Arrays.stream(ContractTopic.channels()).filter(t -> t.name().equals(channel)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no channel topic carries the channel " + channel));
        return of(topic.topic(), eventId);
    }
}
