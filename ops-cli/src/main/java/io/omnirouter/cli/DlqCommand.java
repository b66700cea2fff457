package io.omnirouter.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.omnirouter.schemas.DeadLetterHeaders;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.serde.SchemaRegistrySettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dlq", mixinStandardHelpOptions = true, versionProvider = OmnirouterCli.Version.class,
        description = {"Dead letters: the <topic>.DLT topics where the services put what they could not process, "
                + "with the original bytes and headers saying why."},
        subcommands = {DlqCommand.ListDeadLetters.class, DlqCommand.Show.class, DlqCommand.Replay.class},
        footer = {"",
                "Examples:",
                "  omnirouter cli dlq list",
                "  omnirouter cli dlq show channel.email.DLT --max 5",
                "  omnirouter cli dlq replay channel.email.DLT --dry-run"})
final class DlqCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(200);
    /** Topics with more offsets than this are counted from their offsets, not read. */
    private static final long SCAN_LIMIT = 100_000;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (list, show, replay)");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = OmnirouterCli.Version.class, description = {"Every *.DLT topic with its number of dead letters, how many are not "
            + "replayed yet (by 'dlq replay'), and the latest failure and its reason."})
    static final class ListDeadLetters implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            OmnirouterCli root = OmnirouterCli.root(spec);
            KafkaClients kafka = KafkaClients.of(root);
            PrintWriter out = spec.commandLine().getOut();
            Admin admin = kafka.connectedAdmin();
            try {
                Set<String> topics = new TreeSet<>(kafka.await(admin.listTopics(new ListTopicsOptions()
                        .timeoutMs((int) kafka.timeout().toMillis())).names(), "list topics"));
                topics.removeIf(t -> !Topics.isDeadLetterTopic(t));
                if (topics.isEmpty()) {
                    out.println("no dead-letter topics (*.DLT) on Kafka at " + kafka.bootstrapServers());
                    return ExitCodes.OK;
                }
                Map<TopicPartition, Long> replayed = committedOffsets(kafka, admin, OmnirouterCli.REPLAY_GROUP);
                TextTable table = new TextTable("DLT", "RECORDS", "NOT-REPLAYED", "LATEST-FAILED-AT", "LATEST-REASON").numeric(1, 2);
                KafkaConsumer<byte[], byte[]> consumer = kafka.consumer(null);
                try {
                    for (String topic : topics) {
                        Summary summary = summarize(kafka, admin, consumer, topic, replayed);
                        table.row(topic, summary.records(), summary.pending(),
                                summary.latest() == null ? null : failedAt(summary.latest()),
                                summary.latest() == null ? null : TextTable.abbreviate(summary.latest().reason(), 100));
                    }
                } finally {
                    KafkaClients.close(consumer);
                }
                out.print(table.render());
                out.flush();
                return ExitCodes.OK;
            } finally {
                KafkaClients.close(admin);
            }
        }

        private record Summary(String records, String pending, DeadLetter latest) {
        }

        private static Summary summarize(KafkaClients kafka, Admin admin, KafkaConsumer<byte[], byte[]> consumer, String topic,
                                         Map<TopicPartition, Long> replayed) {
            List<TopicPartition> partitions = kafka.partitions(admin, topic);
            Map<TopicPartition, Long> beginning = kafka.offsets(admin, partitions, OffsetSpec.earliest());
            Map<TopicPartition, Long> end = kafka.offsets(admin, partitions, OffsetSpec.latest());
            long span = partitions.stream().mapToLong(p -> end.get(p) - beginning.get(p)).sum();
            DeadLetter[] latest = new DeadLetter[1];
            Consumer<ConsumerRecord<byte[], byte[]>> newest = r -> {
                if (latest[0] == null || r.timestamp() >= latest[0].record().timestamp()) {
                    latest[0] = new DeadLetter(r);
                }
            };
            if (span <= SCAN_LIMIT) {
                long[] counts = new long[2];
                read(consumer, partitions, beginning, end, r -> {
                    counts[0]++;
                    if (r.offset() >= replayed.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L)) {
                        counts[1]++;
                    }
                    newest.accept(r);
                });
                return new Summary(Long.toString(counts[0]), Long.toString(counts[1]), latest[0]);
            }
            // Too many to read: counts from offsets (transaction markers included), the latest from each partition's tail.
            Map<TopicPartition, Long> tail = new HashMap<>();
            partitions.forEach(p -> tail.put(p, Math.max(beginning.get(p), end.get(p) - 20)));
            read(consumer, partitions, tail, end, newest);
            long pending = partitions.stream()
                    .mapToLong(p -> end.get(p) - Math.max(beginning.get(p), replayed.getOrDefault(p, 0L))).sum();
            return new Summary("~" + span, "~" + pending, latest[0]);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, versionProvider = OmnirouterCli.Version.class, sortOptions = false, description = {"Each dead letter of a DLT topic: where it came "
            + "from (source topic/partition/offset), why it failed (reason, exception), when and by whom, whether "
            + "'dlq replay' has replayed it, and its value decoded if possible, else as base64."})
    static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<dlt-topic>", description = "e.g. channel.email.DLT")
        String topic;

        @Option(names = {"-n", "--max"}, paramLabel = "<n>", defaultValue = "100",
                description = "Show at most this many, oldest first (default: ${DEFAULT-VALUE}).")
        long max;

        @Option(names = "--not-replayed", description = "Only those 'dlq replay' has not replayed yet.")
        boolean notReplayed;

        @Override
        public Integer call() {
            Topics.deadLetterTopic(topic);
            OmnirouterCli root = OmnirouterCli.root(spec);
            KafkaClients kafka = KafkaClients.of(root);
            PrintWriter out = spec.commandLine().getOut();
            List<TopicPartition> partitions;
            Map<TopicPartition, Long> beginning;
            Map<TopicPartition, Long> end;
            Map<TopicPartition, Long> replayed;
            Admin admin = kafka.connectedAdmin();
            try {
                partitions = kafka.partitions(admin, topic);
                beginning = kafka.offsets(admin, partitions, OffsetSpec.earliest());
                end = kafka.offsets(admin, partitions, OffsetSpec.latest());
                replayed = committedOffsets(kafka, admin, OmnirouterCli.REPLAY_GROUP);
            } finally {
                KafkaClients.close(admin);
            }
            if (notReplayed) {
                partitions.forEach(p -> beginning.put(p, Math.max(beginning.get(p), replayed.getOrDefault(p, 0L))));
            }
            ValueDecoder decoder = ValueDecoder.avro(new SchemaRegistryClient(
                    SchemaRegistrySettings.of(root.registryUrl()).withTimeouts(root.timeout(), root.timeout())));
            List<DeadLetter> shown = new ArrayList<>();
            KafkaConsumer<byte[], byte[]> consumer = kafka.consumer(null);
            try {
                read(consumer, partitions, beginning, end, r -> {
                    if (shown.size() < max) {
                        shown.add(new DeadLetter(r));
                    }
                });
            } finally {
                KafkaClients.close(consumer);
            }
            for (DeadLetter letter : shown) {
                TopicPartition p = new TopicPartition(letter.record().topic(), letter.record().partition());
                boolean wasReplayed = letter.record().offset() < replayed.getOrDefault(p, 0L);
                out.print(explain(letter, wasReplayed, decoder));
                out.println();
            }
            out.println(shown.isEmpty() ? "no " + (notReplayed ? "unreplayed " : "") + "dead letters in " + topic
                    : shown.size() + " dead letter" + (shown.size() == 1 ? "" : "s") + " shown from " + topic);
            out.flush();
            return ExitCodes.OK;
        }

        static String explain(DeadLetter letter, boolean replayed, ValueDecoder decoder) {
            ConsumerRecord<byte[], byte[]> r = letter.record();
            StringBuilder text = new StringBuilder();
            text.append(r.topic()).append(" partition ").append(r.partition()).append(" offset ").append(r.offset())
                    .append(replayed ? "  [replayed]" : "  [not replayed]").append('\n');
            field(text, "failed at", failedAt(letter) + (letter.failedBy() == null ? "" : " by " + letter.failedBy()));
            field(text, "source", letter.sourceTopic() == null ? "(no source header)" : letter.sourceTopic()
                    + " partition " + letter.sourcePartition() + " offset " + letter.sourceOffset());
            field(text, "reason", letter.reason() == null ? "(no reason header)" : ErrorMessages.oneLine(letter.reason()));
            field(text, "exception", letter.exception());
            String key = RecordJson.utf8(r.key());
            field(text, "key", r.key() == null ? "(none)" : key != null ? key
                    : "base64:" + java.util.Base64.getEncoder().encodeToString(r.key()));
            if (r.value() == null) {
                field(text, "value", "(none: tombstone)");
            } else {
                ValueDecoder.Decoded value = decoder.decode(r.topic(), r.value());
                if (value.ok()) {
                    field(text, "value", value.schemaName() + " (schema id " + value.schemaId() + ")");
                    field(text, "", value.json().toString());
                } else {
                    field(text, "value", "not decodable (" + value.error() + ")");
                    field(text, "base64", value.base64());
                }
            }
            List<String> others = new ArrayList<>();
            for (Header h : r.headers()) {
                if (!h.key().startsWith("omnirouter.dlt.")) {
                    others.add(h.key() + "=" + RecordJson.headerText(h.value()));
                }
            }
            if (!others.isEmpty()) {
                field(text, "headers", String.join(", ", others));
            }
            return text.toString();
        }

        private static void field(StringBuilder text, String name, String value) {
            text.append("  ").append(String.format("%-10s", name.isEmpty() ? "" : name + ":")).append(' ')
                    .append(value == null ? "-" : value).append('\n');
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, versionProvider = OmnirouterCli.Version.class, sortOptions = false, description = {
            "Re-publishes each dead letter's original key and value bytes to its source topic (header "
                    + DeadLetterHeaders.SOURCE_TOPIC + ", else the DLT name without .DLT; same partition when it "
                    + "exists), keeping its headers and adding " + DeadLetter.REPLAY_OF + "=<dlt>/<partition>/<offset>.",
            "Never twice: progress is the committed offset of the consumer group '" + OmnirouterCli.REPLAY_GROUP
                    + "' on the DLT, committed in the same Kafka transaction as the replayed records. A crash "
                    + "mid-replay publishes nothing twice, and a second replay only replays dead letters added since."},
            footer = {"", "Fix the cause first (the producer, the router, the schema), then replay."})
    static final class Replay implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "<dlt-topic>", description = "e.g. channel.email.DLT")
        String topic;

        @Option(names = "--dry-run", description = "Show what would be replayed; publish and commit nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            Topics.deadLetterTopic(topic);
            OmnirouterCli root = OmnirouterCli.root(spec);
            KafkaClients kafka = KafkaClients.of(root);
            PrintWriter out = spec.commandLine().getOut();
            Admin admin = kafka.connectedAdmin();
            KafkaConsumer<byte[], byte[]> consumer = null;
            KafkaProducer<byte[], byte[]> producer = null;
            Map<String, Integer> targetPartitions = new HashMap<>();
            Map<String, Integer> replayedTo = new LinkedHashMap<>();
            int replayed = 0;
            try {
                List<TopicPartition> partitions = kafka.partitions(admin, topic);
                Map<TopicPartition, Long> end = kafka.offsets(admin, partitions, OffsetSpec.latest());
                consumer = kafka.consumer(OmnirouterCli.REPLAY_GROUP);
                consumer.assign(partitions);
                if (!dryRun) {
                    // One transactional id per DLT: a second replay of the same DLT fences this one, and a crashed
                    // run's open transaction is aborted when the next run starts.
                    producer = kafka.producer("omnirouter-dlq-replay-" + topic);
                    producer.initTransactions();
                }
                while (!reachedEnd(consumer, partitions, end)) {
                    List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>();
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                        if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                            batch.add(r);
                        }
                    }
                    if (batch.isEmpty()) {
                        continue;
                    }
                    for (ConsumerRecord<byte[], byte[]> r : batch) {
                        String target = new DeadLetter(r).replayTarget();
                        if (!targetPartitions.containsKey(target)) {
                            targetPartitions.put(target, checkedTarget(kafka, admin, target));
                        }
                    }
                    if (dryRun) {
                        for (ConsumerRecord<byte[], byte[]> r : batch) {
                            DeadLetter letter = new DeadLetter(r);
                            out.println("would replay " + letter.coordinates() + " to " + letter.replayTarget()
                                    + (letter.reason() == null ? "" : ": " + TextTable.abbreviate(letter.reason(), 120)));
                            replayedTo.merge(letter.replayTarget(), 1, Integer::sum);
                            replayed++;
                        }
                        continue;
                    }
                    replayBatch(producer, consumer, batch, targetPartitions);
                    for (ConsumerRecord<byte[], byte[]> r : batch) {
                        replayedTo.merge(new DeadLetter(r).replayTarget(), 1, Integer::sum);
                    }
                    replayed += batch.size();
                }
            } catch (CliException e) {
                throw replayed == 0 ? e : new CliException(e.getMessage() + " (" + replayed + " records were replayed "
                        + "and committed before; run again to continue, they will not be replayed twice)", e);
            } catch (KafkaException e) {
                throw new CliException("replay from " + topic + " failed: " + ErrorMessages.firstMessage(e) + " ("
                        + replayed + " records were replayed and committed before; run again to continue, "
                        + "they will not be replayed twice)", e);
            } finally {
                KafkaClients.close(producer);
                KafkaClients.close(consumer);
                KafkaClients.close(admin);
            }
            out.println((dryRun ? "would replay " : "replayed ") + replayed + (replayed == 1 ? " record" : " records")
                    + " from " + topic + describeTargets(replayedTo) + (dryRun ? " (dry run: nothing published)" : ""));
            return ExitCodes.OK;
        }

        /** One transaction: the records and the DLT offsets after them, so both happen or neither does. */
        private void replayBatch(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> consumer,
                                 List<ConsumerRecord<byte[], byte[]>> batch, Map<String, Integer> targetPartitions) {
            String now = Instant.now().toString();
            Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
            producer.beginTransaction();
            try {
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    DeadLetter letter = new DeadLetter(r);
                    String target = letter.replayTarget();
                    RecordHeaders headers = new RecordHeaders(r.headers().toArray());
                    headers.add(DeadLetter.REPLAY_OF, letter.coordinates().getBytes(StandardCharsets.UTF_8));
                    headers.add(DeadLetter.REPLAYED_AT, now.getBytes(StandardCharsets.UTF_8));
                    producer.send(new ProducerRecord<>(target, partitionFor(letter, targetPartitions.get(target)),
                            r.key(), r.value(), headers));
                    next.merge(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1),
                            (a, b) -> a.offset() >= b.offset() ? a : b);
                }
                producer.sendOffsetsToTransaction(next, consumer.groupMetadata());
                producer.commitTransaction();
            } catch (RuntimeException e) {
                try {
                    producer.abortTransaction();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }

        /** The source partition when the target has it, so the record lands beside its siblings; else by key. */
        private static Integer partitionFor(DeadLetter letter, int targetPartitionCount) {
            try {
                int partition = Integer.parseInt(letter.sourcePartition());
                return partition >= 0 && partition < targetPartitionCount ? partition : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private int checkedTarget(KafkaClients kafka, Admin admin, String target) {
            if (Topics.isDeadLetterTopic(target)) {
                throw new CliException("dead letter in " + topic + " names " + target + " as its source: refusing to "
                        + "replay into a dead-letter topic");
            }
            return kafka.partitions(admin, target).size();
        }

        private static String describeTargets(Map<String, Integer> replayedTo) {
            if (replayedTo.isEmpty()) {
                return " (no dead letters since the last replay)";
            }
            if (replayedTo.size() == 1) {
                return " to " + replayedTo.keySet().iterator().next();
            }
            return " to " + replayedTo.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                    .collect(Collectors.joining(", "));
        }
    }

    /** Reads {@code [start, end)} of each partition and hands every record to {@code sink}. */
    static void read(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> start,
                     Map<TopicPartition, Long> end, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
        List<TopicPartition> toRead = partitions.stream().filter(p -> start.get(p) < end.get(p)).collect(Collectors.toList());
        if (toRead.isEmpty()) {
            return;
        }
        consumer.assign(toRead);
        toRead.forEach(p -> consumer.seek(p, start.get(p)));
        while (!reachedEnd(consumer, toRead, end)) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                    sink.accept(r);
                }
            }
        }
    }

    static boolean reachedEnd(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        for (TopicPartition p : partitions) {
            if (consumer.position(p) < end.get(p)) {
                return false;
            }
        }
        return true;
    }

    /** The group's committed offsets; none when the group does not exist (yet). */
    static Map<TopicPartition, Long> committedOffsets(KafkaClients kafka, Admin admin, String group) {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = kafka.await(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(),
                    "list the offsets of group " + group);
        } catch (GroupIdNotFoundException e) {
            return new HashMap<>();
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach((p, o) -> {
            if (o != null) {
                offsets.put(p, o.offset());
            }
        });
        return offsets;
    }

    static String failedAt(DeadLetter letter) {
        String header = letter.failedAt();
        return header != null ? header : Instant.ofEpochMilli(letter.record().timestamp()) + " (record time)";
    }
}
