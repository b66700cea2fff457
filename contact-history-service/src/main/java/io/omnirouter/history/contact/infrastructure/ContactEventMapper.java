package io.omnirouter.history.contact.infrastructure;

import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.contact.model.Channel;
import io.omnirouter.history.contact.model.ChannelDetails;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.contact.model.Direction;
import io.omnirouter.history.contact.model.Intent;
import io.omnirouter.history.contact.model.Priority;
import io.omnirouter.history.customer.model.Identifier;
import io.omnirouter.identifiers.IdentifierType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns a decoded ContactEvent into a {@link Contact}, checking what the store relies on. */
final class ContactEventMapper {

    // PostgreSQL stores far more (4713 BC to 294276 AD), but outside this range a time is garbage and
    // would break clients that read ISO-8601 with four-digit years.
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    // PostgreSQL text cannot hold U+0000; a NUL in a message body must not block the partition.
    private static final String NUL = "\u0000";
    private static final String REPLACEMENT = "\uFFFD";
    // Follow-up tasks are indexed by their assignee, an agent id: one too large for a b-tree index entry (about
    // 2.7 kB) would fail the follow-up worker on every attempt, long after its contact was stored, so it is refused
    // here. The router bounds every id far below this; this guards contact.events written by anything else.
    static final int MAX_AGENT_ID_BYTES = 2000;

    private ContactEventMapper() {
    }

    /** @throws InvalidContactEventException naming the broken rule */
    static Contact toContact(ContactEvent event) {
        if (event == null) {
            throw new InvalidContactEventException("record has no value (tombstone); contact.events holds ContactEvents only");
        }
        try {
            return new Contact(
                    contactId(event.getContactId()),
                    required("sourceEventId", event.getSourceEventId()),
                    required("source", event.getSource()),
                    optional(event.getTenant()),
                    Channel.valueOf(event.getChannel().name()),
                    Direction.valueOf(event.getDirection().name()),
                    required("kind", event.getKind()),
                    time("occurredAt", event.getOccurredAt()),
                    time("routedAt", event.getRoutedAt()),
                    identifiers(event.getIdentifiers()),
                    optional(event.getCustomerName()),
                    optional(event.getLanguage()),
                    required("threadKey", event.getThreadKey()),
                    required("channelRef", event.getChannelRef()),
                    optional(event.getSubject()),
                    optional(event.getText()),
                    event.getTextTruncated(),
                    agentId(event.getAgentId()),
                    Intent.valueOf(event.getIntent().name()),
                    Priority.valueOf(event.getPriority().name()),
                    required("queue", event.getQueue()),
                    new ChannelDetails(
                            optional(event.getSegment()),
                            optional(event.getCallOutcome()),
                            event.getDurationSeconds(),
                            optionalTime("callbackRequestedAt", event.getCallbackRequestedAt()),
                            optional(event.getInReplyTo()),
                            texts(event.getAttachmentNames()),
                            optionalTime("promisedReplyBy", event.getPromisedReplyBy()),
                            optional(event.getChatAuthor()),
                            event.getResolved(),
                            event.getRating(),
                            optional(event.getOrderId()),
                            event.getAmountMinor(),
                            optional(event.getCurrency())),
                    texts(event.getWarnings()));
        } catch (InvalidContactEventException e) {
            throw e;
        } catch (RuntimeException e) {
            // Whatever else a malformed event trips over (a missing record, an enum this build lacks) is
            // the event's fault too: dead-letter it rather than retry it forever.
            throw new InvalidContactEventException("ContactEvent is malformed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static UUID contactId(String raw) {
        UUID id;
        try {
            id = UUID.fromString(required("contactId", raw));
        } catch (IllegalArgumentException e) {
            throw new InvalidContactEventException("contactId is not a UUID");
        }
        // UUID.fromString also accepts abbreviated forms such as 1-2-3-4-5; the contract is the canonical form.
        if (!id.toString().equalsIgnoreCase(raw)) {
            throw new InvalidContactEventException("contactId is not a UUID in canonical form");
        }
        return id;
    }

    private static List<Identifier> identifiers(CustomerIdentifiers ids) {
        if (ids == null) {
            throw new InvalidContactEventException("identifiers are missing");
        }
        List<Identifier> identifiers = new ArrayList<>(IdentifierType.values().length);
        add(identifiers, IdentifierType.PHONE, ids.getPhone());
        add(identifiers, IdentifierType.EMAIL, ids.getEmail());
        add(identifiers, IdentifierType.SHOP_CUSTOMER_ID, ids.getShopCustomerId());
        add(identifiers, IdentifierType.CHAT_VISITOR_ID, ids.getChatVisitorId());
        if (identifiers.isEmpty()) {
            throw new InvalidContactEventException("no customer identifier: at least one of phone, email, shopCustomerId, chatVisitorId is required");
        }
        return identifiers;
    }

    /** Blank counts as absent: the router drops what it cannot normalize. */
    private static void add(List<Identifier> identifiers, IdentifierType type, String value) {
        if (value != null && !value.isBlank()) {
            identifiers.add(new Identifier(type, storable(value)));
        }
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidContactEventException(field + " is blank");
        }
        return storable(value);
    }

    private static String optional(String value) {
        return value == null ? null : storable(value);
    }

    private static String agentId(String value) {
        if (value != null && value.getBytes(StandardCharsets.UTF_8).length > MAX_AGENT_ID_BYTES) {
            throw new InvalidContactEventException("agentId is longer than " + MAX_AGENT_ID_BYTES
                    + " bytes in UTF-8: follow-up tasks are indexed by it");
        }
        return optional(value);
    }

    private static List<String> texts(List<String> values) {
        return values == null ? List.of() : values.stream().map(v -> v == null ? REPLACEMENT : storable(v)).toList();
    }

    private static Instant time(String field, Instant value) {
        if (value == null) {
            throw new InvalidContactEventException(field + " is missing");
        }
        if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
            throw new InvalidContactEventException(field + " " + value + " is outside " + EARLIEST + " .. " + LATEST);
        }
        return value;
    }

    private static Instant optionalTime(String field, Instant value) {
        return value == null ? null : time(field, value);
    }

    private static String storable(String value) {
        return value.replace(NUL, REPLACEMENT);
    }
}
