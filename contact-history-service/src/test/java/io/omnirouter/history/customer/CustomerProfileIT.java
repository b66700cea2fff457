package io.omnirouter.history.customer;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.channel.Direction;
import io.omnirouter.history.HistoryIntegrationTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The customer header (issue 14): {@code GET /api/customers/{customerId}} says who the customer is as the channels gave
 * it: names, language, segment and the last agent who handled them, over every contact (a merged customer's too) and
 * as of a past instant.
 */
class CustomerProfileIT extends HistoryIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");

    @Test
    void showsTheNamesGivenMostRecentFirstAndTheLatestLanguageSegmentAndHandler() {
        String address = "header-" + UUID.randomUUID() + "@example.com";
        publish(contact(Channel.EMAIL, T0).setIdentifiers(email(address)).setCustomerName("Petra Zupan").setLanguage("sl")
                        .setAgentId("agent-3").build(),
                contact(Channel.WEBSHOP, T0.plusSeconds(3600)).setIdentifiers(email(address)).setCustomerName("P. Zupan")
                        .setLanguage("en").setSegment("B2B").build(),
                contact(Channel.PHONE, T0.plusSeconds(5400)).setIdentifiers(email(address)).setDirection(Direction.OUTBOUND)
                        .setAgentId("agent-7").build(),
                contact(Channel.EMAIL, T0.plusSeconds(7200)).setIdentifiers(email(address)).setCustomerName("Petra Zupan").build());
        String customerId = awaitCustomerWithContacts("email", address, 4);

        JsonNode profile = json(mvc.get().uri("/api/customers/{id}", customerId), 200);

        assertThat(profile.get("names").valueStream().map(JsonNode::asString)).containsExactly("Petra Zupan", "P. Zupan");
        assertThat(profile.get("language").asString()).isEqualTo("en");
        assertThat(profile.get("segment").asString()).isEqualTo("B2B");
        assertThat(profile.get("lastHandler").get("agentId").asString()).isEqualTo("agent-7");
        assertThat(Instant.parse(profile.get("lastHandler").get("at").asString())).isEqualTo(T0.plusSeconds(5400));
    }

    @Test
    void aCustomerNoChannelNamedHasNoNameLanguageSegmentOrHandler() {
        String address = "unnamed-" + UUID.randomUUID() + "@example.com";
        publish(contact(Channel.EMAIL, T0).setIdentifiers(email(address)).setCustomerName("   ").build());
        String customerId = awaitCustomerWithContacts("email", address, 1);

        JsonNode profile = json(mvc.get().uri("/api/customers/{id}", customerId), 200);

        assertThat(profile.get("names").isEmpty()).isTrue();
        assertThat(profile.get("language").isNull()).isTrue();
        assertThat(profile.get("segment").isNull()).isTrue();
        assertThat(profile.get("lastHandler").isNull()).isTrue();
    }

    @Test
    void showsAtMostTheConfiguredNumberOfNames() {
        String address = "many-names-" + UUID.randomUUID() + "@example.com";
        for (int i = 1; i <= 7; i++) {
            publish(contact(Channel.CHAT, T0.plusSeconds(i)).setIdentifiers(email(address)).setCustomerName("Name " + i).build());
        }
        String customerId = awaitCustomerWithContacts("email", address, 7);

        JsonNode profile = json(mvc.get().uri("/api/customers/{id}", customerId), 200);

        assertThat(profile.get("names").valueStream().map(JsonNode::asString))
                .containsExactly("Name 7", "Name 6", "Name 5", "Name 4", "Name 3");
    }

    @Test
    void aMergedCustomersContactsCountAndItsIdAnswersWithTheSurvivorsHeader() {
        String address = "merged-header-" + UUID.randomUUID() + "@example.com";
        String phone = "+3864" + (1_000_000 + (int) (Math.random() * 8_999_999));
        publish(contact(Channel.EMAIL, T0).setIdentifiers(email(address)).setCustomerName("Petra Zupan").setLanguage("sl").build(),
                contact(Channel.PHONE, T0.plusSeconds(60)).setIdentifiers(CustomerIdentifiers.newBuilder().setPhone(phone).build())
                        .setCustomerName("Caller Ana").setAgentId("agent-2").build());
        String byEmail = awaitCustomerWithContacts("email", address, 1);
        String byPhone = awaitCustomer("phone", phone);
        assertThat(byPhone).isNotEqualTo(byEmail);

        publish(contact(Channel.PHONE, T0.plusSeconds(120)).setDirection(Direction.OUTBOUND)
                .setIdentifiers(CustomerIdentifiers.newBuilder().setPhone(phone).setEmail(address).build()).build());
        String survivor = awaitCustomerWithContacts("email", address, 3);

        for (String id : List.of(byEmail, byPhone)) {
            JsonNode profile = json(mvc.get().uri("/api/customers/{id}", id), 200);
            assertThat(profile.get("customerId").asString()).isEqualTo(survivor);
            assertThat(profile.get("names").valueStream().map(JsonNode::asString)).containsExactly("Caller Ana", "Petra Zupan");
            assertThat(profile.get("language").asString()).isEqualTo("sl");
            assertThat(profile.get("lastHandler").get("agentId").asString()).isEqualTo("agent-2");
        }
    }

    @Test
    void asOfAPastInstantTheHeaderIsWhatItWasThen() {
        String address = "header-as-of-" + UUID.randomUUID() + "@example.com";
        publish(contact(Channel.EMAIL, T0).setIdentifiers(email(address)).setCustomerName("Petra Zupan").setLanguage("sl")
                .setAgentId("agent-3").build());
        String customerId = awaitCustomerWithContacts("email", address, 1);
        Instant before = Instant.now();
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(before));

        publish(contact(Channel.EMAIL, T0.plusSeconds(60)).setIdentifiers(email(address)).setCustomerName("Petra Z.")
                .setLanguage("de").setAgentId("agent-9").build());
        awaitCustomerWithContacts("email", address, 2);

        JsonNode then = json(mvc.get().uri("/api/customers/{id}", customerId).param("asOf", before.toString()), 200);
        assertThat(then.get("names").valueStream().map(JsonNode::asString)).containsExactly("Petra Zupan");
        assertThat(then.get("language").asString()).isEqualTo("sl");
        assertThat(then.get("lastHandler").get("agentId").asString()).isEqualTo("agent-3");
        JsonNode now = json(mvc.get().uri("/api/customers/{id}", customerId), 200);
        assertThat(now.get("names").valueStream().map(JsonNode::asString)).containsExactly("Petra Z.", "Petra Zupan");
        assertThat(now.get("language").asString()).isEqualTo("de");
        assertThat(now.get("lastHandler").get("agentId").asString()).isEqualTo("agent-9");
    }
}
