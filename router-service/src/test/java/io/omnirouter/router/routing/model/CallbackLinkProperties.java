package io.omnirouter.router.routing.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * For any missed call, callback and window: a callback is linked to a missed call that happened before it and at
 * most the window before it, and never to one after it or outside the window.
 */
class CallbackLinkProperties {

    private static final Instant CALLBACK_AT = Instant.parse("2026-11-23T10:00:00Z");
    private static final long THIRTY_DAYS_MS = Duration.ofDays(30).toMillis();

    @Test
    void aCallbackIsLinkedExactlyToAMissedCallBeforeItAndWithinTheWindow() {
        qt().forAll(longs().between(-THIRTY_DAYS_MS, THIRTY_DAYS_MS), longs().between(1, THIRTY_DAYS_MS))
                .checkAssert((missedOffsetMs, windowMs) -> {
                    Instant missedAt = CALLBACK_AT.plusMillis(missedOffsetMs);
                    MissedCall missed = new MissedCall("call-1", "phone:call-1", missedAt);
                    Optional<MissedCall> linked = new CallbackLink(Duration.ofMillis(windowMs))
                            .missedCallAnsweredBy(CALLBACK_AT, Optional.of(missed));

                    boolean beforeAndWithin = missedOffsetMs < 0 && -missedOffsetMs <= windowMs;
                    assertThat(linked.isPresent()).as("linked, missed %d ms from the callback, window %d ms",
                            missedOffsetMs, windowMs).isEqualTo(beforeAndWithin);
                    linked.ifPresent(call -> assertThat(call).isEqualTo(missed));
                });
    }
}
