package io.omnirouter.history.shared.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One gauge name whose rows (tag sets) come and go, refreshed as a whole: a row's gauge is registered once and its
 * value updated in place; a row that is no longer there is removed.
 *
 * <p>Micrometer's own {@code MultiGauge} would do, but up to at least 1.17.2 it removes and re-registers every row
 * on each update (inside an atomic update function that may run twice under contention), and a Prometheus scrape
 * at that moment can see the old and the new gauge of a row and fail with {@code DuplicateLabelsException}
 * (micrometer#6851, fixed after 1.17.2): {@code /actuator/prometheus} answered 500 in {@code OpsOverviewIT} while the
 * task gauges' scheduler and the test refreshed them at once.
 */
public final class GaugeRows {

    private final String name;
    private final String description;
    private final MeterRegistry registry;
    /** Guarded by this. */
    private final Map<Tags, AtomicLong> rows = new HashMap<>();

    public GaugeRows(String name, String description, MeterRegistry registry) {
        this.name = name;
        this.description = description;
        this.registry = registry;
    }

    /** The rows now: each tag set with its value; rows not given are removed. */
    public synchronized void set(Map<Tags, Long> values) {
        values.forEach((tags, value) -> rows.computeIfAbsent(tags, this::register).set(value));
        for (Iterator<Map.Entry<Tags, AtomicLong>> it = rows.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Tags, AtomicLong> row = it.next();
            if (!values.containsKey(row.getKey())) {
                Gauge gauge = registry.find(name).tags(row.getKey()).gauge();
                if (gauge != null) {
                    registry.remove(gauge);
                }
                it.remove();
            }
        }
    }

    private AtomicLong register(Tags tags) {
        AtomicLong value = new AtomicLong();
        Gauge.builder(name, value, AtomicLong::get).description(description).tags(tags).strongReference(true).register(registry);
        return value;
    }
}
