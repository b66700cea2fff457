package io.omnirouter.system;

import static io.omnirouter.system.ChannelAdapter.meta;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnirouter.channel.CallOutcome;
import io.omnirouter.channel.ChatAuthor;
import io.omnirouter.channel.ChatEvent;
import io.omnirouter.channel.ChatEventKind;
import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.CustomerSegment;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.EmailEvent;
import io.omnirouter.channel.PhoneCallEvent;
import io.omnirouter.channel.WebShopEvent;
import io.omnirouter.channel.WebShopEventKind;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.followup.FollowUpTask;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.TopicProbe;
import io.omnirouter.testing.WithRealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No personal data in clear on the logs that are kept for good (docs/personal-data.md): one person's story on all
 * four channels goes through the router and the history running as processes, and then every byte of every record
 * of {@code contact.events} and {@code followup.tasks} (keys, values, headers; aborted transactions included, they
 * stay in the segments) is searched for the story's identifiers in every form, its names, texts and personal ids.
 * The story's contacts must be there and sealed, and the history must still show them in clear: a router that
 * published nothing, or a history that could not open what it read, fails this test too.
 */
@WithRealInfrastructure
class PersonalDataOnTheLogIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String CONTACTS = ContractTopic.CONTACT_EVENTS.topic();
    private static final String TASKS = ContractTopic.FOLLOWUP_TASKS.topic();

    @RegisterExtension
    static final RunningServices services = new RunningServices();

    private final ChannelAdapter adapter = new ChannelAdapter();
    private final SchemaRegistryClient registry = new SchemaRegistryClient(RealInfrastructure.registryUrl());

    @Test
    void aStoryOnFourChannelsIsOnTheLogOnlySealedAndHashedWhileTheHistoryShowsItInClear() throws Exception {
        Story story = new Story();
        story.publishOn(adapter);

        // The history has the person with all four contacts, and has published their tasks.
        JsonNode timeline = await("the story's four contacts in the history").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> services.timelineOf("email", story.emailAsWritten), items -> items != null && items.size() == 4);
        String customerId = services.lookup("email", story.emailAsWritten).get("customerId").asText();
        Map<String, JsonNode> timelineByContact = new HashMap<>();
        timeline.forEach(item -> timelineByContact.put(item.get("contactId").asText(), item));
        ConfluentAvroDeserializer<FollowUpTask> tasksOf = new ConfluentAvroDeserializer<>(registry, FollowUpTask.class);
        try (TopicProbe tasks = TopicProbe.reading(TASKS)) {
            await("the story's tasks on " + TASKS).atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> {
                Set<String> published = new HashSet<>();
                tasks.poll().stream().filter(record -> customerId.equals(utf8(record.key())))
                        .forEach(record -> published.add(tasksOf.deserialize(TASKS, record.value()).getTaskId()));
                return !published.isEmpty() && published.size() == services.lookup("email", story.emailAsWritten).get("openTaskCount").asLong();
            });
        }

        List<ConsumerRecord<byte[], byte[]>> onTheLogs = everyRecordOf(CONTACTS, TASKS);

        // The story is on the logs: its contacts sealed, with hashed thread and record keys.
        ConfluentAvroDeserializer<ContactEvent> contactsOf = new ConfluentAvroDeserializer<>(registry, ContactEvent.class);
        Map<String, ContactEvent> storyContacts = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : onTheLogs) {
            if (record.topic().equals(CONTACTS) && timelineByContact.keySet().stream().anyMatch(id -> utf8(record.value()).contains(id))) {
                ContactEvent contact = contactsOf.deserialize(CONTACTS, record.value());
                assertThat(utf8(record.key())).as("record key of contact %s", contact.getContactId()).isEqualTo(contact.getThreadKey());
                storyContacts.put(contact.getContactId(), contact);
            }
        }
        assertThat(storyContacts.keySet()).as("the story's contacts on " + CONTACTS).isEqualTo(timelineByContact.keySet());
        for (ContactEvent contact : storyContacts.values()) {
            assertThat(contact.getSealed()).as("sealed of the %s contact", contact.getChannel()).isNotNull();
            assertThat(contact.getSealed().remaining()).as("sealed bytes of the %s contact", contact.getChannel()).isPositive();
            assertThat(contact.getIdentifiers().getEmail()).isNull();
            assertThat(contact.getIdentifiers().getPhone()).isNull();
            assertThat(contact.getIdentifiers().getShopCustomerId()).isNull();
            assertThat(contact.getIdentifiers().getChatVisitorId()).isNull();
            assertThat(contact.getCustomerName()).isNullOrEmpty();
            assertThat(contact.getSubject()).isNullOrEmpty();
            assertThat(contact.getText()).isNullOrEmpty();
            assertThat(contact.getInReplyTo()).isNullOrEmpty();
            assertThat(contact.getOrderId()).isNullOrEmpty();
            assertThat(contact.getAttachmentNames()).isEmpty();
            String clearThreadKey = story.threadKeys.get(contact.getChannel().name());
            assertThat(contact.getThreadKey()).as("thread key of the %s contact", contact.getChannel())
                    .startsWith(clearThreadKey.substring(0, clearThreadKey.indexOf(':') + 1)).isNotEqualTo(clearThreadKey)
                    // The history keeps the hashed one: the thread is the same read from the log or from the tasks.
                    .isEqualTo(timelineByContact.get(contact.getContactId()).get("threadKey").asText());
        }

        // Its tasks belong to its threads, by their hashed keys.
        Set<String> hashedThreadKeys = new HashSet<>();
        storyContacts.values().forEach(contact -> hashedThreadKeys.add(contact.getThreadKey()));
        List<FollowUpTask> storyTasks = onTheLogs.stream()
                .filter(record -> record.topic().equals(TASKS) && customerId.equals(utf8(record.key())))
                .map(record -> tasksOf.deserialize(TASKS, record.value())).toList();
        assertThat(storyTasks).as("the story's tasks on " + TASKS).isNotEmpty().allSatisfy(task -> {
            assertThat(task.getTriggerContactId()).isIn(storyContacts.keySet());
            assertThat(task.getThreadKey()).isIn(hashedThreadKeys);
        });

        // Not one personal value in clear in any record of either log, in any form.
        List<String> leaks = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : onTheLogs) {
            String where = record.topic() + "-" + record.partition() + "@" + record.offset();
            leaks.addAll(story.personalIn(where + " key", record.key()));
            leaks.addAll(story.personalIn(where + " value", record.value()));
            for (Header header : record.headers()) {
                leaks.addAll(story.personalIn(where + " header name", header.key().getBytes(StandardCharsets.UTF_8)));
                leaks.addAll(story.personalIn(where + " header " + header.key(), header.value()));
            }
        }
        assertThat(leaks).as("personal values of the story in clear in %d records of %s and %s", onTheLogs.size(), CONTACTS, TASKS)
                .isEmpty();

        // And the history, which holds the keys, shows the story in clear.
        Map<String, JsonNode> timelineByChannel = new HashMap<>();
        timeline.forEach(item -> timelineByChannel.put(item.get("channel").asText(), item));
        assertThat(timelineByChannel.get("EMAIL").get("subject").asText()).isEqualTo(story.subject);
        assertThat(timelineByChannel.get("EMAIL").get("textExcerpt").asText()).isEqualTo(story.mailText);
        assertThat(timelineByChannel.get("PHONE").get("textExcerpt").asText()).isEqualTo(story.callNotes);
        assertThat(timelineByChannel.get("CHAT").get("textExcerpt").asText()).isEqualTo(story.chatText);
        Map<String, String> identifiers = new HashMap<>();
        services.lookup("email", story.emailAsWritten).get("identifiers")
                .forEach(identifier -> identifiers.put(identifier.get("type").asText(), identifier.get("value").asText()));
        assertThat(identifiers).containsEntry("EMAIL", story.email).containsEntry("PHONE", story.phone)
                .containsEntry("SHOP_CUSTOMER_ID", story.shopCustomerId).containsEntry("CHAT_VISITOR_ID", story.visitor);
    }

    /**
     * One person's contacts on the four channels, every personal value unique to the run. The event ids carry a token
     * of their own: they are not personal and go on the log in clear, so they must not contain any personal value.
     */
    private static final class Story {

        private final String run = UUID.randomUUID().toString().substring(0, 8);
        private final String events = UUID.randomUUID().toString();
        private final String digits = String.format(Locale.ROOT, "%06d", ThreadLocalRandom.current().nextInt(1_000_000));
        final String name = "Zoë Šuštarič-" + run;
        final String emailAsWritten = "Zoe.Sustaric." + run + "@Example.COM";
        final String email = emailAsWritten.toLowerCase(Locale.ROOT);
        final String phoneAsWritten = "041 " + digits.substring(0, 3) + " " + digits.substring(3);
        final String phone = "+38641" + digits;
        final String shopCustomerId = "shop-cust-" + run;
        final String visitor = "visitor-" + run;
        final String orderId = "ORD-" + run;
        final String messageId = run + ".zoe@mail.example.com";
        final String inReplyTo = run + ".first@mail.example.com";
        final String callId = "call-" + run;
        final String chatSession = "chat-session-" + run;
        final String subject = "Vprašanje o dostavi " + run;
        final String mailText = "Pozdravljeni, kdaj bo paket " + run + " prispel? Lep pozdrav, Zoë";
        final String attachment = "račun-" + run + ".pdf";
        final String callNotes = "Agreed to deliver to Cankarjeva ulica " + run + " instead";
        final String chatText = "Hello, is parcel " + run + " on its way?";
        final String orderText = "Leave it with the neighbour at Prešernova " + run;
        /** The clear thread key of each channel's contact, as the router derives it (ContactEvent.threadKey). */
        final Map<String, String> threadKeys = Map.of("EMAIL", "email:" + inReplyTo, "PHONE", "phone:" + callId,
                "CHAT", "chat:" + chatSession, "WEBSHOP", "order:" + orderId);
        private final Map<String, String> personal = personalValues();

        void publishOn(ChannelAdapter adapter) {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            adapter.publish(ContractTopic.EMAIL, "<" + messageId + ">", new EmailEvent(meta("mail-" + events, now.minusSeconds(40)),
                    "<" + messageId + ">", "<" + inReplyTo + ">", List.of("<" + inReplyTo + ">"), Direction.INBOUND,
                    person().setEmail(emailAsWritten).build(), null, subject, mailText, List.of(attachment), null));
            adapter.publish(ContractTopic.PHONE, callId, new PhoneCallEvent(meta("call-" + events, now.minusSeconds(30)), callId,
                    Direction.INBOUND, person().setEmail(emailAsWritten).setPhone(phoneAsWritten).build(), CallOutcome.ANSWERED,
                    "agent-7", "support", 240, callNotes, null));
            adapter.publish(ContractTopic.CHAT, chatSession, new ChatEvent(meta("chat-" + events, now.minusSeconds(20)), chatSession,
                    ChatEventKind.MESSAGE, ChatAuthor.CUSTOMER, person().setEmail(email).setChatVisitorId(visitor).build(), null,
                    chatText, null, null));
            adapter.publish(ContractTopic.WEBSHOP, orderId, new WebShopEvent(meta("order-" + events, now.minusSeconds(10)),
                    WebShopEventKind.ORDER_PLACED, person().setEmail(email).setShopCustomerId(shopCustomerId).build(),
                    CustomerSegment.B2C, orderId, 4990L, "EUR", null, orderText, List.of()));
        }

        private CustomerRef.Builder person() {
            return CustomerRef.newBuilder().setName(name).setLanguage("sl");
        }

        /** Every personal value of the story, in every form it may take, by what it is. */
        private Map<String, String> personalValues() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("customer name", name);
            values.put("e-mail address as written", emailAsWritten);
            values.put("e-mail address normalized", email);
            values.put("phone number as written", phoneAsWritten);
            values.put("phone number in E.164", phone);
            values.put("phone number in national digits", "041" + digits);
            values.put("shop customer id", shopCustomerId);
            values.put("chat visitor id", visitor);
            values.put("order id", orderId);
            values.put("Message-ID", messageId);
            values.put("In-Reply-To", inReplyTo);
            values.put("call id", callId);
            values.put("chat session id", chatSession);
            values.put("e-mail subject", subject);
            values.put("e-mail body", mailText);
            values.put("attachment name", attachment);
            values.put("call notes", callNotes);
            values.put("chat message", chatText);
            values.put("order text", orderText);
            // Part of every value above and of nothing else the story publishes: any piece of them in clear.
            values.put("the run's token, in every personal value", run);
            return values;
        }

        /** Where in {@code bytes} (read as UTF-8, case-insensitively) a personal value of the story is, one line each. */
        List<String> personalIn(String where, byte[] bytes) {
            if (bytes == null) {
                return List.of();
            }
            String text = utf8(bytes).toLowerCase(Locale.ROOT);
            List<String> found = new ArrayList<>();
            personal.forEach((what, value) -> {
                if (text.contains(value.toLowerCase(Locale.ROOT))) {
                    found.add(where + ": " + what + " \"" + value + "\"");
                }
            });
            return found;
        }
    }

    /**
     * Every record of the topics, from the beginning to their end as of now, as raw bytes. {@code read_uncommitted}:
     * what aborted transactions wrote is in the log's segments as much as what committed ones did.
     */
    private static List<ConsumerRecord<byte[], byte[]>> everyRecordOf(String... topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic, PATIENCE).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, PATIENCE);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            await("every record of " + String.join(", ", topics)).atMost(PATIENCE).pollInterval(Duration.ofMillis(1)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
            });
            return records;
        }
    }

    private static String utf8(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }
}
