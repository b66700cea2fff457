package io.omnirouter.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.schemas.DeadLetterHeaders;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.system.hostile.HostileCorpus;
import io.omnirouter.system.hostile.HostileCorpus.Expect;
import io.omnirouter.system.hostile.HostileCorpus.Kind;
import io.omnirouter.system.hostile.HostileRecords;
import io.omnirouter.system.hostile.HostileRecords.Built;
import io.omnirouter.system.hostile.HostileRecords.Expected;
import io.omnirouter.system.hostile.HostileRecords.Outgoing;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.TopicProbe;
import io.omnirouter.testing.WithRealInfrastructure;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Publishes every kind of the hostile corpus ({@code hostile/corpus.json}, issue 10) against both services running
 * from their jars, each kind followed by a valid sentinel on the same partition, then checks per kind: on its
 * dead-letter topic with the original bytes and a reason that names the problem and quotes none of the record, or
 * stored and shown to the agent exactly as sent; every sentinel stored (the pipeline went on); both services
 * healthy; no record content in either service's log.
 */
@WithRealInfrastructure
class HostileInputIT {

    private static final Duration PATIENCE = Duration.ofSeconds(180);

    @RegisterExtension
    static final RunningServices services = new RunningServices();

    /** A kind as published: where its records went, and the sentinel behind them. */
    private record Published(Kind kind, Built built, List<RecordMetadata> sent, Built sentinel) {
    }

    @Test
    void everyHostileRecordIsDeadLetteredWithItsReasonOrStoredIntactAndThePipelineGoesOn() throws Exception {
        List<Kind> corpus = HostileCorpus.load();
        assertThat(corpus).as("kinds in the corpus").hasSizeGreaterThanOrEqualTo(50);
        SchemaRegistryClient registry = new SchemaRegistryClient(RealInfrastructure.registryUrl());
        HostileRecords records = new HostileRecords(registry, UUID.randomUUID().toString().substring(0, 6));
        ConfluentAvroDeserializer<ContactEvent> contactEvents = new ConfluentAvroDeserializer<>(registry, ContactEvent.class);

        List<String> topics = new ArrayList<>();
        for (ContractTopic channel : ContractTopic.channels()) {
            topics.add(channel.deadLetterTopic());
        }
        topics.add(ContractTopic.CONTACT_EVENTS.topic());
        List<Published> published = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = producer(); TopicProbe probe = TopicProbe.reading(topics.toArray(String[]::new))) {
            for (Kind kind : corpus) {
                Built built = records.build(kind);
                int partition = kind.index() % producer.partitionsFor(kind.topic()).size();
                List<RecordMetadata> sent = send(producer, built.records(), partition);
                Built sentinel = records.sentinel(kind.topic(), built.marker() + "s");
                send(producer, sentinel.records(), partition);
                published.add(new Published(kind, built, sent, sentinel));
            }

            Map<String, ContactEvent> contactsBySourceEventId = new HashMap<>();
            Map<String, List<String>> warningsBySourceEventId = new HashMap<>();
            Map<String, String> pending = new LinkedHashMap<>();
            published.forEach(p -> pending.put(p.kind().name(), "not looked at yet"));
            Awaitility.await("every kind dead-lettered or stored, every sentinel stored").atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> {
                        List<ConsumerRecord<byte[], byte[]>> seen = probe.poll();
                        index(seen, contactEvents, contactsBySourceEventId, warningsBySourceEventId);
                        for (Published p : published) {
                            if (pending.containsKey(p.kind().name())) {
                                String problem = problemOf(p, seen, contactsBySourceEventId.keySet(), warningsBySourceEventId);
                                if (problem == null) {
                                    pending.remove(p.kind().name());
                                } else {
                                    pending.put(p.kind().name(), problem);
                                }
                            }
                        }
                        assertThat(pending).as("kinds not (yet) as expected").isEmpty();
                    });

            // Nothing stored was also dead-lettered, and nothing dead-lettered reached the history.
            List<ConsumerRecord<byte[], byte[]>> seen = probe.poll();
            for (Published p : published) {
                if (p.kind().expect() != Expect.DEAD_LETTER) {
                    assertThat(deadLetterOf(p, seen)).as(p.kind().name() + " must not be dead-lettered").isNull();
                } else {
                    assertThat(contactsBySourceEventId.keySet()).as(p.kind().name() + " must not reach contact.events")
                            .noneMatch(id -> id.contains(p.built().marker()) && !id.contains(p.built().marker() + "s"));
                }
            }
        }

        for (Published p : published) {
            if (p.kind().recipe().get("generator").asText().equals("mergeStorm")) {
                assertMergeStormKeptCustomersApart(p);
            }
        }
        assertThat(services.healthy(services.router())).as("router-service healthy after the corpus").isTrue();
        assertThat(services.healthy(services.history())).as("contact-history-service healthy after the corpus").isTrue();
        assertThat(recordContentIn(services.router().logFile(), published)).as("router-service log lines quoting record content").isEmpty();
        assertThat(recordContentIn(services.history().logFile(), published)).as("contact-history-service log lines quoting record content").isEmpty();
    }

    /**
     * One phone with thousands of shop customers: they stay apart, the phone is marked shared
     * (contact-history-service/docs/identity-resolution-and-rebuild.md).
     */
    private void assertMergeStormKeptCustomersApart(Published storm) throws IOException, InterruptedException {
        List<String> customers = new ArrayList<>();
        for (Expected member : storm.built().stored()) {
            customers.add(services.lookup(member.lookupType(), member.lookupValue()).get("customerId").asText());
        }
        assertThat(customers).as("customers of the first, a middle and the last shop account").doesNotHaveDuplicates();
        // Whichever shop customer was stored first holds the number (the three consumers store in parallel).
        JsonNode holder = services.lookup("phone", HostileRecords.switchboardOf(storm.built().marker()));
        assertThat(holder).as("the customer holding the switchboard number").isNotNull();
        List<JsonNode> phones = new ArrayList<>();
        holder.get("identifiers").forEach(id -> {
            if (id.get("type").asText().equals("PHONE")) {
                phones.add(id);
            }
        });
        assertThat(phones).as("the switchboard number on its holder").hasSize(1);
        assertThat(phones.get(0).get("shared").asBoolean()).as("the switchboard number is shared").isTrue();
    }

    /** Null when the kind ended as the corpus says and its sentinel is stored; else what is still wrong. */
    private String problemOf(Published p, List<ConsumerRecord<byte[], byte[]>> seen, Set<String> routed,
                             Map<String, List<String>> warnings) throws IOException, InterruptedException {
        String problem = kindProblem(p, seen, routed, warnings);
        if (problem != null) {
            return problem;
        }
        for (Expected sentinel : p.sentinel().stored()) {
            problem = storedProblem(sentinel, routed);
            if (problem != null) {
                return "sentinel: " + problem;
            }
        }
        return null;
    }

    private String kindProblem(Published p, List<ConsumerRecord<byte[], byte[]>> seen, Set<String> routed,
                               Map<String, List<String>> warnings) throws IOException, InterruptedException {
        Kind kind = p.kind();
        switch (kind.expect()) {
            case DEAD_LETTER -> {
                ConsumerRecord<byte[], byte[]> letter = deadLetterOf(p, seen);
                if (letter == null) {
                    return "not on " + kind.dlt();
                }
                String reason = TopicProbe.header(letter, DeadLetterHeaders.REASON);
                Outgoing original = p.built().records().get(0);
                if (reason == null || !reason.contains(kind.reason())) {
                    return "dead-lettered with reason '" + reason + "', expected it to contain '" + kind.reason() + "'";
                }
                if (reason.toLowerCase(Locale.ROOT).contains(p.built().marker())) {
                    return "the reason quotes the record: " + reason;
                }
                if (!Arrays.equals(letter.value(), original.value()) || !Arrays.equals(letter.key(), original.key())) {
                    return "the dead letter's key or value is not the original bytes";
                }
                return null;
            }
            case STORED, SUPPRESSED -> {
                for (Expected expected : p.built().stored()) {
                    String problem = storedProblem(expected, routed);
                    if (problem != null) {
                        return problem;
                    }
                    if (kind.warning() != null) {
                        List<String> found = warnings.get(expected.sourceEventId());
                        if (found == null || found.stream().noneMatch(w -> w.contains(kind.warning()))) {
                            return "stored, but its warnings " + found + " lack '" + kind.warning() + "'";
                        }
                        if (found.stream().anyMatch(w -> w.toLowerCase(Locale.ROOT).contains(p.built().marker()))) {
                            return "a warning quotes the record: " + found;
                        }
                    }
                }
                return null;
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Null when the agent sees the contact (once) with its subject and text exactly as expected. */
    private String storedProblem(Expected expected, Set<String> routed) throws IOException, InterruptedException {
        if (!routed.contains(expected.sourceEventId())) {
            // Not asked of the API before the router has published it: the questions would only slow the services down.
            return "not on contact.events yet";
        }
        JsonNode customer = services.lookup(expected.lookupType(), expected.lookupValue());
        if (customer == null) {
            return "no customer for its " + expected.lookupType();
        }
        String customerId = customer.get("customerId").asText();
        HttpResponse<String> timeline = services.get("/api/customers/" + customerId + "/timeline?limit=50");
        if (timeline.statusCode() != 200) {
            return "timeline answered " + timeline.statusCode() + ": " + timeline.body();
        }
        List<JsonNode> items = new ArrayList<>();
        services.json().readTree(timeline.body()).get("items").forEach(item -> {
            if (item.get("sourceEventId").asText().equals(expected.sourceEventId())) {
                items.add(item);
            }
        });
        if (items.isEmpty()) {
            return "not in the customer's timeline";
        }
        if (items.size() > 1) {
            return "in the timeline " + items.size() + " times";
        }
        JsonNode item = items.get(0);
        if (!Objects.equals(textOf(item, "subject"), expected.subject())) {
            return "subject differs: " + abbreviated(textOf(item, "subject")) + " instead of " + abbreviated(expected.subject());
        }
        String threadKey = item.get("threadKey").asText();
        HttpResponse<String> thread = services.get("/api/customers/" + customerId + "/threads/"
                + URLEncoder.encode(threadKey, StandardCharsets.UTF_8).replace("+", "%20") + "?limit=50");
        if (thread.statusCode() != 200) {
            return "thread " + abbreviated(threadKey) + " answered " + thread.statusCode() + ": " + abbreviated(thread.body());
        }
        JsonNode entry = null;
        for (JsonNode candidate : services.json().readTree(thread.body()).get("items")) {
            if (candidate.get("sourceEventId").asText().equals(expected.sourceEventId())) {
                entry = candidate;
            }
        }
        if (entry == null) {
            return "not in its thread";
        }
        if (!Objects.equals(textOf(entry, "text"), expected.text())) {
            return "text differs: " + abbreviated(textOf(entry, "text")) + " instead of " + abbreviated(expected.text());
        }
        return namesProblem(entry, expected);
    }

    /** The customer name and attachment names, as the conversation shows them. */
    private static String namesProblem(JsonNode entry, Expected expected) {
        String name = textOf(entry, "customerName");
        if (!Objects.equals(name, expected.customerName())) {
            return "customer name shown as " + abbreviated(name) + " instead of " + abbreviated(expected.customerName());
        }
        List<String> attachments = new ArrayList<>();
        entry.get("attachmentNames").forEach(attachment -> attachments.add(attachment.asText()));
        return attachments.equals(expected.attachmentNames()) ? null
                : "attachment names shown as " + abbreviated(attachments.toString()) + " instead of "
                + abbreviated(expected.attachmentNames().toString());
    }

    private static ConsumerRecord<byte[], byte[]> deadLetterOf(Published p, List<ConsumerRecord<byte[], byte[]>> seen) {
        RecordMetadata first = p.sent().get(0);
        return seen.stream()
                .filter(r -> r.topic().equals(p.kind().dlt()))
                .filter(r -> first.topic().equals(TopicProbe.header(r, DeadLetterHeaders.SOURCE_TOPIC))
                        && Integer.toString(first.partition()).equals(TopicProbe.header(r, DeadLetterHeaders.SOURCE_PARTITION))
                        && Long.toString(first.offset()).equals(TopicProbe.header(r, DeadLetterHeaders.SOURCE_OFFSET)))
                .findFirst().orElse(null);
    }

    /** contact.events records by the channel eventId they came from, with their warning headers. */
    private static void index(List<ConsumerRecord<byte[], byte[]>> seen, ConfluentAvroDeserializer<ContactEvent> deserializer,
                              Map<String, ContactEvent> contacts, Map<String, List<String>> warnings) {
        for (ConsumerRecord<byte[], byte[]> record : seen) {
            if (!record.topic().equals(ContractTopic.CONTACT_EVENTS.topic()) || record.value() == null) {
                continue;
            }
            String key = record.topic() + "-" + record.partition() + "@" + record.offset();
            if (contacts.containsKey(key)) {
                continue;
            }
            ContactEvent contact = deserializer.deserialize(record.topic(), record.value());
            contacts.put(key, contact);
            contacts.put(contact.getSourceEventId(), contact);
            List<String> found = new ArrayList<>();
            for (Header header : record.headers().headers(DeadLetterHeaders.WARNING)) {
                found.add(new String(header.value(), StandardCharsets.UTF_8));
            }
            warnings.put(contact.getSourceEventId(), found);
        }
    }

    /** Log lines (at any level) that contain a marker of a kind or its sentinel. */
    private static List<String> recordContentIn(Path log, List<Published> published) throws IOException {
        List<String> markers = published.stream().map(p -> p.built().marker()).toList();
        String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return Stream.of(text.split("\n"))
                .filter(line -> markers.stream().anyMatch(line::contains))
                .map(HostileInputIT::abbreviated)
                .limit(20)
                .toList();
    }

    private static List<RecordMetadata> send(KafkaProducer<byte[], byte[]> producer, List<Outgoing> records, int partition)
            throws InterruptedException, ExecutionException {
        List<Future<RecordMetadata>> futures = new ArrayList<>(records.size());
        for (Outgoing record : records) {
            futures.add(producer.send(new ProducerRecord<>(record.topic(), partition, record.key(), record.value())));
        }
        List<RecordMetadata> sent = new ArrayList<>(futures.size());
        for (Future<RecordMetadata> future : futures) {
            sent.add(future.get());
        }
        return sent;
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0,
                // The near-maximum random record must reach the broker, whose own limit is what it tests.
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024,
                // Idempotent (the default): records of one partition keep their order, a sentinel stays behind its kind.
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static String textOf(JsonNode item, String field) {
        JsonNode value = item.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String abbreviated(String text) {
        if (text == null) {
            return "null";
        }
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() <= 200 ? "'" + oneLine + "'" : "'" + oneLine.substring(0, 200) + "…' (" + text.length() + " chars)";
    }
}
