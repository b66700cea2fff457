package io.omnirouter.history.contact.model;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.history.customer.model.Uuids;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which call is the callback of which missed call (contact-history-service/docs/callbacks.md): an answered outbound
 * call is the callback of its customer's latest missed inbound call (missed, abandoned or voicemail: the calls that owe
 * a callback) that happened before it and at most {@code window} before it. Every such call links to that latest missed call, whether an earlier callback did already
 * or not. An inbound call, or an outbound call nobody answered, is never a callback.
 * <p>
 * The link is a function of the customer's stored contacts, read with them (the timeline and the threads apply this
 * rule in SQL, {@code CallbackLinkSql}, built from the kinds declared here): a missed call arriving late, a merge or an
 * unmerge changes it at once, and it never depends on the order the contacts were routed or stored in.
 */
public record CallbackLink(Duration window) {

    /** Inbound calls that owe the customer a callback. */
    public static final Set<ContactKind> MISSED_CALL_KINDS = Set.of(ContactKind.CALL_MISSED, ContactKind.CALL_ABANDONED,
            ContactKind.CALL_VOICEMAIL);
    /** Outbound calls that can be a callback: the customer answered. */
    public static final Set<ContactKind> CALLBACK_KINDS = Set.of(ContactKind.CALL_ANSWERED);

    public CallbackLink {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the callback link window must be positive, got " + window);
        }
    }

    public static boolean isMissedCall(Channel channel, Direction direction, ContactKind kind) {
        return channel == Channel.PHONE && direction == Direction.INBOUND && MISSED_CALL_KINDS.contains(kind);
    }

    public static boolean isCallbackCandidate(Channel channel, Direction direction, ContactKind kind) {
        return channel == Channel.PHONE && direction == Direction.OUTBOUND && CALLBACK_KINDS.contains(kind);
    }

    /**
     * The rule on contacts in memory, for tests and for reasoning: the missed call that {@code call} is the callback
     * of, among the customer's {@code contacts}; latest by event time, then by contact id as PostgreSQL orders it.
     */
    public Optional<TimelineEntry> missedCallAnsweredBy(TimelineEntry call, Stream<TimelineEntry> contacts) {
        if (!isCallbackCandidate(call.channel(), call.direction(), call.kind())) {
            return Optional.empty();
        }
        Instant earliest = call.occurredAt().minus(window);
        return contacts.filter(c -> isMissedCall(c.channel(), c.direction(), c.kind()))
                .filter(c -> c.occurredAt().isBefore(call.occurredAt()) && !c.occurredAt().isBefore(earliest))
                .max(Comparator.comparing(TimelineEntry::occurredAt).thenComparing(TimelineEntry::contactId, Uuids.ORDER));
    }
}
