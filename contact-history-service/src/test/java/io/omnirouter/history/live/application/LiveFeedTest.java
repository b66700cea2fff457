package io.omnirouter.history.live.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.omnirouter.history.live.model.LiveChange;
import io.omnirouter.history.live.model.LiveEvent;
import io.omnirouter.history.live.model.LivePosition;
import io.omnirouter.history.live.model.LiveEvents;
import io.omnirouter.history.live.model.LiveEvents.ContactData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveFeedTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final UUID ANA = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong positions = new AtomicLong();
    private LiveFeed feed;

    @AfterEach
    void stop() {
        feed.destroy();
    }

    @Test
    void aClientFollowingACustomerGetsOnlyItsEventsInOrder() {
        feed = feed(16, 10, Duration.ofMinutes(1));
        RecordingSink ana = new RecordingSink();
        RecordingSink everyone = new RecordingSink();
        feed.subscribe(ANA, ana);
        feed.subscribe(null, everyone);

        LiveChange first = contact(ANA);
        LiveChange other = contact(BOB);
        LiveChange second = contact(ANA);
        feed.publish(first);
        feed.publish(other);
        feed.publish(second);

        await().atMost(PATIENCE).until(() -> everyone.events.size() == 3);
        assertThat(everyone.events).containsExactly(first, other, second);
        await().atMost(PATIENCE).until(() -> ana.events.size() == 2);
        assertThat(ana.events).containsExactly(first, second);
    }

    @Test
    void aMergeConcernsBothCustomers() {
        feed = feed(16, 10, Duration.ofMinutes(1));
        RecordingSink bob = new RecordingSink();
        feed.subscribe(BOB, bob);

        feed.publish(kept(LiveEvents.merge(new LiveEvents.MergeData(UUID.randomUUID(), ANA, BOB, UUID.randomUUID(), Instant.now()))));

        await().atMost(PATIENCE).until(() -> bob.events.size() == 1);
        assertThat(bob.events.get(0).type()).isEqualTo("merge");
    }

    @Test
    void aClientThatFallsBehindIsDisconnectedWithoutHoldingUpThePublisherOrOthers() {
        feed = feed(4, 10, Duration.ofMinutes(1));
        RecordingSink slow = new RecordingSink();
        slow.blocked = new CountDownLatch(1);
        RecordingSink fast = new RecordingSink();
        feed.subscribe(null, slow);
        feed.subscribe(null, fast);

        // One event in the slow client's hands (its send blocks), four queued, the sixth is one too many.
        for (int i = 1; i <= 6; i++) {
            feed.publish(contact(ANA));
            int published = i;
            await().atMost(PATIENCE).until(() -> fast.events.size() == published);
        }

        await().atMost(PATIENCE).until(() -> slow.closed.get());
        assertThat(feed.size()).isEqualTo(1);
        assertThat(meters.get("omnirouter.live.overflows").counter().count()).isEqualTo(1.0);
        assertThat(fast.closed.get()).isFalse();
        slow.blocked.countDown();
    }

    @Test
    void clientsWhoseConnectionsTakeNothingHoldNoSenderAndAreDisconnectedAfterTheSendTimeout() {
        feed = feed(1000, 100, Duration.ofMinutes(1));
        List<RecordingSink> stalled = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            RecordingSink sink = new RecordingSink();
            sink.stalledSince = System.nanoTime();
            feed.subscribe(null, sink);
            stalled.add(sink);
        }
        RecordingSink reading = new RecordingSink();
        feed.subscribe(ANA, reading);

        // Fifty stalled clients and two sender threads: the reading client's events still go out at once.
        for (int i = 1; i <= 20; i++) {
            feed.publish(contact(ANA));
            int published = i;
            await().atMost(Duration.ofMillis(500)).until(() -> reading.events.size() == published);
        }

        await().atMost(PATIENCE).until(() -> stalled.stream().allMatch(sink -> sink.closed.get()));
        assertThat(stalled).allSatisfy(sink -> assertThat(sink.events).isEmpty());
        assertThat(feed.size()).isEqualTo(1);
        assertThat(meters.get("omnirouter.live.stalls").counter().count()).isEqualTo(50.0);
        assertThat(reading.closed.get()).isFalse();
    }

    @Test
    void aClientThatWentAwayIsForgotten() {
        feed = feed(16, 10, Duration.ofMinutes(1));
        RecordingSink gone = new RecordingSink();
        gone.failing = true;
        feed.subscribe(null, gone);

        feed.publish(contact(ANA));

        await().atMost(PATIENCE).until(() -> gone.closed.get());
        assertThat(feed.size()).isZero();
    }

    @Test
    void aCancelledSubscriptionGetsNothingMore() {
        feed = feed(16, 10, Duration.ofMinutes(1));
        RecordingSink sink = new RecordingSink();
        LiveFeed.Subscription subscription = feed.subscribe(null, sink);

        subscription.cancel();
        subscription.cancel();
        feed.publish(contact(ANA));

        assertThat(feed.size()).isZero();
        assertThat(sink.events).isEmpty();
        assertThat(meters.get("omnirouter.live.streams").gauge().value()).isZero();
    }

    @Test
    void streamsAreLimited() {
        feed = feed(16, 2, Duration.ofMinutes(1));
        feed.subscribe(null, new RecordingSink());
        LiveFeed.Subscription second = feed.subscribe(null, new RecordingSink());

        assertThatThrownBy(() -> feed.subscribe(null, new RecordingSink())).isInstanceOf(TooManyStreamsException.class);
        second.cancel();
        feed.subscribe(null, new RecordingSink());
        assertThat(feed.size()).isEqualTo(2);
    }

    @Test
    void idleStreamsGetKeepAlives() {
        feed = feed(16, 10, Duration.ofMillis(20));
        RecordingSink sink = new RecordingSink();
        feed.subscribe(null, sink);

        await().atMost(PATIENCE).until(() -> sink.keepAlives.get() >= 2);
    }

    @Test
    void aResumingClientGetsWhatItMissedThenWhatIsPublishedMeanwhileAndAfterEachOnce() {
        feed = feed(16, 10, Duration.ofMinutes(1));
        LiveChange seen = contact(ANA);
        LiveChange missed = contact(ANA);
        feed.publish(seen);
        feed.publish(missed);
        LiveChange meanwhile = contact(ANA);
        LiveChange after = contact(ANA);
        RecordingSink sink = new RecordingSink();

        // While the log is read, the feed publishes the next change: held, and queued after what the log gave.
        feed.resume(ANA, sink, seen.position().toString(), (lastEventId, upTo, customerId, limit) -> {
            assertThat(upTo).isEqualTo(missed.position());
            feed.publish(meanwhile);
            return new MissedChanges.Missed(List.of(missed), upTo, null);
        });
        feed.publish(after);

        await().atMost(PATIENCE).until(() -> sink.events.size() == 3);
        assertThat(sink.events).containsExactly(missed, meanwhile, after);
    }

    @Test
    void aClientResumingAheadOfThisInstanceGetsNothingTwice() {
        feed = feed(16, 10, Duration.ofMinutes(1));
        LiveChange seenOnAnotherInstance = contact(ANA);
        LiveChange next = contact(ANA);
        RecordingSink sink = new RecordingSink();

        // The other instance had published further: this one publishes the client's last change after it resumed.
        feed.resume(ANA, sink, seenOnAnotherInstance.position().toString(),
                (lastEventId, upTo, customerId, limit) -> new MissedChanges.Missed(List.of(), seenOnAnotherInstance.position(), null));
        feed.publish(seenOnAnotherInstance);
        feed.publish(next);

        await().atMost(PATIENCE).until(() -> !sink.events.isEmpty());
        assertThat(sink.events).containsExactly(next);
    }

    @Test
    void aClientThatCannotResumeGetsAResyncFirst() {
        feed = feed(16, 10, Duration.ofMinutes(1));
        LiveChange published = contact(ANA);
        feed.publish(published);
        RecordingSink sink = new RecordingSink();

        feed.resume(ANA, sink, "garbage", (lastEventId, upTo, customerId, limit) -> MissedChanges.Missed.resync(upTo, "not a position"));
        LiveChange next = contact(ANA);
        feed.publish(next);

        await().atMost(PATIENCE).until(() -> sink.events.size() == 2);
        assertThat(sink.events.get(0).type()).isEqualTo(LiveEvents.RESYNC);
        assertThat(sink.events.get(0).position()).as("resumes from there next time").isEqualTo(published.position());
        assertThat(sink.events.get(1)).isEqualTo(next);
    }

    private LiveFeed feed(int queueCapacity, int maxStreams, Duration keepAlive) {
        return new LiveFeed(new LiveProperties(keepAlive, queueCapacity, maxStreams, Duration.ofMinutes(30), Duration.ofSeconds(3), 2,
                Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofMinutes(15)), new LiveEventEncoding() {
                    @Override
                    public String data(LiveEvent event) {
                        return event.type();
                    }

                    @Override
                    public byte[] frame(LiveChange change) {
                        return change.position().toString().getBytes(StandardCharsets.UTF_8);
                    }
                }, meters);
    }

    private LiveChange contact(UUID customerId) {
        return kept(LiveEvents.contact(new ContactData(UUID.randomUUID(), customerId, "EMAIL", "INBOUND", "EMAIL", Instant.now(),
                "email:" + UUID.randomUUID())));
    }

    /** The event as the change log would give it back: at the next position. */
    private LiveChange kept(LiveEvent event) {
        return new LiveChange(new LivePosition(1000, positions.incrementAndGet()), event.type(), event.customerIds(), event.type());
    }

    private static final class RecordingSink implements LiveSink {

        final List<LiveChange> events = new CopyOnWriteArrayList<>();
        final AtomicInteger keepAlives = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        volatile CountDownLatch blocked;
        volatile boolean failing;
        /** Non-zero: the connection has taken nothing since then (never ready). */
        volatile long stalledSince;

        @Override
        public boolean ready() {
            return stalledSince == 0;
        }

        @Override
        public long stalledSinceNanos() {
            return stalledSince;
        }

        @Override
        public void send(List<LiveFrame> sent) throws IOException {
            if (failing) {
                throw new IOException("Broken pipe");
            }
            CountDownLatch latch = blocked;
            if (latch != null) {
                try {
                    latch.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sent.forEach(frame -> events.add(frame.change()));
        }

        @Override
        public void keepAlive() {
            keepAlives.incrementAndGet();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
