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
            throw new RejectedEventException("meta.occurredAt " + occurredAt + " is before " + earliest
                    + ": not a plausible event time (seconds sent as milliseconds?)");
        }
        Instant latest = now.plus(maxFutureSkew);
        if (occurredAt.isAfter(latest)) {
            throw new RejectedEventException("meta.occurredAt " + occurredAt + " is more than " + maxFutureSkew
                    + " in the future (router clock " + now + "): adapter clock or unit wrong");
        }
    }
}
