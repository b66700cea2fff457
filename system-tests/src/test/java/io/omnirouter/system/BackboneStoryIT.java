package io.omnirouter.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnirouter.channel.CallOutcome;
import io.omnirouter.channel.ChatAuthor;
import io.omnirouter.channel.ChatEvent;
import io.omnirouter.channel.ChatEventKind;
import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.CustomerSegment;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.EmailEvent;
import io.omnirouter.channel.EventMeta;
import io.omnirouter.channel.PhoneCallEvent;
import io.omnirouter.channel.WebShopEvent;
import io.omnirouter.channel.WebShopEventKind;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.TopicProbe;
import io.omnirouter.testing.WithRealInfrastructure;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The backbone end to end: channel adapters publish to the four channel topics, router-service and
 * contact-history-service run as their own processes from their built jars, an agent reads the API.
 */
@WithRealInfrastructure
class BackboneStoryIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final RunningServices services = new RunningServices();

    private final ConfluentAvroSerializer<SpecificRecord> serializer =
            new ConfluentAvroSerializer<>(new SchemaRegistryClient(RealInfrastructure.registryUrl()), true);

    @Test
    void onePersonOnFourChannelsEndsAsOneCustomerWithFourContactsNewestFirst() throws Exception {
        String person = "ana.novak." + UUID.randomUUID().toString().substring(0, 8);
        Instant monday = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofDays(3));

        // The same address as each channel writes it: different case, stray spaces.
        publish(ContractTopic.EMAIL, "<m1-" + person + "@mail>", new EmailEvent(meta("email-" + person, monday),
                "<m1-" + person + "@mail>", null, List.of(), Direction.INBOUND,
                customer("  " + capitalized(person) + "@Example.com ", null), null, "Delivery question",
                "Hello, when will my parcel arrive?", List.of(), null));
        publish(ContractTopic.PHONE, "call-" + person, new PhoneCallEvent(meta("call-" + person, monday.plus(Duration.ofDays(1))),
                "call-" + person, Direction.INBOUND, customer(person.toUpperCase() + "@EXAMPLE.COM", "041 123 456"),
                CallOutcome.MISSED, null, "support", 0, null, null));
        publish(ContractTopic.CHAT, "chat-" + person, new ChatEvent(meta("chat-" + person, monday.plus(Duration.ofDays(2))),
                "chat-" + person, ChatEventKind.MESSAGE, ChatAuthor.CUSTOMER,
                CustomerRef.newBuilder().setEmail(" " + person + "@example.COM").setChatVisitorId("v-" + person).build(),
                null, "Still waiting for my order, this is a complaint!", null, null));
        publish(ContractTopic.WEBSHOP, "shop-" + person, new WebShopEvent(meta("order-" + person, monday.plus(Duration.ofDays(3)).minusSeconds(60)),
                WebShopEventKind.ORDER_PLACED, CustomerRef.newBuilder().setEmail(person + "@example.com")
                .setShopCustomerId("C-" + person).build(), CustomerSegment.B2C, "O-" + person, 4990L, "EUR", null, null, List.of()));

        String email = person + "@example.com";
        JsonNode timeline = Awaitility.await("four contacts of " + email + " in the timeline")
                .atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> timelineOf(email), items -> items != null && items.size() == 4);

        List<String> channels = new ArrayList<>();
        timeline.forEach(item -> channels.add(item.get("channel").asText()));
        assertThat(channels).as("newest first").containsExactly("WEBSHOP", "CHAT", "PHONE", "EMAIL");

        JsonNode order = timeline.get(0);
        assertThat(order.get("direction").asText()).isEqualTo("INBOUND");
        assertThat(order.get("kind").asText()).isEqualTo("ORDER_PLACED");
        assertThat(order.get("intent").asText()).isEqualTo("ORDER");
        assertThat(order.get("queue").asText()).isEqualTo("orders");
        assertThat(order.get("threadKey").asText()).isEqualTo(ChannelAdapter.threadKey("order:O-" + person));

        JsonNode chat = timeline.get(1);
        assertThat(chat.get("kind").asText()).isEqualTo("CHAT_MESSAGE");
        assertThat(chat.get("intent").asText()).isEqualTo("COMPLAINT");
        assertThat(chat.get("queue").asText()).isEqualTo("complaints");
        assertThat(chat.get("threadKey").asText()).isEqualTo(ChannelAdapter.threadKey("chat:chat-" + person));

        JsonNode call = timeline.get(2);
        assertThat(call.get("kind").asText()).isEqualTo("CALL_MISSED");
        assertThat(call.get("queue").asText()).isEqualTo("phone");
        assertThat(call.get("threadKey").asText()).isEqualTo(ChannelAdapter.threadKey("phone:call-" + person));

        JsonNode mail = timeline.get(3);
        assertThat(mail.get("kind").asText()).isEqualTo("EMAIL");
        assertThat(mail.get("direction").asText()).isEqualTo("INBOUND");
        assertThat(mail.get("threadKey").asText()).isEqualTo(ChannelAdapter.threadKey("email:m1-" + person + "@mail"));
        assertThat(mail.get("intent").asText()).isEqualTo("ORDER");

        // The same customer whichever identifier the agent searches with, normalized as the router did.
        assertThat(lookup("phone", "+386 41 123 456").get("customerId")).isEqualTo(lookup("email", email).get("customerId"));
    }

    @Test
    void anEventSentTwiceByAnAdapterIsStoredOnce() throws Exception {
        String person = "twice." + UUID.randomUUID().toString().substring(0, 8);
        EmailEvent mail = new EmailEvent(meta("dup-" + person, Instant.now().minusSeconds(30)), "<d-" + person + "@mail>",
                null, List.of(), Direction.INBOUND, customer(person + "@example.com", null), null, "Hi", "Question?", List.of(), null);
        // Different keys, so possibly different partitions: the history's idempotent store is the last guard.
        publish(ContractTopic.EMAIL, "first-key-" + person, mail);
        publish(ContractTopic.EMAIL, "other-key-" + person, mail);
        String markerEmail = person + "@example.com";
        EmailEvent marker = new EmailEvent(meta("marker-" + person, Instant.now().minusSeconds(10)), "<mk-" + person + "@mail>",
                null, List.of(), Direction.INBOUND, customer(markerEmail, null), null, "Hi again", "Another?", List.of(), null);
        publish(ContractTopic.EMAIL, "first-key-" + person, marker);
        publish(ContractTopic.EMAIL, "other-key-" + person, marker);

        // Both markers are behind both copies on their partitions: once both are in, the copies have been seen.
        JsonNode timeline = Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> timelineOf(markerEmail), items -> items != null && items.size() >= 2);
        List<String> sources = new ArrayList<>();
        timeline.forEach(item -> sources.add(item.get("sourceEventId").asText()));
        assertThat(sources).containsExactlyInAnyOrder("marker-" + person, "dup-" + person);
    }

    private void publish(ContractTopic topic, String key, SpecificRecord event) {
        TopicProbe.send(topic.topic(), key, serializer.serialize(topic.topic(), event));
    }

    private static EventMeta meta(String eventId, Instant occurredAt) {
        return new EventMeta(eventId, occurredAt, "system-test-adapter", null);
    }

    private static CustomerRef customer(String email, String phone) {
        return CustomerRef.newBuilder().setEmail(email).setPhone(phone).setLanguage("en").build();
    }

    private static String capitalized(String person) {
        return Character.toUpperCase(person.charAt(0)) + person.substring(1, 4) + Character.toUpperCase(person.charAt(4)) + person.substring(5);
    }

    private JsonNode timelineOf(String email) throws IOException, InterruptedException {
        return services.timelineOf("email", email);
    }

    private JsonNode lookup(String parameter, String raw) throws IOException, InterruptedException {
        return services.lookup(parameter, raw);
    }
}
