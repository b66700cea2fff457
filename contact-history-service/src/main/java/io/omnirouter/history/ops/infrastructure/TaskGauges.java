package io.omnirouter.history.ops.infrastructure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.omnirouter.history.followup.application.KeepingPromises;
import io.omnirouter.history.followup.model.OpenTaskCount;
import io.omnirouter.history.shared.metrics.GaugeRows;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Open and overdue follow-up tasks by type and queue ({@code omnirouter.history.tasks.open},
 * {@code omnirouter.history.tasks.overdue}), refreshed with the follow-up's counts ({@link KeepingPromises#openTaskCounts},
 * one small grouped query) every {@code omnirouter.history.ops.task-gauge-interval} (default 10 s). Overdue = open and
 * past its due time (database time). Rows for a type and queue without open tasks disappear.
 */
@Component
public class TaskGauges implements SmartLifecycle {

    public static final String OPEN = "omnirouter.history.tasks.open";
    public static final String OVERDUE = "omnirouter.history.tasks.overdue";

    private static final Logger log = LoggerFactory.getLogger(TaskGauges.class);

    private final KeepingPromises keeping;
    private final Duration interval;
    private final GaugeRows open;
    private final GaugeRows overdue;
    private volatile ScheduledExecutorService scheduler;

    TaskGauges(KeepingPromises keeping, MeterRegistry registry, OpsProperties properties) {
        this.keeping = keeping;
        this.interval = properties.taskGaugeInterval();
        this.open = new GaugeRows(OPEN, "Open follow-up tasks", registry);
        this.overdue = new GaugeRows(OVERDUE, "Open follow-up tasks past their due time (SLA breached)", registry);
    }

    /** The counts now (one query), also published to the gauges. */
    public List<OpenTaskCount> refresh() {
        List<OpenTaskCount> counts = keeping.openTaskCounts();
        open.set(counts.stream().collect(Collectors.toMap(TaskGauges::tags, OpenTaskCount::open)));
        overdue.set(counts.stream().collect(Collectors.toMap(TaskGauges::tags, OpenTaskCount::overdue)));
        return counts;
    }

    private static Tags tags(OpenTaskCount count) {
        return Tags.of("type", count.type(), "queue", count.queue());
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // The database may be away for a while: the gauges keep their last values.
            log.debug("Task gauges not refreshed ({})", e.getClass().getName());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "task-gauges");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = executor;
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = scheduler;
        scheduler = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
