package io.omnirouter.router.routing.model;

import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactKind;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which calls are callbacks of which missed calls ("phone by call, and callbacks linked to the missed call"): an
 * answered outbound call is the callback of the same customer's latest missed inbound call (missed, abandoned or
 * voicemail, the calls that promise a callback) if that call happened before it and at most {@code window} before
 * it. Every such callback links to the latest missed call, whether an earlier callback linked to it already or not.
 * An inbound call, or an outbound call nobody answered, is never a callback; a callback without such a missed call
 * keeps a thread of its own.
 */
public final class CallbackLink {

    private final Duration window;

    /** @param window how long before a callback its missed call may have happened; positive */
    public CallbackLink(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the callback link window must be positive, got " + window);
        }
        this.window = window;
    }

    public Duration window() {
        return window;
    }

    /** An inbound call that promises a callback: missed, abandoned, or left on voicemail. */
    public static boolean isMissedCall(Channel channel, Direction direction, ContactKind kind) {
        return channel == Channel.PHONE && direction == Direction.INBOUND
                && (kind == ContactKind.CALL_MISSED || kind == ContactKind.CALL_ABANDONED || kind == ContactKind.CALL_VOICEMAIL);
    }

    /** An outbound call the customer answered: the only kind of call that can be a callback. */
    public static boolean isAnsweredOutboundCall(Channel channel, Direction direction, ContactKind kind) {
        return channel == Channel.PHONE && direction == Direction.OUTBOUND && kind == ContactKind.CALL_ANSWERED;
    }

    /**
     * The missed call that an answered outbound call at {@code callbackAt} is the callback of, given the latest missed
     * call of the same customer: that call, if it happened before the callback and within the window; else none.
     */
    public Optional<MissedCall> missedCallAnsweredBy(Instant callbackAt, Optional<MissedCall> latestMissedCall) {
        return latestMissedCall.filter(missed -> missed.occurredAt().isBefore(callbackAt)
                && !missed.occurredAt().isBefore(callbackAt.minus(window)));
    }
}
