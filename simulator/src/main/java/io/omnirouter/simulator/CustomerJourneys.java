package io.omnirouter.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Realistic channel traffic of a population of synthetic customers: people who email and then call,
 * chase an unanswered email on another channel, complain in English, Slovenian, Turkish, Russian or
 * Thai, order, get deliveries, return, cancel, review, chat, miss calls and get called back, write on
 * WhatsApp and Messenger, comment in public on Instagram and Facebook — and the agents who answer them,
 * on social media minutes or hours later. Each person is known to the channels by overlapping identifiers
 * (email, phone in several spellings, shop customer id, chat visitor ids, social handles; WhatsApp gives
 * the phone), written the messy ways people write them.
 *
 * <p>A seed determines everything: the same seed, customer count and event times give the same events,
 * ids included — so a second run with the same seed produces duplicates that the router drops. Several
 * journeys run interleaved, as conversations do; one waiting for an agent's reply steps aside meanwhile.
 *
 * <p>Building the records needs the system property {@code org.apache.avro.SERIALIZABLE_PACKAGES} (see
 * the root pom) set before Avro is first used.
 */
public final class CustomerJourneys {

    /** Event time of the first event of {@link #events(long, int)}. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-05T08:00:00Z");
    /** Event-time distance between consecutive events of {@link #events(long, int)}. */
    public static final Duration DEFAULT_SPACING = Duration.ofSeconds(1);
    private static final int CONCURRENT_JOURNEYS = 12;
    /** Journeys that wait for an agent's reply at the same time, at most. */
    private static final int MAX_ON_HOLD = 500;

    private CustomerJourneys() {
    }

    /**
     * An endless stream of events with event times from {@link #DEFAULT_START}, one {@link #DEFAULT_SPACING} apart:
     * fully reproducible, for tests and benchmarks.
     */
    public static Iterator<ChannelEvent> events(long seed, int customers) {
        return events(seed, customers, steadyClock(DEFAULT_START, DEFAULT_SPACING));
    }

    /**
     * An endless stream of events; {@code eventTime} is asked once per event, in order, for its
     * {@code occurredAt} (truncated to milliseconds, the precision of the contract). Promised reply times,
     * agreed callbacks and the agents' reply times on social media are relative to it. Pass {@code Instant::now}
     * for live traffic.
     */
    public static Iterator<ChannelEvent> events(long seed, int customers, Supplier<Instant> eventTime) {
        if (customers < 1) {
            throw new IllegalArgumentException("customers must be at least 1, was " + customers);
        }
        Objects.requireNonNull(eventTime, "eventTime");
        Random random = new Random(seed);
        Journeys journeys = new Journeys(random, SyntheticCustomer.population(random, customers));
        return new InterleavedJourneys(random, journeys, Math.min(customers, CONCURRENT_JOURNEYS), eventTime);
    }

    /** {@code start}, {@code start + spacing}, {@code start + 2 × spacing}, … — one instant per call. */
    public static Supplier<Instant> steadyClock(Instant start, Duration spacing) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(spacing, "spacing");
        return new Supplier<>() {
            private Instant next = start;

            @Override
            public Instant get() {
                Instant now = next;
                next = next.plus(spacing);
                return now;
            }
        };
    }

    /**
     * Keeps several journeys open and emits the next step of a randomly chosen one that may go on: a step that waits
     * (an agent's reply, {@link Step#waitAfterPrevious()}) sets its journey aside until the event time has come, and
     * other journeys go on meanwhile. At most {@link #MAX_ON_HOLD} journeys wait: beyond that the one due first goes on
     * at once (an event clock faster than people, such as a benchmark's wall clock at thousands of events per second,
     * would otherwise pile up waiting journeys without end).
     */
    private static final class InterleavedJourneys implements Iterator<ChannelEvent> {

        private final Random random;
        private final Journeys journeys;
        private final int concurrency;
        private final Supplier<Instant> eventTime;
        private final List<OpenJourney> goingOn = new ArrayList<>();
        private final PriorityQueue<OpenJourney> onHold = new PriorityQueue<>(
                Comparator.comparing(OpenJourney::dueAt).thenComparingLong(OpenJourney::number));
        private long opened;

        InterleavedJourneys(Random random, Journeys journeys, int concurrency, Supplier<Instant> eventTime) {
            this.random = random;
            this.journeys = journeys;
            this.concurrency = concurrency;
            this.eventTime = eventTime;
        }

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public ChannelEvent next() {
            Instant at = eventTime.get().truncatedTo(ChronoUnit.MILLIS);
            while (!onHold.isEmpty() && (!onHold.peek().dueAt().isAfter(at) || onHold.size() > MAX_ON_HOLD)) {
                goingOn.add(onHold.poll());
            }
            while (goingOn.size() < concurrency) {
                goingOn.add(new OpenJourney(journeys.next(), opened++));
            }
            int index = random.nextInt(goingOn.size());
            OpenJourney journey = goingOn.get(index);
            ChannelEvent event = journey.emit(at);
            if (journey.isFinished()) {
                goingOn.remove(index);
            } else if (journey.dueAt().isAfter(at)) {
                goingOn.remove(index);
                onHold.add(journey);
            }
            return event;
        }
    }

    /** A journey's steps still to come, and when its next one may happen. */
    private static final class OpenJourney {

        private final Deque<Step> steps;
        private final long number;
        private Instant previousAt = Instant.MIN;

        OpenJourney(Deque<Step> steps, long number) {
            this.steps = steps;
            this.number = number;
        }

        ChannelEvent emit(Instant at) {
            previousAt = at;
            return steps.removeFirst().emit(at);
        }

        boolean isFinished() {
            return steps.isEmpty();
        }

        /** The earliest event time of the next step (of an open journey). */
        Instant dueAt() {
            return previousAt.plus(steps.getFirst().waitAfterPrevious());
        }

        long number() {
            return number;
        }
    }
}
