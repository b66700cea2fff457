package io.omnirouter.bench;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
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
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final long SAMPLE_TIMEOUT_MS = 60_000;

    /**
     * @param received   events seen through the API (stream) or samples that became visible (polling)
     * @param missing    published events in the measured window the stream never delivered, or samples that timed out
     * @param resolutionMs polling only: mean gap between the last poll that did not show a sample and the one that did
     */
    record Result(String method, Histogram micros, long published, double achievedRate, long maxScheduleLagMs,
                  long received, long missing, double resolutionMs, int reconnects, CpuMeter.Usage usage) {
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
        Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
        AtomicLong measureFromMillis = new AtomicLong(Long.MAX_VALUE);
        LiveStream stream = new LiveStream(recorder, measureFromMillis);
        boolean polling = !stream.connect();

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
        long maxLag = 0;
        CpuMeter.Sample cpu = null;
        long measureStartNanos = 0;
        try (Producer<byte[], byte[]> producer = workload.liveProducer()) {
            // One event first, so that the producer has its metadata before the clock starts.
            producer.send(workload.record(workload.next())).get();
            long next = System.nanoTime();
            for (long i = 0; i < total; i++) {
                if (i == warmupEvents) {
                    if (!polling && stream.received.get() == 0) {
                        // The stream says nothing about contacts: poll the timelines instead.
                        polling = true;
                        stream.close();
                    }
                    measureFromMillis.set(System.currentTimeMillis());
                    cpu = meter.start();
                    measureStartNanos = System.nanoTime();
                }
                long now = System.nanoTime();
                if (now < next) {
                    LockSupport.parkNanos(next - now);
                } else {
                    maxLag = Math.max(maxLag, (now - next) / 1_000_000);
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
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new BenchException("Could not publish: " + e.getCause(), e.getCause());
        }
        long published = total - warmupEvents;
        double achieved = published / ((System.nanoTime() - measureStartNanos) / 1e9);
        long deadline = System.currentTimeMillis() + SAMPLE_TIMEOUT_MS;
        if (polling) {
            while (polls.open.get() > 0 && System.currentTimeMillis() < deadline) {
                LocalStackProcess.sleep(Duration.ofMillis(50));
            }
        } else {
            // Every published event of the window becomes one contact (the backlog drains within the deadline or is missing).
            while (stream.counted.get() < published && System.currentTimeMillis() < deadline) {
                LocalStackProcess.sleep(Duration.ofMillis(50));
            }
        }
        CpuMeter.Usage usage = meter.since(cpu);
        pollers.shutdownNow();
        stream.close();
        Histogram histogram = recorder.getIntervalHistogram();
        if (histogram.getTotalCount() == 0) {
            throw new BenchException("Freshness: no event became visible through the API within " + SAMPLE_TIMEOUT_MS / 1000 + " s");
        }
        if (polling) {
            return new Result("polling sampled timelines every " + pollIntervalMs + " ms", histogram, published, achieved, maxLag,
                    histogram.getTotalCount(), polls.timedOut.get(), polls.meanGapMs(), 0, usage);
        }
        return new Result("server-sent events (/api/stream)", histogram, published, achieved, maxLag, stream.counted.get(),
                Math.max(0, published - stream.counted.get()), 0, stream.reconnects.get(), usage);
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    /** The live stream, read on a thread of its own; reconnects if the service drops it. */
    private final class LiveStream {

        private final Recorder recorder;
        private final AtomicLong measureFrom;
        final AtomicLong received = new AtomicLong();
        final AtomicLong counted = new AtomicLong();
        final AtomicInteger reconnects = new AtomicInteger();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile java.util.stream.Stream<String> lines;

        LiveStream(Recorder recorder, AtomicLong measureFrom) {
            this.recorder = recorder;
            this.measureFrom = measureFrom;
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
                                    recorder.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, visible - occurredAt * 1000)));
                                }
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
