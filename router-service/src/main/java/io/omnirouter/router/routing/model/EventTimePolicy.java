package io.omnirouter.router.routing.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Rejects absurd event times: before {@code earliest} (a zero or seconds-for-millis timestamp) or further
 * than {@code maxFutureSkew} ahead of the router's clock (a wrong clock or a millis-for-micros timestamp).
 * Both would corrupt SLA clocks, which run on event time.
 */
public record EventTimePolicy(Instant earliest, Duration maxFutureSkew) {

    public void check(Instant occurredAt, Instant now) {
        if (occurredAt.isBefore(earliest)) {
            throw new RejectedEventException(Rejection.OCCURRED_TOO_EARLY, occurredAt, earliest);
        }
        Instant latest = now.plus(maxFutureSkew);
        if (occurredAt.isAfter(latest)) {
            throw new RejectedEventException(Rejection.OCCURRED_IN_THE_FUTURE, occurredAt, maxFutureSkew, now);
        }
    }
}
