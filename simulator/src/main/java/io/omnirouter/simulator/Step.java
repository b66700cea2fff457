package io.omnirouter.simulator;

import java.time.Instant;

/** One event of a journey; everything but the event time (and the event id) is decided when the journey is planned. */
@FunctionalInterface
interface Step {

    ChannelEvent emit(Instant occurredAt);
}
