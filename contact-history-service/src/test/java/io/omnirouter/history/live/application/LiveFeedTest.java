package io.omnirouter.history.live.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.omnirouter.history.live.model.LiveEvent;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LiveFeedTest {

    private static final Duration PATIENCE = Duration.ofSeconds(5);
    private static final UUID ANA = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
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

        LiveEvent first = contact(ANA);
        LiveEvent other = contact(BOB);
        LiveEvent second = contact(ANA);
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

        feed.publish(LiveEvents.merge(new LiveEvents.MergeData(UUID.randomUUID(), ANA, BOB, UUID.randomUUID(), Instant.now())));

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

    private LiveFeed feed(int queueCapacity, int maxStreams, Duration keepAlive) {
        return new LiveFeed(new LiveProperties(keepAlive, queueCapacity, maxStreams, Duration.ofMinutes(30), Duration.ofSeconds(3), 2,
                Duration.ofMillis(300)), event -> event.id().getBytes(StandardCharsets.UTF_8), meters);
    }

    private static LiveEvent contact(UUID customerId) {
        return LiveEvents.contact(new ContactData(UUID.randomUUID(), customerId, "EMAIL", "INBOUND", "EMAIL", Instant.now(),
                "email:" + UUID.randomUUID()));
    }

    private static final class RecordingSink implements LiveSink {

        final List<LiveEvent> events = new CopyOnWriteArrayList<>();
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
            sent.forEach(frame -> events.add(frame.event()));
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
