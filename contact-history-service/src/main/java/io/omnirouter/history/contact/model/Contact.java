package io.omnirouter.history.contact.model;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.history.consent.model.ConsentChange;
import io.omnirouter.history.customer.model.ContactIdentity;
import io.omnirouter.history.customer.model.Identifier;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One contact with a customer on any channel, as the router published it (ContactEvent). Identifiers
 * are normalized, subject and text already bounded by the router. Nullable: tenant, customerName,
 * language, subject, text, agentId. {@code consents}: what the customer gave or withdrew with it (web shop), in
 * the order sent; empty for most contacts. {@code channel} and {@code kind} are the contract's own enums (plain
 * data, docs/kafka-contract.md): a new channel or kind needs no change of this record.
 */
public record Contact(
        UUID contactId,
        String sourceEventId,
        String source,
        String tenant,
        Channel channel,
        Direction direction,
        ContactKind kind,
        Instant occurredAt,
        Instant routedAt,
        List<Identifier> identifiers,
        String customerName,
        String language,
        String threadKey,
        String channelRef,
        String subject,
        String text,
        boolean textTruncated,
        String agentId,
        Intent intent,
        Priority priority,
        String queue,
        ChannelDetails details,
        List<String> warnings,
        List<ConsentChange> consents) {

    public Contact {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(sourceEventId, "sourceEventId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(routedAt, "routedAt");
        identifiers = List.copyOf(identifiers);
        if (identifiers.isEmpty()) {
            throw new IllegalArgumentException("a contact carries at least one customer identifier");
        }
        Objects.requireNonNull(threadKey, "threadKey");
        Objects.requireNonNull(channelRef, "channelRef");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(details, "details");
        warnings = List.copyOf(warnings);
        consents = List.copyOf(consents);
    }

    /**
     * The kind a text names, or {@link ContactKind#OTHER} when it names none. Kinds were text before ContactEvent v4:
     * a record written before v4 names its kind only in the deprecated {@code kind} string (ContactEventMapper), and
     * the column {@code contact.kind} of a contact stored from one holds that text as it was sent, which need not be
     * one of today's kinds (the router's always were; other writers' need not).
     */
    public static ContactKind kindNamed(String name) {
        for (ContactKind kind : ContactKind.values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        return ContactKind.OTHER;
    }

    public ContactIdentity identity() {
        return new ContactIdentity(contactId, occurredAt, identifiers);
    }

    /** Ids only: the rest (names, identifiers, texts) is personal data and must not reach the logs. */
    @Override
    public String toString() {
        return "Contact[contactId=" + contactId + ", sourceEventId=" + sourceEventId + ", channel=" + channel
                + ", kind=" + kind + ", occurredAt=" + occurredAt + "]";
    }
}
