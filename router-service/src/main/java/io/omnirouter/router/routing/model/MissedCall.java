package io.omnirouter.router.routing.model;

import java.time.Instant;
import java.util.Objects;

/**
 * An inbound call nobody answered (missed, abandoned, voicemail): the call a later callback is linked to.
 *
 * @param callId     its call id, a linked callback's {@code inReplyTo}
 * @param threadKey  its clear thread key, a linked callback's {@code threadKey}
 * @param occurredAt when it happened
 */
public record MissedCall(String callId, String threadKey, Instant occurredAt) {

    public MissedCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(threadKey, "threadKey");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** Whichever of the two happened later; this one when both happened at the same moment. */
    public MissedCall laterOf(MissedCall other) {
        return other.occurredAt.isAfter(occurredAt) ? other : this;
    }
}
