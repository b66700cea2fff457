package io.omnirouter.history.contact.infrastructure;

import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.consent.model.ConsentChange;
import io.omnirouter.history.consent.model.ConsentPurpose;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Turns a decoded ContactEvent into a {@link Contact}, checking what the store relies on. */
final class ContactEventMapper {

    // PostgreSQL stores far more (4713 BC to 294276 AD), but outside this range a time is garbage and
    // would break clients that read ISO-8601 with four-digit years.
    private static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");
    // Follow-up tasks are indexed by their assignee (an agent id) and their queue: a value too large for a b-tree
    // index entry (about 2.7 kB) would fail the follow-up worker on every attempt, long after its contact was stored,
    // so it is refused here. The router bounds ids and names queues far below this; this guards contact.events
    // written by anything else.
    static final int MAX_INDEXED_BYTES = 2000;

    private ContactEventMapper() {
    }

    /** A record without a value. */
    static InvalidContactEventException tombstone() {
        return new InvalidContactEventException("record has no value (tombstone); contact.events holds ContactEvents only");
    }

    /** @throws InvalidContactEventException naming the broken rule */
    static Contact toContact(ContactEvent event) {
        if (event == null) {
            throw tombstone();
        }
        try {
            return new Contact(
                    contactId(event.getContactId()),
                    required("sourceEventId", event.getSourceEventId()),
                    required("source", event.getSource()),
                    optional("tenant", event.getTenant()),
                    event.getChannel(),
                    Direction.valueOf(event.getDirection().name()),
                    kind(event),
                    time("occurredAt", event.getOccurredAt()),
                    time("routedAt", event.getRoutedAt()),
                    identifiers(event.getIdentifiers()),
                    optional("customerName", event.getCustomerName()),
                    optional("language", event.getLanguage()),
                    required("threadKey", event.getThreadKey()),
                    required("channelRef", event.getChannelRef()),
                    optional("subject", event.getSubject()),
                    optional("text", event.getText()),
                    event.getTextTruncated(),
                    indexed("agentId", event.getAgentId()),
                    Intent.valueOf(event.getIntent().name()),
                    Priority.valueOf(event.getPriority().name()),
                    indexed("queue", required("queue", event.getQueue())),
                    new ChannelDetails(
                            optional("segment", event.getSegment()),
                            optional("callOutcome", event.getCallOutcome()),
                            event.getDurationSeconds(),
                            optionalTime("callbackRequestedAt", event.getCallbackRequestedAt()),
                            optional("inReplyTo", event.getInReplyTo()),
                            texts("attachmentNames", event.getAttachmentNames()),
                            optionalTime("promisedReplyBy", event.getPromisedReplyBy()),
                            optional("chatAuthor", event.getChatAuthor()),
                            event.getResolved(),
                            event.getRating(),
                            optional("orderId", event.getOrderId()),
                            event.getAmountMinor(),
                            optional("currency", event.getCurrency()),
                            facts(event.getDetails())),
                    texts("warnings", event.getWarnings()),
                    consents(event.getConsents()));
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

    /**
     * What happened. ContactEvent v4 made the kind a type, {@code contactKind}; a record written before v4 reads with
     * {@code contactKind} OTHER (the field's default) and names its kind only in the deprecated string {@code kind},
     * so for OTHER the string decides: its kind when it names one, else OTHER. (A v4 record of kind OTHER says OTHER in
     * both.) This is the one place the string is read.
     */
    private static ContactKind kind(ContactEvent event) {
        ContactKind kind = event.getContactKind();
        if (kind != null && kind != ContactKind.OTHER) {
            return kind;
        }
        return Contact.kindNamed(required("kind", event.getKind()));
    }

    private static List<Identifier> identifiers(CustomerIdentifiers ids) {
        if (ids == null) {
            throw new InvalidContactEventException("identifiers are missing");
        }
        List<Identifier> identifiers = new ArrayList<>(IdentifierType.values().length);
        for (IdentifierType type : IdentifierType.values()) {
            add(identifiers, type, carried(ids, type));
        }
        if (identifiers.isEmpty()) {
            throw new InvalidContactEventException("no customer identifier: at least one of "
                    + Arrays.stream(IdentifierType.values()).map(Identifier::fieldName).collect(Collectors.joining(", "))
                    + " is required");
        }
        return identifiers;
    }

    /** The identifier of {@code type} the event carries, as sent (CustomerIdentifiers has one field per type). */
    private static String carried(CustomerIdentifiers ids, IdentifierType type) {
        return switch (type) {
            case PHONE -> ids.getPhone();
            case EMAIL -> ids.getEmail();
            case SHOP_CUSTOMER_ID -> ids.getShopCustomerId();
            case CHAT_VISITOR_ID -> ids.getChatVisitorId();
            case SOCIAL_HANDLE -> ids.getSocialHandle();
        };
    }

    /** ContactEvent.details: names and values are stored as sent (a jsonb object), so neither may hold NUL. */
    private static Map<String, String> facts(Map<String, String> details) {
        if (details == null) {
            return Map.of();
        }
        details.forEach((name, value) -> {
            if (name == null || value == null) {
                throw new InvalidContactEventException("details holds a null name or value");
            }
            // The field, never the name: names are the channel's, but an arbitrary writer's could be anything.
            storable("details", name);
            storable("details", value);
        });
        return details;
    }

    /** Blank counts as absent: the router drops what it cannot normalize. */
    private static void add(List<Identifier> identifiers, IdentifierType type, String value) {
        if (value != null && !value.isBlank()) {
            identifiers.add(new Identifier(type, storable("identifiers." + type, value)));
        }
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidContactEventException(field + " is blank");
        }
        return storable(field, value);
    }

    private static String optional(String field, String value) {
        return value == null ? null : storable(field, value);
    }

    private static String indexed(String field, String value) {
        if (value != null && value.getBytes(StandardCharsets.UTF_8).length > MAX_INDEXED_BYTES) {
            throw new InvalidContactEventException(field + " is longer than " + MAX_INDEXED_BYTES
                    + " bytes in UTF-8: follow-up tasks are indexed by it");
        }
        return optional(field, value);
    }

    private static List<String> texts(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidContactEventException(field + "[" + i + "] is null");
            }
            storable(field + "[" + i + "]", values.get(i));
        }
        return values;
    }

    private static List<ConsentChange> consents(List<io.omnirouter.channel.ConsentChange> changes) {
        if (changes == null) {
            return List.of();
        }
        List<ConsentChange> consents = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            io.omnirouter.channel.ConsentChange change = changes.get(i);
            if (change == null || change.getPurpose() == null) {
                throw new InvalidContactEventException("consents[" + i + "] is missing");
            }
            consents.add(new ConsentChange(ConsentPurpose.valueOf(change.getPurpose().name()), change.getGranted()));
        }
        return consents;
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

    /**
     * PostgreSQL text cannot hold U+0000 (SQLState 22021). Replaced, the text would not be the one sent; refused, the
     * record is kept on the dead-letter topic with its bytes as they were.
     */
    private static String storable(String field, String value) {
        if (value.indexOf('\u0000') >= 0) {
            throw new InvalidContactEventException(field + " contains U+0000 (NUL): PostgreSQL text cannot hold it");
        }
        return value;
    }
}
