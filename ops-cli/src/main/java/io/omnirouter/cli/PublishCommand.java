package io.omnirouter.cli;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.serde.SchemaRegistrySettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "publish", mixinStandardHelpOptions = true, versionProvider = OmnirouterCli.Version.class,
        sortOptions = false,
        description = {
                "Publishes a JSONL file to a topic: each non-blank line is one record in Avro's JSON encoding of the "
                        + "topic's value schema, written in the Confluent wire format (schema registered under <topic>-value).",
                "Every line is validated first; if any line is invalid, the first problem is reported with its line "
                        + "number and NOTHING is published. Then all records go out in one Kafka transaction: "
                        + "read_committed consumers see all of them or none.",
                "Conveniences: fields with a default (the nullable ones) may be left out, a union value may be bare "
                        + "(\"a@b.c\" for {\"string\":\"a@b.c\"}), timestamps may be ISO-8601 (\"2026-03-01T09:30:00Z\")."},
        footer = {"",
                "Examples:",
                "  omnirouter cli publish channel.email emails.jsonl",
                "  omnirouter cli publish channel.webshop orders.jsonl --key-field orderId",
                "  omnirouter cli publish channel.email broken.txt --raw    (malformed on purpose)"})
final class PublishCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<topic>", completionCandidates = Topics.Names.class,
            description = "A topic of the contract: ${COMPLETION-CANDIDATES}.")
    String topic;

    @Parameters(index = "1", paramLabel = "<file.jsonl>", description = "The JSONL file; '-' reads standard input.")
    String file;

    @Option(names = "--key-field", paramLabel = "<path>", description = "Dotted field path giving each record's key, "
            + "e.g. customer.email.")
    String keyField;

    @Option(names = "--key", paramLabel = "<key>", description = "One key for every record.")
    String key;

    @Option(names = "--raw", description = "Publish each line's bytes as they are, not validated, not framed "
            + "(to test dead-letter handling with malformed records). Key: --key, else the key field when the line "
            + "happens to be a valid record, else none.")
    boolean raw;

    @Option(names = "--raw-encoding", paramLabel = "TEXT|BASE64", defaultValue = "TEXT",
            description = "With --raw: TEXT publishes the line's UTF-8 bytes, BASE64 the bytes the line encodes "
                    + "(default: ${DEFAULT-VALUE}).")
    JsonLines.RawEncoding rawEncoding;

    @Option(names = "--dry-run", description = "Validate only; publish nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        OmnirouterCli root = OmnirouterCli.root(spec);
        ContractTopic contract = Topics.contractTopic(topic);
        List<KeyPath> keyPaths = new ArrayList<>();
        if (keyField != null) {
            keyPaths.add(KeyPath.of(contract.valueSchema(), keyField));
        } else {
            contract.keyFields().forEach(p -> keyPaths.add(KeyPath.of(contract.valueSchema(), p)));
        }
        JsonLines lines = new JsonLines(contract.valueSchema(), keyPaths, key);
        List<String> content = readLines();
        JsonLines.Result parsed = raw ? lines.parseRaw(content, rawEncoding) : lines.parse(content);
        if (!parsed.valid()) {
            throw new CliException(parsed.summary(displayName()) + "; nothing was published");
        }
        if (parsed.entries().isEmpty()) {
            throw new CliException(displayName() + " holds no records; nothing was published");
        }
        if (dryRun) {
            spec.commandLine().getOut().println("validated " + count(parsed.entries().size()) + " for " + topic
                    + " (dry run: nothing published)");
            return ExitCodes.OK;
        }

        KafkaClients kafka = KafkaClients.of(root);
        Admin admin = kafka.connectedAdmin();
        try {
            kafka.partitions(admin, topic);
        } finally {
            KafkaClients.close(admin);
        }
        List<ProducerRecord<byte[], byte[]>> records = toRecords(root, parsed.entries());
        publish(kafka, records);
        spec.commandLine().getOut().println("published " + count(records.size()) + " to " + topic);
        return ExitCodes.OK;
    }

    /** Adds the key rule of every contract topic to the help: picocli's annotation texts are constants. */
    static void describeKeyRules(UsageMessageSpec usage) {
        List<String> description = new ArrayList<>(List.of(usage.description()));
        description.add("Record key: --key, else --key-field, else per topic the first of its key fields that is neither "
                + "null nor blank: " + Topics.keyRules() + ".");
        usage.description(description.toArray(String[]::new));
    }

    /** Values are serialized (and the schema registered) before anything is sent. */
    private List<ProducerRecord<byte[], byte[]>> toRecords(OmnirouterCli root, List<JsonLines.Entry> entries) {
        ConfluentAvroSerializer<Object> serializer = raw ? null : new ConfluentAvroSerializer<>(
                new SchemaRegistryClient(SchemaRegistrySettings.of(root.registryUrl())
                        .withTimeouts(root.timeout(), root.timeout())), true);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(entries.size());
        for (JsonLines.Entry entry : entries) {
            byte[] value = raw ? entry.rawValue() : serializer.serialize(topic, entry.record());
            byte[] keyBytes = entry.key() == null ? null : entry.key().getBytes(StandardCharsets.UTF_8);
            records.add(new ProducerRecord<>(topic, null, keyBytes, value));
        }
        return records;
    }

    private void publish(KafkaClients kafka, List<ProducerRecord<byte[], byte[]>> records) {
        KafkaProducer<byte[], byte[]> producer = kafka.producer("omnirouter-cli-publish-" + UUID.randomUUID());
        boolean inTransaction = false;
        try {
            producer.initTransactions();
            producer.beginTransaction();
            inTransaction = true;
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (ProducerRecord<byte[], byte[]> record : records) {
                sent.add(producer.send(record));
            }
            producer.flush();
            for (Future<RecordMetadata> future : sent) {
                future.get(kafka.timeout().toMillis() * 2, TimeUnit.MILLISECONDS);
            }
            producer.commitTransaction();
            inTransaction = false;
        } catch (TimeoutException | java.util.concurrent.TimeoutException e) {
            throw kafka.unreachable("publish to " + topic);
        } catch (ExecutionException e) {
            throw new CliException("publishing to " + topic + " failed: " + ErrorMessages.firstMessage(e.getCause())
                    + "; nothing was published", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted; nothing was published", e);
        } catch (KafkaException e) {
            throw new CliException("publishing to " + topic + " failed: " + ErrorMessages.firstMessage(e)
                    + "; nothing was published", e);
        } finally {
            if (inTransaction) {
                try {
                    producer.abortTransaction();
                } catch (RuntimeException ignored) {
                    // The transaction times out on the broker anyway; its records stay invisible to read_committed.
                }
            }
            KafkaClients.close(producer);
        }
    }

    private List<String> readLines() {
        try {
            if (file.equals("-")) {
                return new String(System.in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
            return Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException("no such file: " + file);
        } catch (MalformedInputException e) {
            throw new CliException(file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + ErrorMessages.firstMessage(e));
        }
    }

    private String displayName() {
        return file.equals("-") ? "standard input" : file;
    }

    private static String count(int n) {
        return n + (n == 1 ? " record" : " records");
    }
}
