package io.omnirouter.history.contact;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.contact.Intent;
import io.omnirouter.contact.Priority;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.schemas.DeadLetterHeaders;
import io.omnirouter.serde.WireFormatException;
import io.omnirouter.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

class ContactIngestIT extends HistoryIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void contactsOnFourChannelsSharingAnEmailMakeOneCustomerWithOneTimelineNewestFirst() {
        String address = unique("ana");
        ContactEvent mail = contact(Channel.EMAIL, T0).setIdentifiers(email(address))
                .setThreadKey("email:<root-" + UUID.randomUUID() + "@example.com>").setSubject("Where is my parcel?")
                .setQueue("email-support").build();
        ContactEvent call = contact(Channel.PHONE, T0.plusSeconds(3600)).setIdentifiers(email(address))
                .setDirection(Direction.OUTBOUND).setAgentId("agent-7").setQueue("phone").setCallOutcome("ANSWERED").build();
        ContactEvent chat = contact(Channel.CHAT, T0.plusSeconds(7200)).setIdentifiers(email(address))
                .setIntent(Intent.COMPLAINT).setPriority(Priority.HIGH).setQueue("complaints").build();
        ContactEvent order = contact(Channel.WEBSHOP, T0.plusSeconds(10800)).setIdentifiers(email(address))
                .setIntent(Intent.ORDER).setQueue("orders").setOrderId("O-1").build();

        // Four thread keys, so four partitions and consumer threads race to resolve the same new email.
        publish(mail, call, chat, order);

        String customerId = awaitTimelineSize(lookupByEmail(address), 4);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer", Integer.class)).isEqualTo(1);
        JsonNode items = json(mvc.get().uri("/api/customers/{id}/timeline", customerId), 200).get("items");
        assertThat(items.valueStream().map(item -> item.get("contactId").asString()))
                .containsExactly(order.getContactId(), chat.getContactId(), call.getContactId(), mail.getContactId());
        assertThat(items.valueStream().map(item -> item.get("channel").asString())).containsExactly("WEBSHOP", "CHAT", "PHONE", "EMAIL");

        JsonNode chatItem = items.get(1);
        assertThat(chatItem.get("direction").asString()).isEqualTo("INBOUND");
        assertThat(chatItem.get("kind").asString()).isEqualTo("CHAT_MESSAGE");
        assertThat(chatItem.get("intent").asString()).isEqualTo("COMPLAINT");
        assertThat(chatItem.get("priority").asString()).isEqualTo("HIGH");
        assertThat(chatItem.get("queue").asString()).isEqualTo("complaints");
        assertThat(chatItem.get("threadKey").asString()).isEqualTo(chat.getThreadKey());
        assertThat(chatItem.get("sourceEventId").asString()).isEqualTo(chat.getSourceEventId());
        assertThat(Instant.parse(chatItem.get("occurredAt").asString())).isEqualTo(chat.getOccurredAt());
        JsonNode callItem = items.get(2);
        assertThat(callItem.get("direction").asString()).isEqualTo("OUTBOUND");
        assertThat(callItem.get("agentId").asString()).isEqualTo("agent-7");
        JsonNode mailItem = items.get(3);
        assertThat(mailItem.get("subject").asString()).isEqualTo("Where is my parcel?");
        assertThat(mailItem.get("textExcerpt").asString()).isEqualTo("Hello from EMAIL");

        JsonNode customer = json(mvc.get().uri("/api/customers/lookup").param("email", address), 200);
        assertThat(Instant.parse(customer.get("firstContactAt").asString())).isEqualTo(T0);
        assertThat(Instant.parse(customer.get("lastContactAt").asString())).isEqualTo(order.getOccurredAt());
    }

    @Test
    void aContactDeliveredAgainIsStoredOnceAndChangesNothing() {
        String address = unique("dup");
        String thread = "email:<" + UUID.randomUUID() + "@example.com>";
        ContactEvent original = contact(Channel.EMAIL, T0).setIdentifiers(email(address)).setThreadKey(thread).build();
        ContactEvent later = contact(Channel.EMAIL, T0.plusSeconds(60)).setIdentifiers(email(address)).setThreadKey(thread).build();

        publish(original);
        String customerId = awaitTimelineSize(lookupByEmail(address), 1);
        // Again on its own (a later batch: the store must notice) and twice in a row (one batch: the
        // listener must notice), then a new contact on the same partition: once it is in, the copies were read.
        publish(original, original, later);
        awaitTimelineSize(customerId, 2);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM contact WHERE contact_id = ?::uuid", Integer.class,
                original.getContactId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer", Integer.class)).isEqualTo(1);
        JsonNode customer = json(mvc.get().uri("/api/customers/lookup").param("email", address), 200);
        assertThat(Instant.parse(customer.get("lastContactAt").asString())).isEqualTo(later.getOccurredAt());
    }

    @Test
    void undecodableAndInvalidRecordsGoToTheDeadLetterTopicAndTheRecordsAfterThemAreStored() {
        String key = "chat:" + UUID.randomUUID();
        byte[] garbage = ("not avro " + key).getBytes(StandardCharsets.UTF_8);
        ContactEvent anonymous = contact(Channel.CHAT, T0).setThreadKey(key).setIdentifiers(CustomerIdentifiers.newBuilder().build()).build();
        String address = unique("after-garbage");
        ContactEvent good = contact(Channel.CHAT, T0.plusSeconds(1)).setThreadKey(key).setIdentifiers(email(address)).build();

        // One key, so one partition: the good record queues behind the bad ones.
        TopicProbe.send(CONTACT_EVENTS, key, garbage);
        publish(anonymous, good);

        awaitTimelineSize(lookupByEmail(address), 1);
        try (TopicProbe dlt = TopicProbe.reading(CONTACT_EVENTS_DLT)) {
            ConsumerRecord<byte[], byte[]> undecodable = dlt.awaitOne(r -> Arrays.equals(r.value(), garbage), PATIENCE);
            assertThat(new String(undecodable.key(), StandardCharsets.UTF_8)).isEqualTo(key);
            assertThat(TopicProbe.header(undecodable, DeadLetterHeaders.REASON)).contains("magic byte");
            assertThat(TopicProbe.header(undecodable, DeadLetterHeaders.EXCEPTION)).isEqualTo(WireFormatException.class.getName());
            assertThat(TopicProbe.header(undecodable, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(CONTACT_EVENTS);
            assertThat(TopicProbe.header(undecodable, DeadLetterHeaders.SOURCE_OFFSET)).isNotBlank();
            assertThat(TopicProbe.header(undecodable, DeadLetterHeaders.FAILED_BY)).isEqualTo("contact-history-service");

            ConsumerRecord<byte[], byte[]> invalid = dlt.awaitOne(r -> key.equals(keyOf(r)) && !Arrays.equals(r.value(), garbage), PATIENCE);
            assertThat(TopicProbe.header(invalid, DeadLetterHeaders.REASON)).contains("no customer identifier");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM contact WHERE contact_id = ?::uuid", Integer.class,
                anonymous.getContactId())).isZero();
    }

    private String lookupByEmail(String address) {
        await().pollInSameThread().atMost(PATIENCE).until(() -> mvc.get().uri("/api/customers/lookup").param("email", address).exchange()
                .getResponse().getStatus() == 200);
        return json(mvc.get().uri("/api/customers/lookup").param("email", address), 200).get("customerId").asString();
    }

    private String awaitTimelineSize(String customerId, int size) {
        await().pollInSameThread().atMost(PATIENCE).until(() -> json(mvc.get().uri("/api/customers/{id}/timeline", customerId), 200)
                .get("items").size() == size);
        return customerId;
    }

    private static String keyOf(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID() + "@example.com";
    }
}
