package io.omnirouter.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.EmailEvent;
import io.omnirouter.channel.EventMeta;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.WithRealInfrastructure;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The serde with the generated contract classes, the registry and a real Kafka broker. */
@WithRealInfrastructure
class EmailEventSerdeIT {

    @Test
    void generatedRecordRoundTripsIntoItsOwnClass() {
        SchemaRegistryClient registry = new SchemaRegistryClient(RealInfrastructure.registryUrl());
        String topic = "channel.email.serde-it-" + UUID.randomUUID();
        EmailEvent event = email("<a1@mail.example>");

        byte[] bytes = new ConfluentAvroSerializer<EmailEvent>(registry, true).serialize(topic, event);
        Object read = new ConfluentAvroDeserializer<>(registry).deserialize(topic, bytes);

        assertThat(read).isInstanceOf(EmailEvent.class).isEqualTo(event);
    }

    @Test
    void recordOfAnOlderContractVersionIsReadIntoTheCurrentClass() throws Exception {
        SchemaRegistryClient registry = new SchemaRegistryClient(RealInfrastructure.registryUrl());
        String topic = "channel.email.serde-it-" + UUID.randomUUID();
        EmailEvent current = email("<a2@mail.example>");
        Schema.Field added = lastOptionalField(EmailEvent.getClassSchema());
        Schema older = withoutField(EmailEvent.getClassSchema(), added);
        GenericRecord writtenByOlderProducer = asGeneric(current, older);

        // The older producer registers version 1; the current contract becomes version 2 of the same subject.
        byte[] bytes = new ConfluentAvroSerializer<GenericRecord>(registry, true).serialize(topic, writtenByOlderProducer);
        registry.register(topic + "-value", EmailEvent.getClassSchema());
        EmailEvent read = new ConfluentAvroDeserializer<EmailEvent>(registry, EmailEvent.class).deserialize(topic, bytes);

        EmailEvent expected = EmailEvent.newBuilder(current).build();
        expected.put(added.name(), null);
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void serdeConfiguredByKafkaPropertiesCrossesARealBroker() throws Exception {
        String topic = "channel.email.serde-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        EmailEvent event = email("<a3@mail.example>");
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ConfluentAvroSerializer.class,
                SerdeConfig.SCHEMA_REGISTRY_URL, RealInfrastructure.registryUrl());
        try (KafkaProducer<String, EmailEvent> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(topic, event.getMessageId(), event)).get();
            producer.send(new ProducerRecord<>(topic, event.getMessageId(), null)).get();
        }

        Map<String, Object> consumerConfig = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ConfluentAvroDeserializer.class,
                SerdeConfig.SCHEMA_REGISTRY_URL, RealInfrastructure.registryUrl());
        List<ConsumerRecord<String, EmailEvent>> received = new ArrayList<>();
        try (KafkaConsumer<String, EmailEvent> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plusSeconds(30);
            while (received.size() < 2 && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }

        assertThat(received).hasSize(2);
        assertThat(received.get(0).value()).isInstanceOf(EmailEvent.class).isEqualTo(event);
        assertThat(received.get(1).value()).as("tombstone").isNull();
    }

    private static EmailEvent email(String messageId) {
        return EmailEvent.newBuilder()
                .setMeta(EventMeta.newBuilder()
                        .setEventId(UUID.randomUUID().toString())
                        .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                        .setSource("imap-ljubljana-1")
                        .setTenant(null)
                        .build())
                .setMessageId(messageId)
                .setInReplyTo("<root@mail.example>")
                .setReferences(List.of("<root@mail.example>"))
                .setDirection(Direction.INBOUND)
                .setCustomer(CustomerRef.newBuilder().setEmail(" Ana.Novak@Example.SI ").setLanguage("sl").build())
                .setAgentId(null)
                .setSubject("Reklamacija: naročilo 1042")
                .setBodyText("Paket je prispel poškodovan.")
                .setAttachmentNames(List.of("foto.jpg"))
                .setPromisedReplyBy(Instant.parse("2026-12-01T09:00:00Z"))
                .build();
    }

    /** The newest nullable field with a null default: what a BACKWARD-compatible evolution adds. */
    private static Schema.Field lastOptionalField(Schema schema) {
        List<Schema.Field> fields = schema.getFields();
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (fields.get(i).defaultVal() == JsonProperties.NULL_VALUE) {
                return fields.get(i);
            }
        }
        throw new IllegalStateException(schema.getFullName() + " has no optional field");
    }

    private static Schema withoutField(Schema schema, Schema.Field dropped) {
        List<Schema.Field> kept = schema.getFields().stream()
                .filter(f -> !f.name().equals(dropped.name()))
                .map(f -> new Schema.Field(f, f.schema()))
                .toList();
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, kept);
    }

    /** The event as a GenericRecord of {@code schema}, by plain Avro resolution. */
    private static GenericRecord asGeneric(EmailEvent event, Schema schema) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<EmailEvent>(EmailEvent.getClassSchema()).write(event, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(EmailEvent.getClassSchema(), schema, GenericData.get())
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
