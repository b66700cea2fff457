package io.omnirouter.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.serde.SchemaRegistrySettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "tail", mixinStandardHelpOptions = true, versionProvider = OmnirouterCli.Version.class,
        sortOptions = false,
        description = {
                "Prints the records of a topic as JSON lines on stdout (read_committed): "
                        + "{\"topic\",\"partition\",\"offset\",\"timestamp\",\"key\",\"headers\":{…},\"value\":<Avro JSON>}.",
                "Values are decoded with their writer schema from the registry. A dead letter's value (or any value that "
                        + "is not a decodable record) is shown as valueBase64 with the decode error in valueError; "
                        + "headers (the DLT reason, source topic/partition/offset…) as UTF-8 strings.",
                "Without --from-beginning it starts at the last --last records of each partition; without --follow it "
                        + "stops at the end of the topic."},
        footer = {"",
                "Examples:",
                "  omnirouter cli tail contact.events --from-beginning --max 20",
                "  omnirouter cli tail followup.tasks --follow",
                "  omnirouter cli tail channel.email.DLT --from-beginning | jq .headers"})
final class TailCommand implements Callable<Integer> {

    private static final Duration POLL = Duration.ofMillis(200);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<topic>", description = "A contract topic or a <topic>.DLT.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the beginning of each partition.")
    boolean fromBeginning;

    @Option(names = {"-f", "--follow"}, description = "Keep waiting for new records (until Ctrl-C or --max).")
    boolean follow;

    @Option(names = {"-n", "--max"}, paramLabel = "<n>", description = "Stop after this many records.")
    Long max;

    @Option(names = "--last", paramLabel = "<n>", defaultValue = "10",
            description = "Without --from-beginning: start this many records before the end of each partition "
                    + "(default: ${DEFAULT-VALUE}).")
    long last;

    @Override
    public Integer call() {
        Topics.readableTopic(topic);
        if (max != null && max < 0) {
            throw new CliException("--max must be 0 or more");
        }
        OmnirouterCli root = OmnirouterCli.root(spec);
        KafkaClients kafka = KafkaClients.of(root);
        List<TopicPartition> partitions;
        Map<TopicPartition, Long> beginning;
        Map<TopicPartition, Long> end;
        Admin admin = kafka.connectedAdmin();
        try {
            partitions = kafka.partitions(admin, topic);
            beginning = kafka.offsets(admin, partitions, OffsetSpec.earliest());
            end = kafka.offsets(admin, partitions, OffsetSpec.latest());
        } finally {
            KafkaClients.close(admin);
        }
        ValueDecoder decoder = ValueDecoder.avro(new SchemaRegistryClient(
                SchemaRegistrySettings.of(root.registryUrl()).withTimeouts(root.timeout(), root.timeout())));
        PrintWriter out = spec.commandLine().getOut();
        long limit = max == null ? Long.MAX_VALUE : max;
        long printed = 0;
        KafkaConsumer<byte[], byte[]> consumer = kafka.consumer(null);
        try {
            consumer.assign(partitions);
            for (TopicPartition p : partitions) {
                long start = fromBeginning ? beginning.get(p) : Math.max(beginning.get(p), end.get(p) - Math.max(0, last));
                consumer.seek(p, start);
            }
            while (printed < limit) {
                if (!follow && reachedEnd(consumer, partitions, end)) {
                    break;
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (!follow && record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    ValueDecoder.Decoded value = record.value() == null ? null : decoder.decode(record.topic(), record.value());
                    out.println(RecordJson.format(record, value));
                    if (out.checkError()) {
                        // stdout is gone (e.g. piped into head): stop instead of reading on for nobody.
                        return ExitCodes.OK;
                    }
                    if (++printed >= limit) {
                        break;
                    }
                }
            }
        } finally {
            KafkaClients.close(consumer);
        }
        return ExitCodes.OK;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> end) {
        for (TopicPartition p : partitions) {
            if (consumer.position(p) < end.get(p)) {
                return false;
            }
        }
        return true;
    }
}
