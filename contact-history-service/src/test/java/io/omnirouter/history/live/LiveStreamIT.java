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
            assertThat(event).containsEntry("event", "contact");
            assertThat(event.get("id")).as("a position of the change log").matches("\\d+-\\d+");
            JsonNode data = json(event.get("data"));
            assertThat(data.get("contactId").asString()).isEqualTo(ours.getContactId());
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
    void aClientReconnectingWithItsLastEventIdGetsWhatItMissedOnceAndThenWhatComes() {
        String address = "resume-" + UUID.randomUUID() + "@example.com";
        String customerId;
        String lastEventId;
        ContactEvent seen = contact(Channel.CHAT, T0.plusSeconds(60)).setIdentifiers(email(address)).build();
        try (EventStreamClient stream = followNewCustomer(address)) {
            customerId = awaitCustomer("email", address);
            publish(seen);
            await().atMost(PATIENCE).until(() -> stream.contactIds().contains(seen.getContactId()));
            lastEventId = stream.lastEventId();
        }
        // Away: two contacts and a note (an agent's action) are stored meanwhile.
        ContactEvent missedFirst = contact(Channel.PHONE, T0.plusSeconds(120)).setIdentifiers(email(address)).build();
        ContactEvent missedSecond = contact(Channel.EMAIL, T0.plusSeconds(180)).setIdentifiers(email(address)).build();
        publish(missedFirst, missedSecond);
        await().atMost(PATIENCE).until(() -> json(mvc.get().uri("/api/customers/{id}/timeline", customerId), 200).get("items").size() == 4);
        json(mvc.post().uri("/api/customers/{id}/notes", customerId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\": \"called back\"}"), 201);

        try (EventStreamClient resumed = stream("/api/stream?customerId=" + customerId, lastEventId)) {
            await().atMost(PATIENCE).until(() -> resumed.events("action").size() == 1);
            ContactEvent after = contact(Channel.CHAT, T0.plusSeconds(240)).setIdentifiers(email(address)).build();
            publish(after);
            await().atMost(PATIENCE).until(() -> resumed.contactIds().contains(after.getContactId()));

            // What it missed, once (the two in the order they were stored, which need not be the order published), then
            // what came.
            assertThat(resumed.contactIds()).hasSize(3).endsWith(after.getContactId());
            assertThat(resumed.contactIds().subList(0, 2)).containsExactlyInAnyOrder(missedFirst.getContactId(), missedSecond.getContactId());
            JsonNode action = json(resumed.events("action").get(0).get("data"));
            assertThat(action.get("kind").asString()).isEqualTo("NoteAdded");
            assertThat(action.get("status").asString()).isEqualTo("APPLIED");
            assertThat(resumed.events("action").get(0).get("data")).as("no text on the stream").doesNotContain("called back");
            assertThat(resumed.events("resync")).isEmpty();
        }

        // A client that lost its connection before any change reached it resumes from where its stream started. Its
        // customer is one whose only contact, an answered call without an agent, opens no task: nothing of theirs
        // comes while the stream is open (the customer above still gets task versions from the follow-up).
        String callerAddress = "quiet-" + UUID.randomUUID() + "@example.com";
        ContactEvent call = contact(Channel.PHONE, T0.plusSeconds(300)).setIdentifiers(email(callerAddress)).build();
        try (EventStreamClient everyone = stream("/api/stream")) {
            everyone.awaitConnected();
            publish(call);
            await().atMost(PATIENCE).until(() -> everyone.contactIds().contains(call.getContactId()));
        }
        String caller = awaitCustomer("email", callerAddress);
        String startedAfter;
        try (EventStreamClient quiet = stream("/api/stream?customerId=" + caller)) {
            await().atMost(PATIENCE).until(() -> quiet.lastEventId() != null);
            startedAfter = quiet.lastEventId();
            assertThat(quiet.events()).isEmpty();
        }
        ContactEvent whileAway = contact(Channel.PHONE, T0.plusSeconds(360)).setIdentifiers(email(callerAddress)).build();
        publish(whileAway);
        try (EventStreamClient back = stream("/api/stream?customerId=" + caller, startedAfter)) {
            await().atMost(PATIENCE).until(() -> back.contactIds().contains(whileAway.getContactId()));
        }

        try (EventStreamClient unknown = stream("/api/stream?customerId=" + customerId, "not-a-position")) {
            await().atMost(PATIENCE).until(() -> !unknown.events().isEmpty());
            assertThat(unknown.events().get(0)).containsEntry("event", "resync");
            assertThat(json(unknown.events().get(0).get("data")).get("reason").asString()).contains("Last-Event-ID");
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

    private EventStreamClient stream(String path, String lastEventId) {
        return new EventStreamClient(httpClient(), request(path, "agent").header(HttpHeaders.ACCEPT, MediaType.TEXT_EVENT_STREAM_VALUE)
                .header("Last-Event-ID", lastEventId).build());
    }
}
