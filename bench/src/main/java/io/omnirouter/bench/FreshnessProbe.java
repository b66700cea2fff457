package io.omnirouter.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;


import io.omnirouter.simulator.ChannelEvent;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.Producer;

/**
 * End-to-end freshness: channel events published open-loop at a fixed rate (each sent at its scheduled time
 * whether or not the system keeps up), and for each the time from its {@code occurredAt} to the moment the
 * agent API shows it.
 * <ul>
 *   <li>Through the live stream ({@code GET /api/stream}) when the service has one: every {@code contact} event
 *       counts, from its {@code occurredAt} to its arrival at the bench (the service sends it after the commit).</li>
 *   <li>Otherwise by polling sampled customers' timelines: {@code lookup} by the event's identifier, then the
 *       first timeline page until the event is on it; the event counts as visible at the middle of the request
 *       that first showed it.</li>
 * </ul>
 * Events of the first {@code warmupSeconds} are not counted. {@code occurredAt} has millisecond precision (it is
 * truncated), so figures are up to 1 ms high.
 */
final class FreshnessProbe {

    private static final Pattern OCCURRED_AT = Pattern.compile("\"occurredAt\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CUSTOMER_ID = Pattern.compile("\"customerId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SURVIVOR_ID = Pattern.compile("\"survivorId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern MERGED_ID = Pattern.compile("\"mergedId\"\\s*:\\s*\"([^\"]+)\"");
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final long SAMPLE_TIMEOUT_MS = 60_000;

    /**
     * @param received   events seen through the API (stream) or samples that became visible (polling)
     * @param missing    published events in the measured window the stream never delivered, or samples that timed out
     * @param resolutionMs polling only: mean gap between the last poll that did not show a sample and the one that did
     */
    record Result(String method, Histogram micros, long published, double achievedRate, long maxScheduleLagMs,
                  long received, long missing, double resolutionMs, int reconnects, CpuMeter.Usage usage, Hot hot) {

        /** The hot customer's figures, if the run had one ({@link #run(Workload, double, Workload, double, int, int, int, int)}). */
        Optional<Hot> hotCustomer() {
            return Optional.ofNullable(hot);
        }
    }

    /**
     * One customer's own traffic, on top of the rest: its contacts' freshness apart from the others'.
     *
     * @param micros       freshness of the contacts attributed to the hot customer (any of its customer ids)
     * @param published    its events published in the measured window
     * @param achievedRate of those, per second
     * @param counted      its contacts seen on the stream in the measured window
     * @param customerIds  the customer ids its identifiers resolved to, or merges joined to them, over the run
     */
    record Hot(Histogram micros, long published, double achievedRate, long counted, int customerIds) {
    }

    private final ApiClient api;
    private final CpuMeter meter;
    /**
     * With several history instances the stream of the one the probe is connected to carries every contact, whichever
     * instance stored it (the stream is read from the database's change log).
     */
    FreshnessProbe(ApiClient api, CpuMeter meter) {
        this.api = api;
        this.meter = meter;
    }

    Result run(Workload workload, double rate, int warmupSeconds, int seconds, int samplesPerSecond, int pollIntervalMs) {
        return run(workload, rate, null, 0, warmupSeconds, seconds, samplesPerSecond, pollIntervalMs);
    }

    /**
     * As {@link #run(Workload, double, int, int, int, int)}, with one customer's traffic ({@code hot}, a population of
     * one) published at {@code hotRate} on top. Its contacts are told apart on the stream by their customer id: the ids
     * its identifiers resolve to (looked up once a second) and those merges join to them. A contact of an identifier
     * the hot customer never showed before counts with the rest until its customer joins.
     */
    Result run(Workload workload, double rate, Workload hot, double hotRate, int warmupSeconds, int seconds,
               int samplesPerSecond, int pollIntervalMs) {
        Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
        AtomicLong measureFromMillis = new AtomicLong(Long.MAX_VALUE);
        HotCustomer hotCustomer = hot == null ? null : new HotCustomer();
        LiveStream stream = new LiveStream(recorder, measureFromMillis, hotCustomer);
        boolean polling = !stream.connect();
        if (hot != null && polling) {
            throw new BenchException("The hot customer's freshness needs the live stream (/api/stream), which the service does not offer");
        }

        ScheduledExecutorService pollers = Executors.newScheduledThreadPool(8, r -> {
            Thread t = new Thread(r, "bench-freshness-poller");
            t.setDaemon(true);
            return t;
        });
        Polls polls = new Polls(recorder, pollers, pollIntervalMs);
        int sampleEvery = Math.max(1, (int) Math.round(rate / Math.max(1, samplesPerSecond)));

        long period = Math.max(1, Math.round(1e9 / rate));
        long total = Math.round(rate * (warmupSeconds + seconds));
        long warmupEvents = Math.round(rate * warmupSeconds);
        long hotPeriod = hot == null ? Long.MAX_VALUE : Math.max(1, Math.round(1e9 / hotRate));
        long hotPublished = 0;
        long maxLag = 0;
        CpuMeter.Sample cpu = null;
        long measureStartNanos = 0;
        ScheduledExecutorService hotLookups = null;
        try (Producer<byte[], byte[]> producer = workload.liveProducer()) {
            // One event first, so that the producer has its metadata before the clock starts.
            producer.send(workload.record(workload.next())).get();
            if (hotCustomer != null) {
                hotLookups = hotCustomer.lookUpEverySecond();
            }
            long next = System.nanoTime();
            long nextHot = hot == null ? Long.MAX_VALUE : next;
            for (long i = 0; i < total; ) {
                if (i == warmupEvents && cpu == null) {
                    if (!polling && stream.received.get() == 0) {
                        // The stream says nothing about contacts: poll the timelines instead.
                        polling = true;
                        stream.close();
                    }
                    measureFromMillis.set(System.currentTimeMillis());
                    cpu = meter.start();
                    measureStartNanos = System.nanoTime();
                    hotPublished = 0;
                }
                boolean hotTurn = nextHot < next;
                long due = hotTurn ? nextHot : next;
                long now = System.nanoTime();
                if (now < due) {
                    LockSupport.parkNanos(due - now);
                } else {
                    maxLag = Math.max(maxLag, (now - due) / 1_000_000);
                }
                if (hotTurn) {
                    ChannelEvent event = hot.next();
                    Workload.lookupKey(event).ifPresent(hotCustomer::showed);
                    producer.send(hot.record(event));
                    hotPublished++;
                    nextHot += hotPeriod;
                    continue;
                }
                ChannelEvent event = workload.next();
                producer.send(workload.record(event));
                if (polling && i % sampleEvery == 0) {
                    String eventId = event.meta().getEventId();
                    long occurredAt = event.meta().getOccurredAt().toEpochMilli();
                    boolean counted = i >= warmupEvents;
                    Workload.lookupKey(event).ifPresent(key ->
                            polls.start(eventId, key.getKey(), key.getValue(), occurredAt, counted));
                }
                next += period;
                i++;
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new BenchException("Could not publish: " + e.getCause(), e.getCause());
        }
        long published = total - warmupEvents;
        double measuredSeconds = (System.nanoTime() - measureStartNanos) / 1e9;
        double achieved = published / measuredSeconds;
        long deadline = System.currentTimeMillis() + SAMPLE_TIMEOUT_MS;
        if (polling) {
            while (polls.open.get() > 0 && System.currentTimeMillis() < deadline) {
                LocalStackProcess.sleep(Duration.ofMillis(50));
            }
        } else {
            // Every published event of the window becomes one contact (the backlog drains within the deadline or is missing).
            while (stream.counted.get() < published + hotPublished && System.currentTimeMillis() < deadline) {
                LocalStackProcess.sleep(Duration.ofMillis(50));
            }
        }
        CpuMeter.Usage usage = meter.since(cpu);
        pollers.shutdownNow();
        if (hotLookups != null) {
            hotLookups.shutdownNow();
        }
        stream.close();
        Histogram histogram = recorder.getIntervalHistogram();
        if (histogram.getTotalCount() == 0) {
            throw new BenchException("Freshness: no event became visible through the API within " + SAMPLE_TIMEOUT_MS / 1000 + " s");
        }
        if (polling) {
            return new Result("polling sampled timelines every " + pollIntervalMs + " ms", histogram, published, achieved, maxLag,
                    histogram.getTotalCount(), polls.timedOut.get(), polls.meanGapMs(), 0, usage, null);
        }
        Hot hotFigures = null;
        long othersCounted = stream.counted.get();
        if (hotCustomer != null) {
            hotFigures = new Hot(hotCustomer.recorder.getIntervalHistogram(), hotPublished, hotPublished / measuredSeconds,
                    hotCustomer.counted.get(), hotCustomer.ids.size());
            othersCounted -= hotFigures.counted();
        }
        return new Result("server-sent events (/api/stream)", histogram, published, achieved, maxLag, othersCounted,
                Math.max(0, published + hotPublished - stream.counted.get()), 0, stream.reconnects.get(), usage, hotFigures);
    }

    /**
     * Which customer ids are the hot customer's: those its identifiers resolve to, looked up once a second (a lookup
     * answers the customer an identifier belongs to now, a merge's survivor after a merge), and those merges join to
     * them on the stream.
     */
    private final class HotCustomer {

        final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
        final AtomicLong counted = new AtomicLong();
        final Set<String> ids = ConcurrentHashMap.newKeySet();
        private final Set<Map.Entry<String, String>> identifiers = ConcurrentHashMap.newKeySet();

        void showed(Map.Entry<String, String> identifier) {
            identifiers.add(identifier);
        }

        boolean owns(String customerId) {
            return ids.contains(customerId);
        }

        void merged(String survivorId, String mergedId) {
            if (ids.contains(survivorId) || ids.contains(mergedId)) {
                ids.add(survivorId);
                ids.add(mergedId);
            }
        }

        ScheduledExecutorService lookUpEverySecond() {
            ScheduledExecutorService lookups = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bench-hot-customer-lookups");
                t.setDaemon(true);
                return t;
            });
            lookups.scheduleWithFixedDelay(() -> {
                for (Map.Entry<String, String> identifier : identifiers) {
                    try {
                        api.lookup(identifier.getKey(), identifier.getValue()).ifPresent(id -> ids.add(id.toString()));
                    } catch (RuntimeException e) {
                        // not stored yet, or the service is busy: the next round asks again
                    }
                }
            }, 0, 1, TimeUnit.SECONDS);
            return lookups;
        }
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** The live stream, read on a thread of its own; reconnects if the service drops it. */
    private final class LiveStream {

        private final Recorder recorder;
        private final AtomicLong measureFrom;
        private final HotCustomer hot;
        final AtomicLong received = new AtomicLong();
        final AtomicLong counted = new AtomicLong();
        final AtomicInteger reconnects = new AtomicInteger();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile java.util.stream.Stream<String> lines;

        LiveStream(Recorder recorder, AtomicLong measureFrom, HotCustomer hot) {
            this.recorder = recorder;
            this.measureFrom = measureFrom;
            this.hot = hot;
        }

        /** Whether the service has a live stream; if so, reads it from now on. */
        boolean connect() {
            if (!open()) {
                return false;
            }
            Thread reader = new Thread(this::read, "bench-freshness-stream");
            reader.setDaemon(true);
            reader.start();
            return true;
        }

        private boolean open() {
            try {
                HttpResponse<java.util.stream.Stream<String>> response = api.http().send(api.streamRequest(),
                        HttpResponse.BodyHandlers.ofLines());
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (response.statusCode() != 200 || !type.startsWith("text/event-stream")) {
                    response.body().close();
                    return false;
                }
                lines = response.body();
                return true;
            } catch (java.io.IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted", e);
            }
        }

        private void read() {
            while (!closed.get()) {
                String[] event = {""};
                try {
                    lines.forEach(line -> {
                        if (line.startsWith("event:")) {
                            event[0] = line.substring(6).trim();
                        } else if (line.startsWith("data:") && event[0].equals("contact")) {
                            long visible = nowMicros();
                            Matcher occurred = OCCURRED_AT.matcher(line);
                            if (occurred.find()) {
                                received.incrementAndGet();
                                long occurredAt = Instant.parse(occurred.group(1)).toEpochMilli();
                                if (occurredAt >= measureFrom.get()) {
                                    counted.incrementAndGet();
                                    long micros = Math.min(HIGHEST_MICROS, Math.max(0, visible - occurredAt * 1000));
                                    Matcher customer = hot == null ? null : CUSTOMER_ID.matcher(line);
                                    if (customer != null && customer.find() && hot.owns(customer.group(1))) {
                                        hot.counted.incrementAndGet();
                                        hot.recorder.recordValue(micros);
                                    } else {
                                        recorder.recordValue(micros);
                                    }
                                }
                            }
                        } else if (line.startsWith("data:") && event[0].equals("merge") && hot != null) {
                            Matcher survivor = SURVIVOR_ID.matcher(line);
                            Matcher merged = MERGED_ID.matcher(line);
                            if (survivor.find() && merged.find()) {
                                hot.merged(survivor.group(1), merged.group(1));
                            }
                        } else if (line.isEmpty()) {
                            event[0] = "";
                        }
                    });
                } catch (RuntimeException e) {
                    // dropped
                }
                if (closed.get() || !open()) {
                    return;
                }
                reconnects.incrementAndGet();
            }
        }

        void close() {
            closed.set(true);
            java.util.stream.Stream<String> current = lines;
            if (current != null) {
                try {
                    current.close();
                } catch (RuntimeException e) {
                    // closing
                }
            }
        }
    }

    /** Sampled events, each polled until the API shows it. */
    private final class Polls {

        private final Recorder recorder;
        private final ScheduledExecutorService pollers;
        private final int intervalMs;
        final AtomicInteger open = new AtomicInteger();
        final AtomicLong timedOut = new AtomicLong();
        private final AtomicLong gapMicros = new AtomicLong();
        private final AtomicLong gaps = new AtomicLong();

        Polls(Recorder recorder, ScheduledExecutorService pollers, int intervalMs) {
            this.recorder = recorder;
            this.pollers = pollers;
            this.intervalMs = intervalMs;
        }

        void start(String eventId, String parameter, String raw, long occurredAt, boolean counted) {
            open.incrementAndGet();
            pollers.execute(new Sample(eventId, parameter, raw, occurredAt, counted));
        }

        double meanGapMs() {
            return gaps.get() == 0 ? 0 : gapMicros.get() / 1000.0 / gaps.get();
        }

        private final class Sample implements Runnable {

            private final String eventId;
            private final String parameter;
            private final String raw;
            private final long occurredAt;
            private final boolean counted;
            private UUID customer;
            /** Middle of the last request that did not show the event; its start before any. */
            private long lastMiss;

            Sample(String eventId, String parameter, String raw, long occurredAt, boolean counted) {
                this.eventId = eventId;
                this.parameter = parameter;
                this.raw = raw;
                this.occurredAt = occurredAt;
                this.counted = counted;
                this.lastMiss = occurredAt * 1000;
            }

            @Override
            public void run() {
                try {
                    long start = nowMicros();
                    if (customer == null) {
                        customer = api.lookup(parameter, raw).orElse(null);
                    }
                    if (customer != null) {
                        HttpResponse<String> page = api.timeline(customer, 20);
                        long middle = (start + nowMicros()) / 2;
                        if (page.statusCode() == 200 && page.body().contains(eventId)) {
                            if (counted) {
                                recorder.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, middle - occurredAt * 1000)));
                                gapMicros.addAndGet(middle - lastMiss);
                                gaps.incrementAndGet();
                            }
                            open.decrementAndGet();
                            return;
                        }
                        lastMiss = middle;
                    }
                } catch (RuntimeException e) {
                    // try again
                }
                if (pollers.isShutdown() || System.currentTimeMillis() - occurredAt > SAMPLE_TIMEOUT_MS) {
                    if (counted) {
                        timedOut.incrementAndGet();
                    }
                    open.decrementAndGet();
                    return;
                }
                try {
                    pollers.schedule(this, intervalMs, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    open.decrementAndGet();
                }
            }
        }
    }
}
