package io.omnirouter.history.live.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnirouter.history.live.model.LiveChange;
import io.omnirouter.history.live.model.LiveEvent;
import io.omnirouter.history.live.model.LiveEvents;
import io.omnirouter.history.live.model.LivePosition;
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
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The clients of the live stream and what is on its way to them. Changes are published in position order (by
 * {@link FollowingLiveChanges}, from the change log every instance shares); a client that resumes from a position gets
 * what it missed from the log, then the published changes after it, each once. Publishing never blocks: each client has a
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
    /** The position of the newest change published: set before it is offered to anyone (see {@link #resume}). */
    private final AtomicReference<LivePosition> published = new AtomicReference<>(LivePosition.START);
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
     * A stream of the changes published from now on.
     *
     * @param customerId only the events of this customer, or all when null
     * @throws TooManyStreamsException if the configured number of streams is open already
     */
    public Subscription subscribe(UUID customerId, LiveSink sink) {
        Subscription subscription = open(customerId, sink);
        subscriptions.add(subscription);
        // As a resume from the newest position published: what is published from here on, and nothing before it.
        subscription.caughtUp(new MissedChanges.Missed(List.of(), published.get(), null));
        return subscription;
    }

    /**
     * A stream that resumes after the change the client saw last ({@code Last-Event-ID}): what it missed, from the log,
     * then what is published, with no gap and nothing twice. The subscription holds what is published while the log is
     * read; everything at or before the position read up to is the log's, everything after it the feed's. Where it
     * cannot resume (see {@link MissedChanges}), the client first gets a {@code resync} event and then what is
     * published.
     *
     * @throws TooManyStreamsException if the configured number of streams is open already
     */
    public Subscription resume(UUID customerId, LiveSink sink, String lastEventId, MissedChanges log) {
        Subscription subscription = open(customerId, sink);
        subscriptions.add(subscription);
        // Read after the subscription is in the set: what is published from here on reaches it, what was before is
        // at or before upTo, so in the log.
        LivePosition upTo = published.get();
        MissedChanges.Missed missed;
        try {
            missed = log.between(lastEventId, upTo, customerId, properties.queueCapacity());
        } catch (RuntimeException e) {
            subscription.cancel();
            throw e;
        }
        subscription.caughtUp(missed);
        return subscription;
    }

    private Subscription open(UUID customerId, LiveSink sink) {
        if (open.incrementAndGet() > properties.maxStreams()) {
            open.decrementAndGet();
            throw new TooManyStreamsException(properties.maxStreams());
        }
        return new Subscription(customerId, sink);
    }

    /** Queues the change for every client it concerns, encoded once; returns at once. Changes come in position order. */
    public void publish(LiveChange change) {
        published.set(change.position());
        LiveFrame frame = null;
        for (Subscription subscription : subscriptions) {
            if (change.concerns(subscription.customerId)) {
                if (frame == null) {
                    frame = new LiveFrame(change, encoding.frame(change));
                }
                subscription.offer(frame);
            }
        }
    }

    /** Where publishing starts (the newest change in the log when the feed starts following it). */
    public void startAfter(LivePosition position) {
        published.set(position);
    }

    /** The newest position published. */
    public LivePosition published() {
        return published.get();
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
        /** Until it is caught up: what is published meanwhile, queued after what the log gives. */
        private List<LiveFrame> held = new ArrayList<>();
        /** The newest position queued: nothing at or before it is queued again. */
        private LivePosition last;
        /** Where the stream starts: the client has (or needs) nothing at or before it. */
        private volatile LivePosition startsAfter;

        private Subscription(UUID customerId, LiveSink sink) {
            this.customerId = customerId;
            this.sink = sink;
            // Linked: memory follows what is queued, not the bound (a stream of all customers needs a high one).
            this.queue = new LinkedBlockingQueue<>(properties.queueCapacity());
            sink.whenReady(this::schedule);
        }

        /**
         * Where the stream starts: sent to the client as the id to resume from, should it lose the connection before
         * the first change reaches it.
         */
        public LivePosition startsAfter() {
            return startsAfter;
        }

        /** Forgets the client (it disconnected, or its stream ended); idempotent. */
        public void cancel() {
            if (active.compareAndSet(true, false)) {
                subscriptions.remove(this);
                open.decrementAndGet();
                queue.clear();
            }
        }

        private synchronized void offer(LiveFrame frame) {
            if (!active.get()) {
                return;
            }
            if (held != null) {
                if (held.size() < properties.queueCapacity()) {
                    held.add(frame);
                } else {
                    overflow();
                }
                return;
            }
            if (queued(frame)) {
                schedule();
            }
        }

        /** What the log gave, then what was held meanwhile: from here on the client gets what is published. */
        private synchronized void caughtUp(MissedChanges.Missed missed) {
            List<LiveFrame> meanwhile = held;
            held = null;
            if (missed.resyncReason() != null) {
                LiveChange resync = new LiveChange(missed.resumeAfter(), LiveEvents.RESYNC, Set.of(),
                        encoding.data(new LiveEvent(LiveEvents.RESYNC, Set.of(), new LiveEvents.ResyncData(missed.resyncReason()))));
                queued(new LiveFrame(resync, encoding.frame(resync)));
            }
            for (LiveChange change : missed.changes()) {
                queued(new LiveFrame(change, encoding.frame(change)));
            }
            last = last == null || missed.resumeAfter().isAfter(last) ? missed.resumeAfter() : last;
            startsAfter = missed.resumeAfter();
            for (LiveFrame frame : meanwhile) {
                queued(frame);
            }
            schedule();
        }

        /** @return whether it was queued (not: seen already, or the client overflowed and is closed) */
        private boolean queued(LiveFrame frame) {
            LivePosition position = frame.change().position();
            boolean resync = frame.change().type().equals(LiveEvents.RESYNC);
            if (!resync && last != null && !position.isAfter(last)) {
                return false;
            }
            if (!active.get() || !queue.offer(frame)) {
                overflow();
                return false;
            }
            if (!resync) {
                last = position;
            }
            return true;
        }

        private void overflow() {
            if (active.get()) {
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
