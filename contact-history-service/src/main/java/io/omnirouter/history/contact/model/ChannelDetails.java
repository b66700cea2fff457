package io.omnirouter.history.contact.model;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What only some channels know about a contact (ContactEvent's channel-specific fields); the follow-up
 * rules read them. Every field may be null except the lists and {@code facts}.
 *
 * @param facts the channel's facts that no other field holds, by name (ContactEvent.details, since v4; channel.social
 *              sends {@code platform} and {@code visibility}); never personal data, shown to agents as they are;
 *              empty for most contacts
 */
public record ChannelDetails(
        String segment,
        String callOutcome,
        Integer durationSeconds,
        Instant callbackRequestedAt,
        String inReplyTo,
        List<String> attachmentNames,
        Instant promisedReplyBy,
        String chatAuthor,
        Boolean resolved,
        Integer rating,
        String orderId,
        Long amountMinor,
        String currency,
        Map<String, String> facts) {

    public ChannelDetails {
        attachmentNames = List.copyOf(attachmentNames);
        facts = sortedFacts(facts);
    }

    /** Facts by name in the order of their names (the API shows them so), unmodifiable; none for null. */
    public static Map<String, String> sortedFacts(Map<String, String> facts) {
        return facts == null || facts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(facts));
    }

    /** Only the shape: attachment names can be personal. */
    @Override
    public String toString() {
        return "ChannelDetails[callOutcome=" + callOutcome + ", attachments=" + attachmentNames.size() + ", facts="
                + facts.keySet() + "]";
    }
}
