package io.omnirouter.history.shared.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GaugeRowsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final GaugeRows gauges = new GaugeRows("omnirouter.test.open", "open things", registry);

    @Test
    void rowsAreSetUpdatedInPlaceAndRemovedWhenGone() {
        gauges.set(Map.of(Tags.of("queue", "first-line"), 3L, Tags.of("queue", "second-line"), 1L));
        gauges.set(Map.of(Tags.of("queue", "first-line"), 5L));

        assertThat(registry.get("omnirouter.test.open").tag("queue", "first-line").gauge().value()).isEqualTo(5.0);
        assertThat(registry.find("omnirouter.test.open").tag("queue", "second-line").gauge()).isNull();
    }

    @Test
    void aScrapeWhileTwoThreadsRefreshTheRowsNeverSeesARowTwice() throws InterruptedException {
        Map<Tags, Long> rows = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            rows.put(Tags.of("queue", "q" + i), (long) i);
        }
        AtomicBoolean refreshing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread scraper = new Thread(() -> {
            while (refreshing.get()) {
                try {
                    registry.scrape();
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        });
        scraper.start();
        // Two refreshers at once, as the scheduler and an ops request can be, while Prometheus scrapes.
        Thread second = new Thread(() -> {
            for (int round = 0; round < 2_000 && failure.get() == null; round++) {
                gauges.set(rows);
            }
        });
        second.start();
        for (int round = 0; round < 2_000 && failure.get() == null; round++) {
            gauges.set(rows);
        }
        second.join();
        refreshing.set(false);
        scraper.join();

        assertThat(failure.get()).isNull();
        assertThat(registry.scrape()).contains("omnirouter_test_open{queue=\"q49\"} 49.0");
    }
}
