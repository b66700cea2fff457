package io.omnirouter.router.routing.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.channel.ChatAuthor;
import io.omnirouter.channel.ChatEvent;
import io.omnirouter.channel.ChatEventKind;
import io.omnirouter.channel.ConsentChange;
import io.omnirouter.channel.ConsentPurpose;
import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.CustomerSegment;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.EmailEvent;
import io.omnirouter.channel.EventMeta;
import io.omnirouter.channel.SocialMessageEvent;
import io.omnirouter.channel.SocialPlatform;
import io.omnirouter.channel.SocialVisibility;
import io.omnirouter.channel.WebShopEvent;
import io.omnirouter.channel.WebShopEventKind;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.contact.Intent;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.schemas.DeadLetterHeaders;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.support.health.KafkaHealthIndicator;
import io.omnirouter.support.health.SchemaRegistryHealthIndicator;
import io.omnirouter.personal.contact.SealedContacts;
import io.omnirouter.personal.keys.DataKeys;
import io.omnirouter.testing.PersonalDataTestKeys;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.TopicProbe;
import io.omnirouter.testing.WithRealInfrastructure;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The router on the real broker and registry: what goes in on the channel topics, what comes out on
 * contact.events and on the dead-letter topics.
 */
@WithRealInfrastructure
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
// Closed after the class: a cached router left running would route the channel events of later test classes too.
@DirtiesContext
class ChannelRoutingIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", RealInfrastructure::kafkaBootstrapServers);
        registry.add("omnirouter.schema-registry.url", RealInfrastructure::registryUrl);
        registry.add("spring.datasource.url", RealInfrastructure::jdbcUrl);
        registry.add("spring.datasource.username", RealInfrastructure::dbUser);
        registry.add("spring.datasource.password", RealInfrastructure::dbPassword);
        PersonalDataTestKeys.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    private final SchemaRegistryClient registry = new SchemaRegistryClient(RealInfrastructure.registryUrl());
    private final ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>(registry, true);
    private final ConfluentAvroDeserializer<ContactEvent> contacts = new ConfluentAvroDeserializer<>(registry, ContactEvent.class);
    private TopicProbe probe;

    @BeforeEach
    void openProbe() {
        List<String> topics = new java.util.ArrayList<>(List.of(ContractTopic.CONTACT_EVENTS.topic()));
        for (ContractTopic channel : ContractTopic.channels()) {
            topics.add(channel.deadLetterTopic());
        }
        probe = TopicProbe.reading(topics.toArray(String[]::new));
    }

    @AfterEach
    void closeProbe() {
        probe.close();
    }

    private static EventMeta meta(String eventId) {
        return new EventMeta(eventId, Instant.now().minusSeconds(5), "it-adapter", null);
    }

    private static EmailEvent email(String eventId, String body, String language) {
        return new EmailEvent(meta(eventId), "<" + eventId + "@mail.example>", null, List.of(), Direction.INBOUND,
                CustomerRef.newBuilder().setEmail(eventId + "@example.com").setLanguage(language).build(),
                null, "Customer message", body, List.of(), null);
    }

    private void send(ContractTopic topic, String key, SpecificRecord event) {
        TopicProbe.send(topic.topic(), key, serializer.serialize(topic.topic(), event));
    }

    /** The contact routed from the event, opened under its data key as the history opens it. */
    private ContactEvent awaitContact(String sourceEventId) {
        return contactsOf(sourceEventId, 1).get(0);
    }

    private List<ContactEvent> contactsOf(String sourceEventId, int atLeast) {
        return probe.awaitMatching(r -> r.topic().equals(ContractTopic.CONTACT_EVENTS.topic())
                                && contacts.deserialize(r.topic(), r.value()).getSourceEventId().equals(sourceEventId),
                        atLeast, TIMEOUT)
                .stream().map(r -> opened(contacts.deserialize(r.topic(), r.value()))).toList();
    }

    private ContactEvent opened(ContactEvent sealed) {
        UUID keyId = SealedContacts.keyIdOf(sealed);
        return SealedContacts.open(sealed, dataKeys.find(List.of(keyId)).get(keyId));
    }

    @Autowired
    private DataKeys dataKeys;
    @Autowired
    private SealedContacts sealedContacts;

    @Test
    void theRecordOnContactEventsCarriesNoneOfTheContactsIdentifiersOrTextsInClear() {
        String eventId = "sealed-" + UUID.randomUUID();
        EmailEvent mail = new EmailEvent(meta(eventId), "<" + eventId + "@mail.example>", null, List.of(), Direction.INBOUND,
                CustomerRef.newBuilder().setEmail("Ana.Novak-" + eventId + "@Example.com").setPhone("041 555 777")
                        .setName("Ana Novak").build(),
                null, "Broken kettle " + eventId, "The kettle I bought leaks, order 7741.", List.of("receipt-7741.pdf"), null);
        send(ContractTopic.EMAIL, eventId, mail);

        ConsumerRecord<byte[], byte[]> out = probe.awaitOne(r -> r.topic().equals(ContractTopic.CONTACT_EVENTS.topic())
                && contacts.deserialize(r.topic(), r.value()).getSourceEventId().equals(eventId), TIMEOUT);

        String raw = new String(out.value(), java.nio.charset.StandardCharsets.ISO_8859_1)
                + new String(out.key(), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String personal : List.of("ana.novak", "Ana Novak", "+38641555777", "41555777", "Broken kettle", "kettle",
                "7741", "receipt", eventId + "@mail.example")) {
            assertThat(raw).as("raw key and value of the contact").doesNotContainIgnoringCase(personal);
        }
        ContactEvent sealed = contacts.deserialize(out.topic(), out.value());
        assertThat(SealedContacts.isSealed(sealed)).isTrue();
        assertThat(sealed.getThreadKey()).isEqualTo(sealedContacts.hashedThreadKey("email:" + eventId + "@mail.example"))
                .startsWith("email:");
        ContactEvent contact = opened(sealed);
        assertThat(contact.getIdentifiers().getEmail()).isEqualTo("ana.novak-" + eventId + "@example.com");
        assertThat(contact.getIdentifiers().getPhone()).isEqualTo("+38641555777");
        assertThat(contact.getCustomerName()).isEqualTo("Ana Novak");
        assertThat(contact.getSubject()).isEqualTo("Broken kettle " + eventId);
        assertThat(contact.getText()).isEqualTo("The kettle I bought leaks, order 7741.");
        assertThat(contact.getAttachmentNames()).containsExactly("receipt-7741.pdf");
        assertThat(contact.getChannelRef()).isEqualTo("<" + eventId + "@mail.example>");
        assertThat(contact.getIntent()).as("classified before sealing").isEqualTo(sealed.getIntent());
    }

    @Autowired
    private KafkaHealthIndicator kafkaHealth;
    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    private SchemaRegistryHealthIndicator registryHealth;

    @Test
    void healthReportsKafkaAndTheSchemaRegistry() {
        assertThat(kafkaHealth.health(true).getStatus()).isEqualTo(Status.UP);
        assertThat(kafkaHealth.health(true).getDetails()).containsEntry("brokers", 1);
        assertThat(registryHealth.health(true).getStatus()).isEqualTo(Status.UP);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "sl | Vlagam reklamacijo, paket je prišel poškodovan.",
            "tr | Kargo hakkında şikayet etmek istiyorum.",
            "ru | Это жалоба: заказ не пришёл вовремя.",
            "th | ฉันต้องการร้องเรียนเรื่องการจัดส่ง",
    })
    void complaintsWrittenInSlovenianTurkishRussianOrThaiAreComplaints(String language, String body) {
        String eventId = "complaint-" + language + "-" + UUID.randomUUID();
        send(ContractTopic.EMAIL, eventId, email(eventId, body, language));

        ContactEvent contact = awaitContact(eventId);

        assertThat(contact.getIntent()).isEqualTo(Intent.COMPLAINT);
        assertThat(contact.getQueue()).isEqualTo("complaints");
        assertThat(contact.getLanguage()).isEqualTo(language);
    }

    @Test
    void wrongMagicByteGoesToTheDeadLetterTopicAndTheNextRecordStillArrives() {
        byte[] json = "{\"eventId\":\"not avro\"}".getBytes();
        assertDeadLetteredThenNextRoutes(ContractTopic.EMAIL, json, "magic byte");
    }

    @Test
    void unknownSchemaIdGoesToTheDeadLetterTopic() {
        byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();
        assertDeadLetteredThenNextRoutes(ContractTopic.PHONE, unknownId, "987654");
    }

    @Test
    void truncatedAvroGoesToTheDeadLetterTopic() {
        String eventId = "truncated-" + UUID.randomUUID();
        ChatEvent chat = new ChatEvent(meta(eventId), "s-" + eventId, ChatEventKind.MESSAGE, ChatAuthor.CUSTOMER,
                CustomerRef.newBuilder().setChatVisitorId("v-" + eventId).build(), null, "Hello, I have a question", null, null);
        byte[] whole = serializer.serialize(ContractTopic.CHAT.topic(), chat);
        assertDeadLetteredThenNextRoutes(ContractTopic.CHAT, Arrays.copyOf(whole, whole.length / 2), "ChatEvent");
    }

    @Test
    void anEventWithoutAnyCustomerIdentifierGoesToTheDeadLetterTopic() {
        WebShopEvent anonymous = new WebShopEvent(meta("anon-" + UUID.randomUUID()), WebShopEventKind.CONTACT_FORM,
                CustomerRef.newBuilder().setName("Nobody").build(), CustomerSegment.B2C, null, null, null, null, "Hi?", List.of());
        double before = deadLetters(ContractTopic.WEBSHOP, "NO_CUSTOMER_IDENTIFIER");
        assertDeadLetteredThenNextRoutes(ContractTopic.WEBSHOP,
                serializer.serialize(ContractTopic.WEBSHOP.topic(), anonymous), "no customer identifier");
        assertThat(deadLetters(ContractTopic.WEBSHOP, "NO_CUSTOMER_IDENTIFIER")).as("counted by its reason").isGreaterThanOrEqualTo(before + 1);
    }

    private double deadLetters(ContractTopic topic, String reason) {
        return meters.find("omnirouter.router.dead.letters").tag("topic", topic.topic()).tag("reason", reason).counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    @Test
    void anEventFarInTheFutureGoesToTheDeadLetterTopic() {
        String eventId = "future-" + UUID.randomUUID();
        EmailEvent future = email(eventId, "hello from 2099", "en");
        future.getMeta().setOccurredAt(Instant.parse("2099-01-01T00:00:00Z"));
        assertDeadLetteredThenNextRoutes(ContractTopic.EMAIL,
                serializer.serialize(ContractTopic.EMAIL.topic(), future), "in the future");
    }

    /**
     * Sends the bad bytes and then a good event under the same key (so to the same partition, behind it):
     * the bad record must land untouched in the topic's DLT with a readable reason and its provenance, and
     * the good one must still be routed.
     */
    private void assertDeadLetteredThenNextRoutes(ContractTopic topic, byte[] bad, String reasonMentions) {
        String key = "key-" + UUID.randomUUID();
        TopicProbe.send(topic.topic(), key, bad);
        String goodEventId = "good-after-" + key;
        send(topic, key, goodEvent(topic, goodEventId));

        ConsumerRecord<byte[], byte[]> dead = probe.awaitOne(r -> r.topic().equals(topic.deadLetterTopic())
                && key.equals(new String(r.key())), TIMEOUT);
        assertThat(dead.value()).as("original bytes, untouched").isEqualTo(bad);
        assertThat(TopicProbe.header(dead, DeadLetterHeaders.REASON)).contains(reasonMentions);
        assertThat(TopicProbe.header(dead, DeadLetterHeaders.EXCEPTION)).isNotBlank();
        assertThat(TopicProbe.header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(topic.topic());
        assertThat(TopicProbe.header(dead, DeadLetterHeaders.SOURCE_PARTITION)).matches("\\d+");
        assertThat(TopicProbe.header(dead, DeadLetterHeaders.SOURCE_OFFSET)).matches("\\d+");
        assertThat(awaitContact(goodEventId).getSourceEventId()).isEqualTo(goodEventId);
    }

    private static SpecificRecord goodEvent(ContractTopic topic, String eventId) {
        return goodEvent(topic, eventId, CustomerRef.newBuilder().setEmail(eventId + "@example.com").build());
    }

    private static SpecificRecord goodEvent(ContractTopic topic, String eventId, CustomerRef customer) {
        return switch (topic) {
            case EMAIL -> {
                EmailEvent email = email(eventId, "Where is my parcel?", "en");
                email.setCustomer(customer);
                yield email;
            }
            case PHONE -> new io.omnirouter.channel.PhoneCallEvent(meta(eventId), "call-" + eventId, Direction.INBOUND,
                    customer, io.omnirouter.channel.CallOutcome.MISSED, null, null, 0, null, null);
            case CHAT -> new ChatEvent(meta(eventId), "s-" + eventId, ChatEventKind.STARTED, ChatAuthor.CUSTOMER,
                    customer, null, null, null, null);
            case WEBSHOP -> new WebShopEvent(meta(eventId), WebShopEventKind.ORDER_PLACED, customer,
                    CustomerSegment.B2C, "O-" + eventId, 4200L, "EUR", null, null, List.of());
            case SOCIAL -> social(eventId, "conversation-" + eventId, "@visitor-" + eventId).setCustomer(customer).build();
            default -> throw new IllegalArgumentException(topic.name());
        };
    }

    private static SocialMessageEvent.Builder social(String eventId, String conversationId, String handle) {
        return SocialMessageEvent.newBuilder().setMeta(meta(eventId)).setPlatform(SocialPlatform.WHATSAPP)
                .setVisibility(SocialVisibility.PRIVATE_MESSAGE).setConversationId(conversationId).setMessageId("wamid-" + eventId)
                .setDirection(Direction.INBOUND).setCustomerHandle(handle).setCustomer(new CustomerRef());
    }

    @Test
    void contactsCarryingOneEmailAddressLandOnThePartitionOfThatAddressWhateverTheirChannelAndThread() throws Exception {
        String address = "affinity-" + UUID.randomUUID() + "@example.com";
        CustomerRef customer = CustomerRef.newBuilder().setEmail(address).build();
        List<String> eventIds = new java.util.ArrayList<>();
        for (ContractTopic topic : List.of(ContractTopic.EMAIL, ContractTopic.PHONE, ContractTopic.CHAT, ContractTopic.WEBSHOP,
                ContractTopic.SOCIAL, ContractTopic.EMAIL)) {
            String eventId = "affinity-" + UUID.randomUUID();
            send(topic, eventId, goodEvent(topic, eventId, customer));
            eventIds.add(eventId);
        }
        int partitions = partitionsOf(ContractTopic.CONTACT_EVENTS.topic());
        assertThat(partitions).as("partitions of contact.events").isGreaterThan(1);

        List<Integer> landedOn = eventIds.stream().map(eventId -> probe.awaitOne(r -> r.topic().equals(ContractTopic.CONTACT_EVENTS.topic())
                && contacts.deserialize(r.topic(), r.value()).getSourceEventId().equals(eventId), TIMEOUT).partition()).toList();

        // Six threads on five channels: keyed by thread they would spread over the partitions.
        assertThat(landedOn).as("partition of each contact").containsOnly(BuiltInPartitioner.partitionForKey(
                ("email:" + address).getBytes(java.nio.charset.StandardCharsets.UTF_8), partitions));
    }

    private static int partitionsOf(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        }
    }

    @Test
    void aWhatsAppMessageArrivesOnContactEventsWithItsHandleKindAndDetailsAndNoneOfItsPersonalDataInClear() {
        String eventId = "social-" + UUID.randomUUID();
        String conversation = "wa-conversation-" + eventId;
        SocialMessageEvent message = social(eventId, conversation, "38641555888")
                .setCustomer(CustomerRef.newBuilder().setPhone("041 555 888").setName("Maja Kranjc").build())
                .setReplyToId("wamid-earlier-" + eventId)
                .setText("Can I still change the delivery address of parcel 5521?")
                .setAttachmentNames(List.of("label-5521.jpg"))
                .build();
        send(ContractTopic.SOCIAL, conversation, message);

        ConsumerRecord<byte[], byte[]> out = probe.awaitOne(r -> r.topic().equals(ContractTopic.CONTACT_EVENTS.topic())
                && contacts.deserialize(r.topic(), r.value()).getSourceEventId().equals(eventId), TIMEOUT);

        String raw = new String(out.value(), java.nio.charset.StandardCharsets.ISO_8859_1)
                + new String(out.key(), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String personal : List.of("38641555888", "41555888", "Maja", "Kranjc", "delivery address", "5521", "wa-conversation",
                "wamid-", "label")) {
            assertThat(raw).as("raw key and value of the contact").doesNotContainIgnoringCase(personal);
        }
        ContactEvent sealed = contacts.deserialize(out.topic(), out.value());
        assertThat(SealedContacts.isSealed(sealed)).isTrue();
        assertThat(sealed.getThreadKey()).isEqualTo(sealedContacts.hashedThreadKey("social:whatsapp:" + conversation))
                .startsWith("social:");
        assertThat(sealed.getDetails()).as("never personal, so in clear")
                .containsEntry("platform", "WHATSAPP").containsEntry("visibility", "PRIVATE_MESSAGE");
        ContactEvent contact = opened(sealed);
        assertThat(contact.getChannel()).isEqualTo(io.omnirouter.contact.Channel.SOCIAL);
        assertThat(contact.getContactKind()).isEqualTo(ContactKind.SOCIAL_MESSAGE);
        assertThat(contact.getKind()).isEqualTo("SOCIAL_MESSAGE");
        assertThat(contact.getIdentifiers().getSocialHandle()).isEqualTo("whatsapp:38641555888");
        assertThat(contact.getIdentifiers().getPhone()).isEqualTo("+38641555888");
        assertThat(contact.getCustomerName()).isEqualTo("Maja Kranjc");
        assertThat(contact.getThreadKey()).isEqualTo(sealed.getThreadKey());
        assertThat(contact.getChannelRef()).isEqualTo("wamid-" + eventId);
        assertThat(contact.getInReplyTo()).isEqualTo("wamid-earlier-" + eventId);
        assertThat(contact.getText()).isEqualTo("Can I still change the delivery address of parcel 5521?");
        assertThat(contact.getAttachmentNames()).containsExactly("label-5521.jpg");
        assertThat(contact.getQueue()).as("the shipped queue rules").isEqualTo("social");
    }

    @Test
    void aSocialMessageWithoutItsConversationGoesToTheDeadLetterTopicWithTheReason() {
        String eventId = "social-bad-" + UUID.randomUUID();
        SocialMessageEvent threadless = social(eventId, " ", "@someone").build();
        assertDeadLetteredThenNextRoutes(ContractTopic.SOCIAL, serializer.serialize(ContractTopic.SOCIAL.topic(), threadless),
                "conversationId is required and must not be blank");
    }

    @Test
    void aSocialMessageWhoseOnlyIdentifierIsAnUnusableHandleGoesToTheDeadLetterTopicSayingWhy() {
        SocialMessageEvent unusable = social("social-handle-" + UUID.randomUUID(), "c-" + UUID.randomUUID(), "ana novak").build();
        assertDeadLetteredThenNextRoutes(ContractTopic.SOCIAL, serializer.serialize(ContractTopic.SOCIAL.topic(), unusable),
                "no usable customer identifier: SOCIAL_HANDLE identifier rejected");
    }

    @Test
    void aConsentChangeFromTheShopArrivesOnContactEventsWithItsConsents() {
        String eventId = "consent-" + UUID.randomUUID();
        List<ConsentChange> consents = List.of(new ConsentChange(ConsentPurpose.MARKETING_SURVEYS, false),
                new ConsentChange(ConsentPurpose.CONTACT_BY_PHONE, true));
        send(ContractTopic.WEBSHOP, "shop-" + eventId, new WebShopEvent(meta(eventId), WebShopEventKind.CONSENT_CHANGED,
                CustomerRef.newBuilder().setShopCustomerId("S-" + eventId).build(), CustomerSegment.B2C, null, null, null, null, null,
                consents));

        ContactEvent contact = awaitContact(eventId);
        assertThat(contact.getKind()).isEqualTo("CONSENT_CHANGED");
        assertThat(contact.getContactKind()).isEqualTo(ContactKind.CONSENT_CHANGED);
        assertThat(contact.getConsents()).containsExactlyElementsOf(consents);
        assertThat(contact.getThreadKey()).isEqualTo(sealedContacts.hashedThreadKey("webshop:" + eventId));
    }

    @Test
    void aDuplicateEventIdIsEmittedOnce() {
        String eventId = "dup-" + UUID.randomUUID();
        String key = "k-" + eventId;
        send(ContractTopic.EMAIL, key, email(eventId, "first delivery", "en"));
        send(ContractTopic.EMAIL, key, email(eventId, "sent again by the adapter", "en"));
        String markerId = "after-dup-" + UUID.randomUUID();
        send(ContractTopic.EMAIL, key, email(markerId, "marker", "en"));

        awaitContact(markerId); // same key, same partition: everything before it has been processed

        assertThat(probe.seen(r -> r.topic().equals(ContractTopic.CONTACT_EVENTS.topic())
                && contacts.deserialize(r.topic(), r.value()).getSourceEventId().equals(eventId))).hasSize(1);
    }

    @Test
    void anUnparseableIdentifierIsDroppedWithAWarningHeader() {
        String eventId = "warn-" + UUID.randomUUID();
        EmailEvent mail = email(eventId, "Hello", "en");
        mail.getCustomer().setPhone("call me maybe");
        send(ContractTopic.EMAIL, eventId, mail);

        ConsumerRecord<byte[], byte[]> out = probe.awaitOne(r -> r.topic().equals(ContractTopic.CONTACT_EVENTS.topic())
                && contacts.deserialize(r.topic(), r.value()).getSourceEventId().equals(eventId), TIMEOUT);
        ContactEvent contact = opened(contacts.deserialize(out.topic(), out.value()));

        assertThat(contact.getIdentifiers().getPhone()).isNull();
        assertThat(contact.getIdentifiers().getEmail()).isEqualTo(eventId + "@example.com");
        assertThat(TopicProbe.header(out, DeadLetterHeaders.WARNING)).contains("PHONE identifier rejected");
    }

    /**
     * An adapter written in another language: the schema is registered over plain HTTP and the record is
     * framed by hand (magic byte 0, 4-byte big-endian schema id, Avro binary), as Confluent's clients do.
     */
    @Test
    void aRecordFramedByAnIndependentConfluentEncoderIsRouted() throws Exception {
        Schema schema = EmailEvent.getClassSchema();
        int schemaId = registerOverHttp("channel.email-value", schema);
        String eventId = "independent-" + UUID.randomUUID();

        GenericRecord meta = new GenericData.Record(schema.getField("meta").schema());
        meta.put("eventId", eventId);
        meta.put("occurredAt", Instant.now().toEpochMilli());
        meta.put("source", "python-adapter");
        Schema customerSchema = schema.getField("customer").schema();
        GenericRecord customer = new GenericData.Record(customerSchema);
        customer.put("email", "  Independent.Writer@Example.COM ");
        customer.put("phone", "+386 41 555 666");
        GenericRecord mail = new GenericData.Record(schema);
        mail.put("meta", meta);
        mail.put("messageId", "<" + eventId + "@py>");
        mail.put("references", List.of());
        mail.put("direction", new GenericData.EnumSymbol(schema.getField("direction").schema(), "INBOUND"));
        mail.put("customer", customer);
        mail.put("subject", "Question");
        mail.put("bodyText", "Can you tell me the opening hours?");
        mail.put("attachmentNames", List.of());

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(0);
        bytes.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(schema).write(mail, encoder);
        encoder.flush();
        TopicProbe.send("channel.email", eventId, bytes.toByteArray());

        ContactEvent contact = awaitContact(eventId);
        assertThat(contact.getIdentifiers().getEmail()).isEqualTo("independent.writer@example.com");
        assertThat(contact.getIdentifiers().getPhone()).isEqualTo("+38641555666");
        assertThat(contact.getThreadKey()).isEqualTo(sealedContacts.hashedThreadKey("email:" + eventId + "@py"));
        assertThat(contact.getIntent()).isEqualTo(Intent.QUESTION);
        assertThat(contact.getSource()).isEqualTo("python-adapter");
    }

    private static int registerOverHttp(String subject, Schema schema) throws Exception {
        String body = "{\"schema\":" + quote(schema.toString()) + "}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder()
                        .uri(URI.create(RealInfrastructure.registryUrl() + "/subjects/" + subject + "/versions"))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*(\\d+)").matcher(response.body());
        assertThat(id.find()).as(response.body()).isTrue();
        return Integer.parseInt(id.group(1));
    }

    private static String quote(String json) {
        return "\"" + json.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
