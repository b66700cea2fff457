package io.omnirouter.history.conversation;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.history.HistoryIntegrationTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

class ThreadIT extends HistoryIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-03-05T08:00:00Z");
    // As the router makes them from a Message-ID: ':', '@', '+' and even '/' are legal in it.
    private static final String THREAD = "email:CAF+1/x7@mail.example.com";
    private static final String LONG_TEXT = "Dear support, ".repeat(40);

    private String customerId;
    private ContactEvent question;
    private ContactEvent reply;
    private ContactEvent followUp;

    @BeforeEach
    void aCustomerWithAnEmailConversationAndAChat() {
        String address = "thread-" + UUID.randomUUID() + "@example.com";
        question = contact(Channel.EMAIL, T0).setIdentifiers(email(address)).setThreadKey(THREAD).setSubject("My order")
                .setText(LONG_TEXT).setCustomerName("Ana Novak").setAttachmentNames(List.of("račun 1.pdf", "photo.jpg")).build();
        reply = contact(Channel.EMAIL, T0.plusSeconds(600)).setIdentifiers(email(address)).setThreadKey(THREAD)
                .setSubject("Re: My order").setDirection(Direction.OUTBOUND).setKind("EMAIL").setAgentId("agent-7")
                .setText("We are on it.").build();
        followUp = contact(Channel.EMAIL, T0.plusSeconds(1200)).setIdentifiers(email(address)).setThreadKey(THREAD)
                .setSubject("Re: Re: My order").setText("Thanks!").build();
        ContactEvent chat = contact(Channel.CHAT, T0.plusSeconds(60)).setIdentifiers(email(address)).build();
        // Out of order, as partitions may deliver them.
        publish(followUp, chat, question, reply);
        String first = awaitCustomer("email", address);
        await().atMost(PATIENCE).until(() -> json(mvc.get().uri("/api/customers/{id}/timeline", first), 200)
                .get("items").size() == 4);
        // Contacts arriving out of event-time order may re-derive the customer: take its id as it is now.
        customerId = awaitCustomer("email", address);
    }

    @Test
    void showsOneConversationOldestFirstWithWholeTexts() {
        JsonNode thread = json(mvc.get().uri("/api/customers/{id}/threads/{key}", customerId, THREAD), 200);

        assertThat(thread.get("customerId").asString()).isEqualTo(customerId);
        assertThat(thread.get("threadKey").asString()).isEqualTo(THREAD);
        assertThat(thread.get("items").valueStream().map(item -> item.get("contactId").asString()))
                .containsExactly(question.getContactId(), reply.getContactId(), followUp.getContactId());
        JsonNode first = thread.get("items").get(0);
        assertThat(first.get("text").asString()).isEqualTo(LONG_TEXT);
        assertThat(first.get("subject").asString()).isEqualTo("My order");
        assertThat(first.get("threadKey").asString()).isEqualTo(THREAD);
        assertThat(first.get("customerName").asString()).isEqualTo("Ana Novak");
        assertThat(first.get("attachmentNames").valueStream().map(JsonNode::asString)).containsExactly("račun 1.pdf", "photo.jpg");
        assertThat(thread.get("items").get(1).get("customerName").isNull()).isTrue();
        assertThat(thread.get("items").get(1).get("attachmentNames")).isEmpty();
        assertThat(thread.get("items").get(1).get("direction").asString()).isEqualTo("OUTBOUND");
        assertThat(thread.get("items").get(1).get("agentId").asString()).isEqualTo("agent-7");
        assertThat(thread.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void theThreadKeyMayBePercentEncodedOverRealHttp() throws Exception {
        String encoded = URLEncoder.encode(THREAD, StandardCharsets.UTF_8).replace("%2F", "/");
        HttpResponse<String> response = httpClient().send(request("/api/customers/" + customerId + "/threads/" + encoded, "agent").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response.body()).get("items")).hasSize(3);
    }

    @Test
    void pagesThroughALongConversation() {
        JsonNode first = json(mvc.get().uri("/api/customers/{id}/threads/{key}", customerId, THREAD).param("limit", "2"), 200);
        JsonNode second = json(mvc.get().uri("/api/customers/{id}/threads/{key}", customerId, THREAD).param("limit", "2")
                .param("cursor", first.get("nextCursor").asString()), 200);

        assertThat(first.get("items").valueStream().map(item -> item.get("contactId").asString()))
                .containsExactly(question.getContactId(), reply.getContactId());
        assertThat(second.get("items").valueStream().map(item -> item.get("contactId").asString()))
                .containsExactly(followUp.getContactId());
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @Test
    void anUnknownThreadIsAProblem404() {
        JsonNode problem = json(mvc.get().uri("/api/customers/{id}/threads/{key}", customerId, "email:nothing@example.com"), 404);

        assertThat(problem.get("title").asString()).isEqualTo("Thread not found");
        assertThat(problem.get("detail").asString()).doesNotContain("nothing@example.com");
    }

    @Test
    void anUnknownCustomerIsAProblem404() {
        JsonNode problem = json(mvc.get().uri("/api/customers/{id}/threads/{key}", UUID.randomUUID(), THREAD), 404);

        assertThat(problem.get("title").asString()).isEqualTo("Customer not found");
    }

    @Test
    void badParametersAreAProblem400() {
        for (var request : java.util.List.of(
                mvc.get().uri("/api/customers/{id}/threads/{key}", customerId, THREAD).param("limit", "0"),
                mvc.get().uri("/api/customers/{id}/threads/{key}", customerId, THREAD).param("cursor", "bm90LWEtY3Vyc29y"),
                mvc.get().uri("/api/customers/{id}/threads/{key}", "not-a-uuid", THREAD),
                mvc.get().uri("/api/customers/{id}/threads/", customerId))) {
            var result = request.exchange();
            assertThat(result).hasStatus(400).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }
}
