package io.omnirouter.faults;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import io.omnirouter.simulator.ChannelEvent;
import io.omnirouter.simulator.CustomerJourneys;

/**
 * What the run publishes: {@code events} distinct events of {@link CustomerJourneys} (the simulator's customers,
 * with their overlapping identifiers, merges and follow-up triggers; event times from
 * {@link CustomerJourneys#DEFAULT_START}, one second apart, so every escalation the clock can reach is reached in
 * any run), and among them deliberate re-sends of recent events — same key, same value, same {@code eventId} — as an
 * adapter that retries does. The same seed gives the same workload, which is what lets a fault-free reference run
 * and the run under faults be compared.
 *
 * @param events every record to publish, in order
 */
record Workload(long seed, List<Planned> events) {

    /** Share of events that are followed, a little later, by a re-send of an earlier one. */
    static final double RESEND_SHARE = 0.03;
    /** A re-send repeats one of the last this many events (well inside the router's de-duplication window). */
    private static final int RESEND_DISTANCE = 200;

    /**
     * @param eventId the event's {@code meta.eventId}
     * @param resend  whether this is a repeat of an event planned earlier
     */
    record Planned(ChannelEvent event, String eventId, boolean resend) {

        /** The identity of a stored contact: channel topic and event id. */
        String sourceKey() {
            return SourceKey.of(event.topic().topic(), eventId);
        }
    }

    Workload {
        events = List.copyOf(events);
    }

    static Workload plan(long seed, int distinctEvents, int customers) {
        Iterator<ChannelEvent> journeys = CustomerJourneys.events(seed, customers);
        Random random = new Random(seed ^ 0x5DEECE66DL);
        List<Planned> planned = new ArrayList<>();
        List<Planned> distinct = new ArrayList<>();
        while (distinct.size() < distinctEvents) {
            ChannelEvent event = journeys.next();
            Planned next = new Planned(event, event.meta().getEventId(), false);
            planned.add(next);
            distinct.add(next);
            if (random.nextDouble() < RESEND_SHARE) {
                Planned original = distinct.get(Math.max(0, distinct.size() - 1 - random.nextInt(RESEND_DISTANCE)));
                planned.add(new Planned(original.event(), original.eventId(), true));
            }
        }
        return new Workload(seed, planned);
    }

    long distinct() {
        return events.stream().filter(event -> !event.resend()).count();
    }

    long resends() {
        return events.size() - distinct();
    }
}
