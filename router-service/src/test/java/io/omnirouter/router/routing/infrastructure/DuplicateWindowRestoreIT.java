package io.omnirouter.router.routing.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.EmailEvent;
import io.omnirouter.channel.EventMeta;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.router.RouterApplication;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.ServiceProcess;
import io.omnirouter.testing.TopicProbe;
import io.omnirouter.testing.WithRealInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.kafka.transaction.KafkaAwareTransactionManager;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * De-duplication by eventId across what empties a router's memory: a restart (a fresh application context,
 * nothing carried over) and a partition moving to another instance of the group. Each test runs its own
 * routers (whole applications, the group {@code router}) on the real broker and registry, one after the other.
 *
 * <p>All the mails of a test belong to one conversation, so they are routed to one {@code contact.events}
 * partition in the order they were sent: once the probe has read the last one (the marker), it has read every
 * contact the router published before it, a duplicate included.
 */
@WithRealInfrastructure
class DuplicateWindowRestoreIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ContractTopic EMAIL = ContractTopic.EMAIL;

    private final SchemaRegistryClient registry = new SchemaRegistryClient(RealInfrastructure.registryUrl());
    private final ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>(registry, true);
    private final ConfluentAvroDeserializer<ContactEvent> contacts = new ConfluentAvroDeserializer<>(registry, ContactEvent.class);
    private final List<ConfigurableApplicationContext> routers = new ArrayList<>();
    private final String conversation = "parcel-" + UUID.randomUUID();
    private final String key = "k-" + conversation;
    private TopicProbe probe;

    @BeforeAll
    static void topics() {
        // As the router declares them; before a probe asks for them, which would auto-create them with one partition.
        List<String> topics = new ArrayList<>(List.of(ContractTopic.CONTACT_EVENTS.topic()));
        for (ContractTopic channel : ContractTopic.channels()) {
            topics.add(channel.topic());
            topics.add(channel.deadLetterTopic());
        }
        RealInfrastructure.createTopics(6, topics.toArray(String[]::new));
    }

    @BeforeEach
    void openProbe() {
        probe = TopicProbe.reading(ContractTopic.CONTACT_EVENTS.topic(), EMAIL.deadLetterTopic());
    }

    @AfterEach
    void stopRoutersAndProbe() {
        for (int i = routers.size() - 1; i >= 0; i--) {
            routers.get(i).close();
        }
        probe.close();
    }

    @Test
    void aReSentEventIsEmittedOnceWhenTheRouterThatRoutedItWasRestarted() {
        ConfigurableApplicationContext first = startRouter("first", RealInfrastructure.registryUrl());
        byte[] complaint = mail(conversation, "My parcel arrived damaged.");
        sendAndAwaitRouted(complaint);

        first.close(); // a fresh context: nothing of the first router's memory survives
        startRouter("restarted", RealInfrastructure.registryUrl());
        TopicProbe.send(EMAIL.topic(), key, complaint); // the adapter retries the send

        assertEmittedOnce(conversation);
    }

    @Test
    void aReSentEventIsEmittedOnceAfterItsPartitionMovedToAnotherRouterInstance() {
        ConfigurableApplicationContext first = startRouter("first", RealInfrastructure.registryUrl());
        awaitAssigned(first, channelPartitions());
        byte[] complaint = mail(conversation, "Where is my refund?");
        sendAndAwaitRouted(complaint);

        ConfigurableApplicationContext second = startRouter("second", RealInfrastructure.registryUrl());
        await("the group shares the partitions between both routers").atMost(TIMEOUT)
                .until(() -> !assigned(second).isEmpty() && assigned(first).size() + assigned(second).size() == channelPartitions());
        TopicProbe.send(EMAIL.topic(), key, complaint); // to whichever owns the partition now
        first.close();
        awaitAssigned(second, channelPartitions());
        TopicProbe.send(EMAIL.topic(), key, complaint); // to the second router, which had never seen it

        assertEmittedOnce(conversation);
    }

    @Test
    void anEventIdSeenOnlyInADeadLetteredRecordDoesNotSuppressItsFixedReplayAfterARestart() {
        ConfigurableApplicationContext first = startRouter("first", RealInfrastructure.registryUrl());
        String broken = conversation + "-dated-2099";
        byte[] fromTheFuture = mail(broken, "Sent with a broken clock.", Instant.parse("2099-01-01T00:00:00Z"));
        TopicProbe.send(EMAIL.topic(), key, fromTheFuture);
        byte[] question = mail(conversation, "Can you tell me the opening hours?");
        TopicProbe.send(EMAIL.topic(), key, question);
        probe.awaitOne(r -> r.topic().equals(EMAIL.deadLetterTopic()) && Arrays.equals(r.value(), fromTheFuture), TIMEOUT);
        awaitContact(conversation);

        first.close();
        startRouter("restarted", RealInfrastructure.registryUrl());
        TopicProbe.send(EMAIL.topic(), key, mail(broken, "Sent with a broken clock.")); // replayed, fixed
        TopicProbe.send(EMAIL.topic(), key, question); // a re-send: suppressed, so the window was restored

        assertEmittedOnce(conversation);
        assertThat(contactsOf(broken)).as("contacts of the fixed replay").hasSize(1);
    }

    @Test
    void aDeadLetteredRecordDoesNotSuppressAValidRecordWithTheSameEventIdInTheSameBatch() {
        ConfigurableApplicationContext router = startRouter("router", RealInfrastructure.registryUrl());
        awaitAssigned(router, channelPartitions());
        MessageListenerContainer container = listener(router);
        container.stop(); // so that both records wait for the same poll
        TopicProbe.send(EMAIL.topic(), key, mail(conversation, "Sent with a broken clock.", Instant.parse("2099-01-01T00:00:00Z")));
        TopicProbe.send(EMAIL.topic(), key, mail(conversation, "Sent again with the clock fixed."));
        container.start();

        awaitContact(conversation);
    }

    @Test
    void aRegistryOutageDuringTheRestoreHoldsThePartitionBackUntilTheWindowIsRestored() {
        ConfigurableApplicationContext first = startRouter("first", RealInfrastructure.registryUrl());
        // Of a schema id that a router has to look up: it knows the ids of the schemas it registered itself.
        byte[] complaint = mailFromANewerAdapter(conversation, "The courier never rang the bell.");
        sendAndAwaitRouted(complaint);
        first.close();

        try (SchemaLookupOutage outage = SchemaLookupOutage.inFrontOf(RealInfrastructure.registryUrl())) {
            outage.begin();
            startRouter("restarted", outage.url()); // it starts: registrations still pass
            TopicProbe.send(EMAIL.topic(), key, complaint);
            await("restore attempts on assignment and again before routing").atMost(TIMEOUT)
                    .until(() -> outage.refusedLookups() >= 3);
            outage.end();

            assertEmittedOnce(conversation);
        }
    }

    /**
     * The fault harness found acknowledged events lost: a batch's ids were remembered although its transaction then
     * failed (an offset commit refused in a rebalance), and the retried batch was dropped as duplicates. Here the
     * router's own listener routes one record in a transaction of the router's own transaction manager that is
     * rolled back, then routes it again in one that commits: it must be emitted, once.
     */
    @Test
    void aBatchWhoseTransactionRolledBackIsRoutedWhenRetriedNotDroppedAsAlreadyRouted() {
        ConfigurableApplicationContext router = startRouter("router", RealInfrastructure.registryUrl());
        awaitAssigned(router, channelPartitions());
        listener(router).stop(); // the test drives the listener itself
        ChannelEventListener routing = router.getBean(ChannelEventListener.class);
        TransactionTemplate transaction = new TransactionTemplate(router.getBean(KafkaAwareTransactionManager.class));
        List<ConsumerRecord<byte[], byte[]>> batch = List.of(new ConsumerRecord<>(EMAIL.topic(), 0, 0L,
                key.getBytes(StandardCharsets.UTF_8), mail(conversation, "My parcel arrived damaged.")));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "router-rollback-" + conversation,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(EMAIL.topic(), 0)));

            transaction.executeWithoutResult(status -> {
                routing.route(batch, consumer);
                status.setRollbackOnly(); // as when the offset commit fails: the batch is aborted
            });
            transaction.executeWithoutResult(status -> routing.route(batch, consumer)); // the retry, committed
        }
        listener(router).start(); // for the marker of assertEmittedOnce

        assertEmittedOnce(conversation);
    }

    /** A router of the group {@code router} (the listener's id), as a whole application. */
    private ConfigurableApplicationContext startRouter(String name, String registryUrl) {
        // As command-line arguments: they take precedence over application.yml.
        ConfigurableApplicationContext router = new SpringApplicationBuilder(RouterApplication.class)
                .web(WebApplicationType.NONE)
                .run(Stream.concat(
                        // The registry is this test's (a proxy it can break), so not the harness's one.
                        ServiceProcess.realInfrastructureArguments().stream().filter(a -> !a.startsWith("--omnirouter.schema-registry.url=")),
                        Stream.of("--omnirouter.schema-registry.url=" + registryUrl,
                                "--omnirouter.instance.id=" + name + "-" + UUID.randomUUID())).toArray(String[]::new));
        routers.add(router);
        return router;
    }

    private static MessageListenerContainer listener(ConfigurableApplicationContext router) {
        return router.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("router");
    }

    private static List<?> assigned(ConfigurableApplicationContext router) {
        return router.isActive() ? List.copyOf(listener(router).getAssignedPartitions()) : List.of();
    }

    private static void awaitAssigned(ConfigurableApplicationContext router, int partitions) {
        await("all " + partitions + " channel partitions assigned").atMost(TIMEOUT)
                .until(() -> assigned(router).size() == partitions);
    }

    private static int channelPartitions() {
        return ContractTopic.channels().length * 6;
    }

    /** A mail of this test's conversation (one thread, so one contact.events partition), sent now. */
    private byte[] mail(String eventId, String body) {
        return mail(eventId, body, Instant.now().minusSeconds(5));
    }

    private byte[] mail(String eventId, String body, Instant occurredAt) {
        return serializer.serialize(EMAIL.topic(), email(eventId, body, occurredAt));
    }

    private EmailEvent email(String eventId, String body, Instant occurredAt) {
        return new EmailEvent(new EventMeta(eventId, occurredAt, "it-mail-adapter", null),
                "<" + eventId + "@mail.example>", null, List.of("<" + conversation + "@mail.example>"),
                Direction.INBOUND, CustomerRef.newBuilder().setEmail(conversation + "@example.com").setLanguage("en").build(),
                null, "Customer message", body, List.of(), null);
    }

    /**
     * A mail as the next version of the adapter writes it: the EmailEvent schema with one more optional field
     * (a compatible change), registered by the adapter.
     */
    private byte[] mailFromANewerAdapter(String eventId, String body) {
        Schema current = EmailEvent.getClassSchema();
        List<Schema.Field> fields = new ArrayList<>();
        current.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(new Schema.Field("adapterBuild", Schema.createUnion(Schema.create(Schema.Type.NULL),
                Schema.create(Schema.Type.STRING)), "build of the adapter that sent it", JsonProperties.NULL_VALUE));
        Schema newer = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new SpecificDatumWriter<>(EmailEvent.class).write(email(eventId, body, Instant.now().minusSeconds(5)), encoder);
            encoder.flush();
            GenericRecord mail = new GenericDatumReader<GenericRecord>(current, newer)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
            mail.put("adapterBuild", "2.4.1");
            return new ConfluentAvroSerializer<GenericRecord>(registry, true).serialize(EMAIL.topic(), mail);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends the conversation's first mail (event id = conversation) and waits until its contact is out. */
    private void sendAndAwaitRouted(byte[] firstMail) {
        TopicProbe.send(EMAIL.topic(), key, firstMail);
        awaitContact(conversation);
    }

    /**
     * Sends a last mail of the conversation and waits for its contact: then every contact published before it
     * has been read, a duplicate included.
     */
    private void assertEmittedOnce(String eventId) {
        String marker = conversation + "-marker";
        TopicProbe.send(EMAIL.topic(), key, mail(marker, "Thank you."));
        awaitContact(marker);
        assertThat(contactsOf(eventId)).as("contacts of event " + eventId).hasSize(1);
    }

    private void awaitContact(String sourceEventId) {
        probe.awaitOne(r -> isContactOf(r, sourceEventId), TIMEOUT);
    }

    private List<ConsumerRecord<byte[], byte[]>> contactsOf(String sourceEventId) {
        return probe.seen(r -> isContactOf(r, sourceEventId));
    }

    private boolean isContactOf(ConsumerRecord<byte[], byte[]> record, String sourceEventId) {
        return record.topic().equals(ContractTopic.CONTACT_EVENTS.topic())
                && contacts.deserialize(record.topic(), record.value()).getSourceEventId().equals(sourceEventId);
    }
}
