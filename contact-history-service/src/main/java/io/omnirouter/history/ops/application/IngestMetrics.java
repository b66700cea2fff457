package io.omnirouter.history.ops.application;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.omnirouter.history.contact.model.ContactRecorded;
import io.omnirouter.history.customer.model.CustomersMerged;
import io.omnirouter.history.customer.model.CustomersUnmerged;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;

/**
 * The history's ingest metrics (issue 5, item 4), fed by the committed application events, so they count what is
 * in the database: contacts stored per channel, end-to-end freshness ({@code occurredAt} to stored), merges and
 * unmerges; and the contacts the database refused, by SQLState. (Dead letters of every topic are counted where they
 * are sent, by {@code DeadLetterPublisher}, by reason.) A contact replayed by a rebuild announces nothing and is not
 * counted.
 */
@Component
public class IngestMetrics {

    public static final String CONTACTS_STORED = "omnirouter.history.contacts.stored";
    public static final String FRESHNESS = "omnirouter.history.freshness";
    public static final String CONTACTS_REFUSED = "omnirouter.history.contacts.refused";
    public static final String MERGES = "omnirouter.history.merges";
    public static final String UNMERGES = "omnirouter.history.unmerges";

    private final MeterRegistry registry;
    private final Clock clock;
    private final Timer freshness;
    private final Counter merges;
    private final Counter unmerges;
    private final Map<String, Counter> storedByChannel = new ConcurrentHashMap<>();
    private final Map<String, SlidingMinute> lastMinuteByChannel = new ConcurrentHashMap<>();

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Wall-clock time, not the follow-up policy's (controllable) clock: freshness is a real delay.
        this.clock = Clock.systemUTC();
        this.freshness = Timer.builder(FRESHNESS)
                .description("From a contact's occurredAt to its storing in the history (committed)")
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofHours(1))
                .register(registry);
        this.merges = Counter.builder(MERGES).description("Customers merged into another").register(registry);
        this.unmerges = Counter.builder(UNMERGES).description("Recorded merges undone").register(registry);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onContactRecorded(ContactRecorded contact) {
        Instant now = clock.instant();
        String channel = contact.channel() == null ? "UNKNOWN" : contact.channel();
        storedByChannel.computeIfAbsent(channel, c -> Counter.builder(CONTACTS_STORED)
                .description("Contacts newly stored in the history").tag("channel", c).register(registry)).increment();
        lastMinuteByChannel.computeIfAbsent(channel, c -> new SlidingMinute()).add(now.getEpochSecond());
        if (contact.occurredAt() != null) {
            Duration age = Duration.between(contact.occurredAt(), now);
            freshness.record(age.isNegative() ? Duration.ZERO : age);
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onMerged(CustomersMerged merged) {
        merges.increment();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onUnmerged(CustomersUnmerged unmerged) {
        unmerges.increment();
    }

    /**
     * A contact of {@code contact.events} was sent to its DLT because PostgreSQL refused to store it even on its own,
     * with {@code sqlState} (classes 22, 23, 54: few distinct values).
     */
    public void contactRefused(String sqlState) {
        Counter.builder(CONTACTS_REFUSED).description("Contacts dead-lettered because the database refused them even on their own, by SQLState")
                .tag("sqlstate", sqlState).register(registry).increment();
    }

    /** Contacts stored per channel since the start and in the last 60 seconds, channels in name order. */
    public Map<String, ChannelThroughput> throughput() {
        long nowSecond = clock.instant().getEpochSecond();
        Map<String, ChannelThroughput> result = new LinkedHashMap<>();
        storedByChannel.keySet().stream().sorted().forEach(channel -> {
            SlidingMinute minute = lastMinuteByChannel.get(channel);
            result.put(channel, new ChannelThroughput((long) storedByChannel.get(channel).count(),
                    minute == null ? 0 : minute.sum(nowSecond)));
        });
        return result;
    }

    public record ChannelThroughput(long total, long lastMinute) {
    }

    /** Freshness percentiles over the Timer's recent window (Micrometer's decaying histogram); nulls when none. */
    public Freshness freshness() {
        var snapshot = freshness.takeSnapshot();
        Double p50 = null;
        Double p99 = null;
        for (ValueAtPercentile value : snapshot.percentileValues()) {
            double millis = value.value(TimeUnit.MILLISECONDS);
            if (Math.abs(value.percentile() - 0.5) < 1e-9) {
                p50 = millis;
            } else if (Math.abs(value.percentile() - 0.99) < 1e-9) {
                p99 = millis;
            }
        }
        long count = snapshot.count();
        return new Freshness(count, count == 0 ? null : p50, count == 0 ? null : p99,
                count == 0 ? null : snapshot.max(TimeUnit.MILLISECONDS));
    }

    public record Freshness(long count, Double p50Millis, Double p99Millis, Double maxMillis) {
    }

    public long merges() {
        return (long) merges.count();
    }

    public long unmerges() {
        return (long) unmerges.count();
    }

    /** Counts of the last 60 one-second buckets. */
    static final class SlidingMinute {
        private final long[] seconds = new long[60];
        private final long[] counts = new long[60];

        synchronized void add(long second) {
            int slot = (int) Math.floorMod(second, 60L);
            if (seconds[slot] != second) {
                seconds[slot] = second;
                counts[slot] = 0;
            }
            counts[slot]++;
        }

        synchronized long sum(long nowSecond) {
            long sum = 0;
            for (int i = 0; i < 60; i++) {
                if (nowSecond - seconds[i] < 60 && nowSecond >= seconds[i]) {
                    sum += counts[i];
                }
            }
            return sum;
        }
    }
}
