package io.omnirouter.history.contact;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.social;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.ContactKind;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.contact.Intent;
import io.omnirouter.history.HistoryIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * channel.social on the real engines, as the router maps it (docs/kafka-contract.md): a WhatsApp customer is
 * one customer with their e-mail and calls, found by their handle; a private message owes a reply that the agent's
 * answer in the conversation keeps; a public complaint owes a quick reply and an owner
 * (contact-history-service/docs/follow-up-policy.md).
 */
class SocialContactsIT extends HistoryIntegrationTest {

    @Test
    void aWhatsAppMessageWithThePhoneNumberJoinsThePersonsEmailAndCallsAndTheirHandleFindsThemAll() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1));
        String digits = "38641" + (100_000 + ThreadLocalRandom.current().nextInt(900_000));
        String phone = "+" + digits;
        String email = "social-" + UUID.randomUUID() + "@example.com";
        String handle = "whatsapp:" + digits;
        publish(contact(Channel.EMAIL, t0).setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(email).build()).build(),
                contact(Channel.PHONE, t0.plus(Duration.ofMinutes(1))).setIdentifiers(CustomerIdentifiers.newBuilder().setPhone(phone).build())
                        .setKind("CALL_ANSWERED").setText(null).build(),
                // The web shop knows both: the e-mail's customer and the call's are one.
                contact(Channel.WEBSHOP, t0.plus(Duration.ofMinutes(2)))
                        .setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(email).setPhone(phone).build())
                        .setThreadKey("order:" + UUID.randomUUID()).setText(null).build());
        ContactEvent whatsApp = social(t0.plus(Duration.ofMinutes(3)), ContactKind.SOCIAL_MESSAGE, Direction.INBOUND, "whatsapp",
                "conv-" + UUID.randomUUID(), CustomerIdentifiers.newBuilder().setPhone(phone).setSocialHandle(handle).build())
                .setText("Hi, is my parcel on its way?").build();
        publish(whatsApp);

        // Typed as an agent would: any case, with an '@'.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(json(mvc.get().uri("/api/customers/lookup")
                .param("socialHandle", " WhatsApp:@" + digits + " "), 200).get("contactCount").asInt()).isEqualTo(4));
        JsonNode customer = json(mvc.get().uri("/api/customers/lookup").param("socialHandle", handle), 200);
        String customerId = customer.get("customerId").asString();
        assertThat(json(mvc.get().uri("/api/customers/lookup").param("email", email), 200).get("customerId").asString()).isEqualTo(customerId);
        assertThat(json(mvc.get().uri("/api/customers/lookup").param("phone", phone), 200).get("customerId").asString()).isEqualTo(customerId);
        assertThat(customer.get("identifiers").valueStream().map(i -> i.get("type").asString() + "=" + i.get("value").asString()))
                .containsExactlyInAnyOrder("EMAIL=" + email, "PHONE=" + phone, "SOCIAL_HANDLE=" + handle);

        // The timeline and the conversation show the contact with its kind and the channel's details.
        JsonNode item = items(json(mvc.get().uri("/api/customers/{id}/timeline", customerId), 200)).stream()
                .filter(i -> i.get("contactId").asString().equals(whatsApp.getContactId())).findFirst().orElseThrow();
        assertThat(item.get("channel").asString()).isEqualTo("SOCIAL");
        assertThat(item.get("kind").asString()).isEqualTo("SOCIAL_MESSAGE");
        assertThat(item.get("details").get("platform").asString()).isEqualTo("WHATSAPP");
        assertThat(item.get("details").get("visibility").asString()).isEqualTo("PRIVATE_MESSAGE");
        JsonNode message = items(json(mvc.get().uri("/api/customers/{id}/threads/" + whatsApp.getThreadKey(), customerId), 200)).get(0);
        assertThat(message.get("details").get("platform").asString()).isEqualTo("WHATSAPP");
        assertThat(items(json(mvc.get().uri("/api/customers/{id}/timeline", customerId).param("channel", "social"), 200)))
                .singleElement().satisfies(only -> assertThat(only.get("contactId").asString()).isEqualTo(whatsApp.getContactId()));
        assertThat(items(json(mvc.get().uri("/api/customers/{id}/timeline", customerId), 200)))
                .filteredOn(i -> !i.get("channel").asString().equals("SOCIAL"))
                .allSatisfy(other -> assertThat(other.get("details").size()).as("no details but the social contact's").isZero());
    }

    @Test
    void aPrivateMessageOwesAReplyWithinAnHourKeptByTheAgentsAnswerInTheSameConversation() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String handle = "instagram:dm." + UUID.randomUUID().toString().substring(0, 8);
        String conversation = "dm-" + UUID.randomUUID();
        CustomerIdentifiers byHandle = CustomerIdentifiers.newBuilder().setSocialHandle(handle).build();
        publish(social(t0, ContactKind.SOCIAL_MESSAGE, Direction.INBOUND, "instagram", conversation, byHandle).build());
        String customerId = awaitCustomer("socialHandle", handle);
        JsonNode reply = awaitTask(customerId, "REPLY", "OPEN");
        assertThat(Instant.parse(reply.get("dueAt").asString())).isEqualTo(t0.plus(Duration.ofHours(1)));
        assertThat(reply.get("threadKey").asString()).isEqualTo("social:instagram:" + conversation);
        assertThat(reply.get("triggerChannel").asString()).isEqualTo("SOCIAL");

        ContactEvent answer = social(t0.plus(Duration.ofMinutes(10)), ContactKind.SOCIAL_MESSAGE, Direction.OUTBOUND, "instagram",
                conversation, byHandle).setAgentId("maja").setText("It left our warehouse this morning.").build();
        publish(answer);

        JsonNode kept = awaitTask(customerId, "REPLY", "CLOSED");
        assertThat(kept.get("closedByContactId").asString()).isEqualTo(answer.getContactId());
        assertThat(kept.get("closedLate").asBoolean()).isFalse();
    }

    @Test
    void aPublicComplaintOwesAReplyWithinThirtyMinutesAndAnOwner() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String handle = "instagram:angry." + UUID.randomUUID().toString().substring(0, 8);
        CustomerIdentifiers byHandle = CustomerIdentifiers.newBuilder().setSocialHandle(handle).build();
        publish(social(t0, ContactKind.SOCIAL_COMMENT, Direction.INBOUND, "instagram", "post-" + UUID.randomUUID(), byHandle)
                .setText("Three weeks and still no refund. Never again!").setIntent(Intent.COMPLAINT).setQueue("complaints").build());
        String customerId = awaitCustomer("socialHandle", handle);

        JsonNode reply = awaitTask(customerId, "REPLY", "OPEN");
        assertThat(Instant.parse(reply.get("dueAt").asString())).isEqualTo(t0.plus(Duration.ofMinutes(30)));
        JsonNode complaint = awaitTask(customerId, "COMPLAINT", "OPEN");
        assertThat(Instant.parse(complaint.get("dueAt").asString())).isEqualTo(t0.plus(Duration.ofHours(24)));
        assertThat(complaint.get("priority").asString()).isEqualTo("HIGH");
        assertThat(complaint.get("queue").asString()).isEqualTo("complaints");
    }

    @Test
    void aHandleThatIsNotPlatformColonHandleIsAProblem400NamingTheParameter() {
        var result = mvc.get().uri("/api/customers/lookup").param("socialHandle", "ana.novak").exchange();

        assertThat(result).hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString()
                .contains("socialHandle", "SOCIAL_HANDLE identifier rejected").doesNotContain("ana.novak");
        assertThat(result).bodyJson().extractingPath("$.parameter").asString().isEqualTo("socialHandle");
    }

    @Test
    void theLookupIsDocumentedWithTheSocialHandle() {
        JsonNode docs = json(mvc.get().uri("/v3/api-docs"), 200);

        assertThat(docs.at("/paths/~1api~1customers~1lookup/get/parameters").valueStream().map(p -> p.get("name").asString()))
                .containsExactly("phone", "email", "shopCustomerId", "chatVisitorId", "socialHandle");
    }

    private static List<JsonNode> items(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).toList();
    }

    private JsonNode awaitTask(String customerId, String type, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(PATIENCE).untilAsserted(() -> {
            found[0] = StreamSupport.stream(json(mvc.get().uri("/api/tasks").param("customerId", customerId), 200).get("tasks")
                    .spliterator(), false).filter(t -> t.get("type").asString().equals(type)).findFirst().orElse(null);
            assertThat(found[0]).as("%s task of %s", type, customerId).isNotNull();
            assertThat(found[0].get("status").asString()).isEqualTo(status);
        });
        return found[0];
    }
}
