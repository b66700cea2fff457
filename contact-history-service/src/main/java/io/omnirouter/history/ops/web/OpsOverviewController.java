package io.omnirouter.history.ops.web;

import io.omnirouter.history.ops.application.IngestMetrics;
import io.omnirouter.history.ops.application.IngestMetrics.ChannelThroughput;
import io.omnirouter.history.ops.application.IngestMetrics.Freshness;
import io.omnirouter.history.ops.infrastructure.KafkaProbe;
import io.omnirouter.history.ops.infrastructure.KafkaProbe.ConsumerLag;
import io.omnirouter.history.ops.infrastructure.KafkaProbe.DeadLetterTopic;
import io.omnirouter.history.ops.infrastructure.TaskGauges;
import io.omnirouter.history.followup.model.OpenTaskCount;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ops engineer's overview (issue 5, item 5; OPS only, as all of /api/ops): what flows, what is stuck, what is late. */
@RestController
@Tag(name = "Operations")
class OpsOverviewController {

    private final IngestMetrics metrics;
    private final KafkaProbe kafka;
    private final TaskGauges tasks;

    OpsOverviewController(IngestMetrics metrics, KafkaProbe kafka, TaskGauges tasks) {
        this.metrics = metrics;
        this.kafka = kafka;
        this.tasks = tasks;
    }

    record ChannelRow(String channel, long lastMinute, long total) {
    }

    record Throughput(long lastMinute, long total, List<ChannelRow> channels) {
    }

    /** {@code error} says why a part is missing (the broker did not answer in time, …); the rest is still shown. */
    record Lag(String group, Long total, List<KafkaProbe.PartitionLag> partitions, String error) {
    }

    record DeadLetters(Long total, List<DeadLetterTopic> topics, String error) {
    }

    record SlaBreaches(long open, long overdue, List<OpenTaskCount> byTypeAndQueue, String error) {
    }

    record Merges(long merges, long unmerges) {
    }

    record Overview(Instant generatedAt, Throughput throughput, Freshness freshness, Lag consumerLag,
                    DeadLetters deadLetters, SlaBreaches tasks, Merges merges) {
    }

    @GetMapping("/api/ops/overview")
    @Operation(summary = "Throughput per channel, consumer lag, dead letters with their latest reasons, freshness, SLA breaches",
            description = "Throughput and freshness are counted by this instance since it started (freshness: the recent window);"
                    + " lag, dead letters and tasks are read from Kafka and the database on each call.")
    Overview overview() {
        List<ChannelRow> channels = metrics.throughput().entrySet().stream().map(e -> row(e.getKey(), e.getValue())).toList();
        Throughput throughput = new Throughput(channels.stream().mapToLong(ChannelRow::lastMinute).sum(),
                channels.stream().mapToLong(ChannelRow::total).sum(), channels);
        return new Overview(Instant.now(), throughput, metrics.freshness(), lag(), deadLetters(), slaBreaches(),
                new Merges(metrics.merges(), metrics.unmerges()));
    }

    private static ChannelRow row(String channel, ChannelThroughput throughput) {
        return new ChannelRow(channel, throughput.lastMinute(), throughput.total());
    }

    private Lag lag() {
        try {
            ConsumerLag lag = kafka.consumerLag();
            return new Lag(lag.group(), lag.total(), lag.partitions(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Lag(null, null, List.of(), "interrupted");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return new Lag(null, null, List.of(), unavailable(e));
        }
    }

    private DeadLetters deadLetters() {
        try {
            List<DeadLetterTopic> topics = kafka.deadLetters();
            return new DeadLetters(topics.stream().mapToLong(DeadLetterTopic::records).sum(), topics, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeadLetters(null, List.of(), "interrupted");
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return new DeadLetters(null, List.of(), unavailable(e));
        }
    }

    private SlaBreaches slaBreaches() {
        try {
            List<OpenTaskCount> counts = tasks.refresh();
            return new SlaBreaches(counts.stream().mapToLong(OpenTaskCount::open).sum(), counts.stream().mapToLong(OpenTaskCount::overdue).sum(),
                    counts, null);
        } catch (RuntimeException e) {
            return new SlaBreaches(0, 0, List.of(), unavailable(e));
        }
    }

    private static String unavailable(Exception e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return (cause instanceof TimeoutException ? "no answer in time" : "unavailable") + " (" + cause.getClass().getSimpleName() + ")";
    }
}
