package io.omnirouter.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** One event of a journey; everything but the event time (and the event id) is decided when the journey is planned. */
@FunctionalInterface
interface Step {

    ChannelEvent emit(Instant occurredAt);

    /**
     * How long after the journey's previous event this one happens at the earliest: an agent's reply time. Zero (the
     * default): as soon as the journey comes up again.
     */
    default Duration waitAfterPrevious() {
        return Duration.ZERO;
    }

    /** This step, at least {@code wait} after the journey's previous one. */
    default Step after(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        Step step = this;
        return new Step() {
            @Override
            public ChannelEvent emit(Instant occurredAt) {
                return step.emit(occurredAt);
            }

            @Override
            public Duration waitAfterPrevious() {
                return wait;
            }
        };
    }
}
