package io.omnirouter.router.routing.infrastructure;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.omnirouter.router.routing.model.RejectedEventException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What ops watches on the router: events per source topic and outcome, dead letters by exception and reason, and the
 * age of an event when routed (event time to routing time).
 */
final class RoutingMetrics {

    private final MeterRegistry meters;
    // Looked up once per topic and outcome: registering (a registry lookup with tag sorting) on every event was a
    // measurable part of the router's cost per event.
    private final Map<String, Counter> events = new ConcurrentHashMap<>();
    private final Map<String, Timer> ages = new ConcurrentHashMap<>();

    RoutingMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void routed(String topic, Instant occurredAt, Instant now) {
        count(topic, "routed");
        Duration age = Duration.between(occurredAt, now);
        ages.computeIfAbsent(topic, t -> Timer.builder("omnirouter.router.event.age")
                        .description("Time from the event's occurredAt to its routing")
                        .tag("topic", t)
                        .publishPercentileHistogram()
                        .register(meters))
                .record(age.isNegative() ? Duration.ZERO : age);
    }

    void duplicate(String topic) {
        count(topic, "duplicate");
    }

    void deadLettered(String topic, Exception cause) {
        Counter.builder("omnirouter.router.dead.letters")
                .description("Records sent to a dead-letter topic, by source topic, exception and reason")
                .tag("topic", topic)
                .tag("exception", cause.getClass().getSimpleName())
                // The Rejection (a few dozen constants), or UNDECODABLE for the serde's: never the reason's text.
                .tag("reason", cause instanceof RejectedEventException rejected ? rejected.rejection().name() : "UNDECODABLE")
                .register(meters)
                .increment();
        count(topic, "dead-lettered");
    }

    private void count(String topic, String outcome) {
        events.computeIfAbsent(topic + '\n' + outcome, key -> Counter.builder("omnirouter.router.events")
                        .description("Channel events by source topic and outcome")
                        .tag("topic", topic)
                        .tag("outcome", outcome)
                        .register(meters))
                .increment();
    }
}
