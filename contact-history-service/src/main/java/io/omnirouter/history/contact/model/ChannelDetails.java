package io.omnirouter.history.contact.model;

import java.time.Instant;
import java.util.List;

/**
 * What only some channels know about a contact (ContactEvent's channel-specific fields); the follow-up
 * rules read them. Every field may be null except the lists.
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
        String currency) {

    public ChannelDetails {
        attachmentNames = List.copyOf(attachmentNames);
    }

    /** Only the shape: attachment names can be personal. */
    @Override
    public String toString() {
        return "ChannelDetails[callOutcome=" + callOutcome + ", attachments=" + attachmentNames.size() + "]";
    }
}
