package io.omnirouter.history.live.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnirouter.history.live.model.LiveEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The clients of the live stream and what is on its way to them. Publishing never blocks: each client has a
 * bounded queue, emptied by a small pool of sender threads, and a client whose queue overflows is disconnected
 * (its EventSource reconnects and reloads). Sender threads never wait for a client either: a sink whose connection
 * has not taken what was written is not {@link LiveSink#ready() ready}, its events wait in its queue, and a client
 * that stays stalled longer than the send timeout is disconnected; so clients that stopped reading hold neither a
 * thread nor more memory than their queue. Idle streams get a keep-alive comment, which also finds clients that
 * went away without a word.
 */
@Component
public class LiveFeed implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    private static final Object KEEP_ALIVE = new Object();
    /** Queued events written to a client with one flush at most: bounds one write, not the queue. */
    private static final int EVENTS_PER_WRITE = 500;

    private final LiveProperties properties;
    private final LiveEventEncoding encoding;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final ExecutorService senders;
    private final ScheduledExecutorService keepAlive;
    private final Counter overflows;
    private final Counter stalls;

    public LiveFeed(LiveProperties properties, LiveEventEncoding encoding, MeterRegistry meters) {
        this.properties = properties;
        this.encoding = encoding;
        this.senders = Executors.newFixedThreadPool(properties.senderThreads(), daemonThreads("live-sender-"));
        this.keepAlive = Executors.newSingleThreadScheduledExecutor(daemonThreads("live-keep-alive-"));
        long interval = properties.keepAlive().toMillis();
        keepAlive.scheduleAtFixedRate(this::keepAlive, interval, interval, TimeUnit.MILLISECONDS);
        // A stalled client is noticed within a quarter of the send timeout after it passed.
        long stallCheck = Math.max(50, properties.sendTimeout().toMillis() / 4);
        keepAlive.scheduleAtFixedRate(this::closeStalled, stallCheck, stallCheck, TimeUnit.MILLISECONDS);
        Gauge.builder("omnirouter.live.streams", open, AtomicInteger::get).description("open live streams").register(meters);
        this.overflows = Counter.builder("omnirouter.live.overflows")
                .description("live streams closed because their client did not keep up").register(meters);
        this.stalls = Counter.builder("omnirouter.live.stalls")
                .description("live streams closed because their client's connection took nothing for the send timeout")
                .register(meters);
    }

    /**
     * @param customerId only the events of this customer, or all when null
     * @throws TooManyStreamsException if the configured number of streams is open already
     */
    public Subscription subscribe(UUID customerId, LiveSink sink) {
        if (open.incrementAndGet() > properties.maxStreams()) {
            open.decrementAndGet();
            throw new TooManyStreamsException(properties.maxStreams());
        }
        Subscription subscription = new Subscription(customerId, sink);
        subscriptions.add(subscription);
        return subscription;
    }

    /** Queues the event for every client it concerns, encoded once; returns at once. */
    public void publish(LiveEvent event) {
        LiveFrame frame = null;
        for (Subscription subscription : subscriptions) {
            if (event.concerns(subscription.customerId)) {
                if (frame == null) {
                    frame = new LiveFrame(event, encoding.encode(event));
                }
                subscription.offer(frame);
            }
        }
    }

    /** Open streams. */
    public int size() {
        return open.get();
    }

    private void keepAlive() {
        for (Subscription subscription : subscriptions) {
            subscription.offerKeepAlive();
        }
    }

    private void closeStalled() {
        long now = System.nanoTime();
        long timeout = properties.sendTimeout().toNanos();
        for (Subscription subscription : subscriptions) {
            long since = subscription.sink.stalledSinceNanos();
            if (since != 0 && now - since > timeout) {
                stalls.increment();
                log.info("Closing a live stream whose client took nothing for {}", properties.sendTimeout());
                subscription.closeLater();
            }
        }
    }

    @Override
    public void destroy() {
        keepAlive.shutdownNow();
        subscriptions.forEach(Subscription::close);
        senders.shutdown();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One client's stream. */
    public final class Subscription {

        private final UUID customerId;
        private final LiveSink sink;
        private final BlockingQueue<Object> queue;
        private final AtomicBoolean draining = new AtomicBoolean();
        private final AtomicBoolean active = new AtomicBoolean(true);

        private Subscription(UUID customerId, LiveSink sink) {
            this.customerId = customerId;
            this.sink = sink;
            // Linked: memory follows what is queued, not the bound (a stream of all customers needs a high one).
            this.queue = new LinkedBlockingQueue<>(properties.queueCapacity());
            sink.whenReady(this::schedule);
        }

        /** Forgets the client (it disconnected, or its stream ended); idempotent. */
        public void cancel() {
            if (active.compareAndSet(true, false)) {
                subscriptions.remove(this);
                open.decrementAndGet();
                queue.clear();
            }
        }

        private void offer(LiveFrame frame) {
            if (!active.get()) {
                return;
            }
            if (queue.offer(frame)) {
                schedule();
            } else {
                overflows.increment();
                log.info("Closing a live stream whose client fell {} events behind", properties.queueCapacity());
                closeLater();
            }
        }

        private void offerKeepAlive() {
            // A stream with events on their way needs no keep-alive; a full queue is the overflow's business.
            if (active.get() && queue.isEmpty() && queue.offer(KEEP_ALIVE)) {
                schedule();
            }
        }

        private void schedule() {
            if (draining.compareAndSet(false, true)) {
                try {
                    senders.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    // Shutting down.
                    draining.set(false);
                }
            }
        }

        private void drain() {
            try {
                // Only while the client's connection takes what is written: otherwise the events wait in the queue
                // and the sink resumes the draining when the connection has taken the last write.
                while (active.get() && sink.ready()) {
                    List<LiveFrame> frames = new ArrayList<>();
                    boolean keepAliveDue = false;
                    Object next;
                    while (frames.size() < EVENTS_PER_WRITE && (next = queue.poll()) != null) {
                        if (next == KEEP_ALIVE) {
                            keepAliveDue = true;
                        } else {
                            frames.add((LiveFrame) next);
                        }
                    }
                    if (!frames.isEmpty()) {
                        // Events prove the stream alive as well as a keep-alive would.
                        sink.send(List.copyOf(frames));
                    } else if (keepAliveDue) {
                        sink.keepAlive();
                    } else {
                        break;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // The client went away: normal for a stream, not an error.
                log.debug("Live stream ended while sending: {}", e.toString());
                close();
            } finally {
                draining.set(false);
            }
            // What was queued meanwhile (or the sink becoming ready while this drain was ending) is not left behind.
            if (active.get() && !queue.isEmpty() && sink.ready()) {
                schedule();
            }
        }

        private void closeLater() {
            cancel();
            try {
                // Not on the publishing thread: closing may wait for a write in progress to this client.
                senders.execute(sink::close);
            } catch (RejectedExecutionException e) {
                sink.close();
            }
        }

        private void close() {
            cancel();
            sink.close();
        }
    }
}
