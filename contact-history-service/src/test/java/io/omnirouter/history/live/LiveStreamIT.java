package io.omnirouter.history.live;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.live.application.LiveFeed;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/** GET /api/stream over real HTTP (MockMvc cannot stream): what reaches Kafka reaches the stream's clients. */
class LiveStreamIT extends HistoryIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-03-06T08:00:00Z");

    @Autowired
    private LiveFeed feed;

    @Test
    void aContactPublishedToKafkaArrivesOnTheStreamsThatFollowItsCustomer() {
        String address = "live-" + UUID.randomUUID() + "@example.com";
        publish(contact(Channel.EMAIL, T0).setIdentifiers(email(address)).build());
        String customerId = awaitCustomer("email", address);
        int before = feed.size();

        try (EventStreamClient stream = stream("/api/stream?customerId=" + customerId);
             EventStreamClient everything = stream("/api/stream")) {
            stream.awaitConnected();
            everything.awaitConnected();
            ContactEvent someoneElses = contact(Channel.CHAT, T0).setIdentifiers(email("other-" + UUID.randomUUID() + "@example.com"))
                    .build();
            ContactEvent ours = contact(Channel.PHONE, T0.plusSeconds(60)).setIdentifiers(email(address)).build();
            publish(someoneElses, ours);

            await().atMost(PATIENCE).until(() -> everything.contactIds().containsAll(List.of(someoneElses.getContactId(),
                    ours.getContactId())));
            // Both are through the service: the following stream got its customer's contact only.
            await().atMost(PATIENCE).until(() -> stream.contactIds().contains(ours.getContactId()));
            assertThat(stream.contactIds()).containsExactly(ours.getContactId());
            Map<String, String> event = stream.events("contact").get(0);
            assertThat(event).containsEntry("event", "contact").containsEntry("id", ours.getContactId());
            JsonNode data = json(event.get("data"));
            assertThat(data.get("customerId").asString()).isEqualTo(customerId);
            assertThat(data.get("channel").asString()).isEqualTo("PHONE");
            assertThat(data.get("threadKey").asString()).isEqualTo(ours.getThreadKey());
            assertThat(Instant.parse(data.get("occurredAt").asString())).isEqualTo(ours.getOccurredAt());
            // What the stream carries is what the API shows, no identifiers.
            assertThat(event.get("data")).doesNotContain(address);
        }
        // Our two streams are gone (at most: a stream a browser of an earlier test class left may end meanwhile).
        await().atMost(PATIENCE).until(() -> feed.size() <= before);
    }

    @Test
    void aStreamWithNothingToSayStaysOpenLongerThanTheConnectionTimeout() {
        String address = "idle-" + UUID.randomUUID() + "@example.com";
        try (EventStreamClient stream = followNewCustomer(address)) {
            // Between two keep-alives (4 s apart in the tests) nothing is written; Tomcat's connection timeout (3 s)
            // bounds a response the client does not take, not an asynchronous response with nothing to write.
            await().atMost(PATIENCE).until(() -> stream.keepAlives() >= 2);
            ContactEvent later = contact(Channel.CHAT, T0.plusSeconds(60)).setIdentifiers(email(address)).build();
            publish(later);
            await().atMost(PATIENCE).until(() -> stream.contactIds().contains(later.getContactId()));
        }
    }

    @Test
    void aMergeAndItsUndoingArriveOnTheStreamOfTheMergedCustomer() throws Exception {
        String address = "merge-" + UUID.randomUUID() + "@example.com";
        String phone = "+38640" + (100_000 + (int) (Math.random() * 899_999));
        publish(contact(Channel.EMAIL, T0).setIdentifiers(email(address)).build());
        publish(contact(Channel.PHONE, T0.plusSeconds(3600)).setIdentifiers(CustomerIdentifiers.newBuilder().setPhone(phone).build())
                .build());
        String older = awaitCustomer("email", address);
        String younger = awaitCustomer("phone", phone);
        assertThat(younger).isNotEqualTo(older);

        try (EventStreamClient stream = stream("/api/stream?customerId=" + younger)) {
            stream.awaitConnected();
            // An order carrying both identifiers links them: the customer with the earlier first contact survives.
            publish(contact(Channel.WEBSHOP, T0.plusSeconds(7200))
                    .setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(address).setPhone(phone).build()).build());

            await().atMost(PATIENCE).until(() -> stream.events("merge").size() == 1);
            JsonNode merge = json(stream.events("merge").get(0).get("data"));
            assertThat(merge.get("survivorId").asString()).isEqualTo(older);
            assertThat(merge.get("mergedId").asString()).isEqualTo(younger);
            String mergeId = merge.get("mergeId").asString();
            assertThat(stream.events("merge").get(0)).containsEntry("id", mergeId);

            HttpResponse<String> unmerge = httpClient().send(request("/api/customers/" + older + "/unmerge", "supervisor")
                    .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"mergeId\":\"" + mergeId + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unmerge.statusCode()).as(unmerge.body()).isEqualTo(200);

            await().atMost(PATIENCE).until(() -> stream.events("unmerge").size() == 1);
            JsonNode undone = json(stream.events("unmerge").get(0).get("data"));
            assertThat(undone.get("mergeId").asString()).isEqualTo(mergeId);
            assertThat(undone.get("survivorId").asString()).isEqualTo(older);
            assertThat(undone.get("restoredId").asString()).isEqualTo(younger);
        }
    }

    @Test
    void aFollowUpTaskOpenedByAContactArrivesOnTheStream() {
        String address = "task-" + UUID.randomUUID() + "@example.com";
        try (EventStreamClient stream = followNewCustomer(address)) {
            String customerId = awaitCustomer("email", address);
            // A second thread's inbound email: a new REPLY promise for this customer.
            publish(contact(Channel.EMAIL, T0.plusSeconds(60)).setIdentifiers(email(address)).build());

            await().atMost(PATIENCE).until(() -> stream.events("task").stream()
                    .anyMatch(event -> json(event.get("data")).get("type").asString().equals("REPLY")));
            JsonNode task = json(stream.events("task").get(0).get("data"));
            assertThat(task.get("customerId").asString()).isEqualTo(customerId);
            assertThat(task.get("version").asLong()).isPositive();
        }
    }

    @Test
    void withoutCredentialsThereIsNoStream() throws Exception {
        HttpResponse<String> response = httpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/stream")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    /** A new customer (an e-mail from the address) and a connected stream that follows them. */
    private EventStreamClient followNewCustomer(String address) {
        publish(contact(Channel.EMAIL, T0).setIdentifiers(email(address)).build());
        String customerId = awaitCustomer("email", address);
        EventStreamClient stream = stream("/api/stream?customerId=" + customerId);
        stream.awaitConnected();
        return stream;
    }

    private EventStreamClient stream(String path) {
        return new EventStreamClient(httpClient(),
                request(path, "agent").header(HttpHeaders.ACCEPT, MediaType.TEXT_EVENT_STREAM_VALUE).build());
    }
}
