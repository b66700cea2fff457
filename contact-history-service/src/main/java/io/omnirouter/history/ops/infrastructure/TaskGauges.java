package io.omnirouter.history.ops.infrastructure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Open and overdue follow-up tasks by type and queue ({@code omnirouter.history.tasks.open},
 * {@code omnirouter.history.tasks.overdue}), refreshed from {@code follow_up_task} by one small grouped query every
 * {@code omnirouter.history.ops.task-gauge-interval} (default 10 s). Overdue = open and past its due time (database
 * time). Rows for a type and queue without open tasks disappear.
 */
@Component
public class TaskGauges implements SmartLifecycle {

    public static final String OPEN = "omnirouter.history.tasks.open";
    public static final String OVERDUE = "omnirouter.history.tasks.overdue";

    private static final Logger log = LoggerFactory.getLogger(TaskGauges.class);
    private static final String QUERY = "SELECT type, queue, count(*) AS open, count(*) FILTER (WHERE due_at < now()) AS overdue"
            + " FROM follow_up_task WHERE status = 'OPEN' GROUP BY type, queue ORDER BY type, queue";

    private final JdbcTemplate jdbc;
    private final Duration interval;
    private final GaugeRows open;
    private final GaugeRows overdue;
    private volatile ScheduledExecutorService scheduler;

    /** Open tasks of one type in one queue, and how many of them are overdue. */
    public record TaskCount(String type, String queue, long open, long overdue) {
    }

    TaskGauges(JdbcTemplate jdbc, MeterRegistry registry, OpsProperties properties) {
        this.jdbc = jdbc;
        this.interval = properties.taskGaugeInterval();
        this.open = new GaugeRows(OPEN, "Open follow-up tasks", registry);
        this.overdue = new GaugeRows(OVERDUE, "Open follow-up tasks past their due time (SLA breached)", registry);
    }

    /** The counts now (one query), also published to the gauges. */
    public List<TaskCount> refresh() {
        List<TaskCount> counts = jdbc.query(QUERY, (rs, i) -> new TaskCount(rs.getString("type"), rs.getString("queue"),
                rs.getLong("open"), rs.getLong("overdue")));
        open.set(counts.stream().collect(Collectors.toMap(TaskGauges::tags, TaskCount::open)));
        overdue.set(counts.stream().collect(Collectors.toMap(TaskGauges::tags, TaskCount::overdue)));
        return counts;
    }

    private static Tags tags(TaskCount count) {
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
