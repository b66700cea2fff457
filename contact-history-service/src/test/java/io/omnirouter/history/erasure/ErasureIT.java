package io.omnirouter.history.erasure;

import static io.omnirouter.history.ContactEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.crypto.tink.Aead;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.followup.model.FollowUpTask;
import io.omnirouter.personal.contact.SealedContacts;
import io.omnirouter.personal.keys.DataKeys;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.JsonNode;

/**
 * Erasure (docs/personal-data.md, "Erasure") on the real engines, with contacts sealed as the router seals them: after
 * a supervisor erases a customer, neither the database, the API, the data keys nor a rebuild from the log hold any of
 * its data, another customer is unchanged, and bad requests get clear answers.
 */
@WithMockUser(username = "sue", roles = {"AGENT", "SUPERVISOR", "OPS"})
class ErasureIT extends HistoryIntegrationTest {

    private static final Instant T0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MILLIS);

    @Autowired
    private DataKeys dataKeys;
    @Autowired
    private SealedContacts sealedContacts;
    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void anErasedCustomerLeavesNothingInTheDatabaseTheApiOrTheKeysAndARebuildBringsNothingBack() {
        String token = UUID.randomUUID().toString().substring(0, 8);
        String ana = "ana-" + token + "@example.com";
        String anasPhone = "+38641" + Math.abs(token.hashCode() % 1_000_000);
        String bob = "bob-" + token + "@example.com";
        List<ContactEvent> anas = List.of(
                contact(Channel.EMAIL, T0).setIdentifiers(ids(anasPhone, ana)).setCustomerName("Ana Novak")
                        .setSubject("Kettle " + token).setText("My kettle leaks " + token).build(),
                contact(Channel.PHONE, T0.plusSeconds(60)).setIdentifiers(ids(anasPhone, null)).setKind("CALL_MISSED")
                        .setCallOutcome("MISSED").build());
        ContactEvent bobs = contact(Channel.EMAIL, T0.plusSeconds(30)).setIdentifiers(ids(null, bob)).build();
        publish(sealed(anas.get(0)), sealed(anas.get(1)), sealed(bobs));
        String anaId = awaitCustomer("email", ana);
        String bobId = awaitCustomer("email", bob);
        await().atMost(PATIENCE).until(() -> timeline(anaId).size() == 2);
        json(mvc.post().uri("/api/customers/{id}/notes", anaId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"Ana prefers calls after 16:00\"}"), 201);
        await().atMost(PATIENCE).until(() -> openTasks(anaId) > 0);
        JsonNode bobBefore = json(mvc.get().uri("/api/customers/{id}", bobId), 200);
        List<UUID> anasActions = jdbc.queryForList("SELECT action_id FROM agent_action WHERE customer_id = ?::uuid", UUID.class, anaId);
        assertThat(dataKeys.find(anasActions)).as("the note is sealed under a key of its own").hasSize(1);

        JsonNode erased = erase(anaId, "{\"reason\":\"The customer asked to be erased (GDPR Art. 17)\"}", 200);

        assertThat(erased.get("customerId").asString()).isEqualTo(anaId);
        assertThat(erased.get("contactsByChannel").get("EMAIL").asInt()).isEqualTo(1);
        assertThat(erased.get("contactsByChannel").get("PHONE").asInt()).isEqualTo(1);
        assertThat(erase(anaId, "{\"reason\":\"again\"}", 200)).as("erasing twice answers as the first time").isEqualTo(erased);
        assertNothingOf(anaId, anas, ana, anasPhone);
        assertThat(dataKeys.find(anasActions)).as("the note's key on agent.actions is shredded").isEmpty();
        JsonNode export = json(mvc.get().uri("/api/customers/{id}/export", anaId), 200);
        assertThat(export.get("erased").get("erasedAt").asString()).isEqualTo(erased.get("erasedAt").asString());
        assertThat(export.get("contacts")).isEmpty();
        assertThat(export.toString()).doesNotContain(ana, "Ana Novak", token);
        try (TopicProbe log = TopicProbe.reading(CONTACT_EVENTS, ContractTopic.AGENT_ACTIONS.topic())) {
            List<String> contactIds = anas.stream().map(ContactEvent::getContactId).toList();
            List<ConsumerRecord<byte[], byte[]>> records = log.awaitMatching(r -> r.topic().equals(CONTACT_EVENTS)
                    && contactIds.stream().anyMatch(id -> new String(r.value(), StandardCharsets.UTF_8).contains(id)), 2, PATIENCE);
            log.awaitMatching(r -> r.topic().equals(ContractTopic.AGENT_ACTIONS.topic())
                    && new String(r.key(), StandardCharsets.UTF_8).equals(anaId), 2, PATIENCE);
            for (ConsumerRecord<byte[], byte[]> record : log.seen(r -> true)) {
                assertThat(new String(record.value(), StandardCharsets.UTF_8)).as("the raw log after the erasure")
                        .doesNotContainIgnoringCase(ana).doesNotContain("Ana Novak", "My kettle leaks " + token, "after 16:00", anasPhone);
            }
            assertThat(records).as("the contacts are still on the log, their keys gone").hasSize(2);
        }
        try (TopicProbe tasks = TopicProbe.reading(ContractTopic.FOLLOWUP_TASKS.topic())) {
            ConsumerRecord<byte[], byte[]> closing = tasks.awaitOne(r -> new String(r.key(), StandardCharsets.UTF_8).equals(anaId)
                    && new String(r.value(), StandardCharsets.UTF_8).contains(FollowUpTask.ERASED), PATIENCE);
            assertThat(new String(closing.value(), StandardCharsets.UTF_8)).as("a task version on followup.tasks")
                    .doesNotContain(ana, token);
        }

        JsonNode started = json(mvc.post().uri("/api/ops/rebuild"), 202);
        assertThat(started.get("state").asString()).isEqualTo("RUNNING");
        await().atMost(Duration.ofSeconds(180)).until(() -> !json(mvc.get().uri("/api/ops/rebuild"), 200).get("state").asString().equals("RUNNING"));
        assertThat(json(mvc.get().uri("/api/ops/rebuild"), 200).get("state").asString()).isEqualTo("SUCCEEDED");

        assertNothingOf(anaId, anas, ana, anasPhone);
        assertThat(json(mvc.get().uri("/api/customers/{id}/export", anaId), 200).get("erased").get("erasedAt").asString())
                .as("the rebuild replays the erasure into the stub").isEqualTo(erased.get("erasedAt").asString());
        assertThat(json(mvc.get().uri("/api/customers/{id}", bobId), 200)).as("another customer, unchanged").isEqualTo(bobBefore);
    }

    @Test
    void anErasureWithoutAReasonIsABadRequestAndOfAnUnknownCustomerNotFound() {
        String email = "kept-" + UUID.randomUUID() + "@example.com";
        publish(sealed(contact(Channel.EMAIL, T0).setIdentifiers(ids(null, email)).build()));
        String customerId = awaitCustomer("email", email);

        assertThat(erase(customerId, "{}", 400).get("detail").asString()).contains("reason is required");
        assertThat(erase(customerId, "{\"reason\":\"   \"}", 400).get("detail").asString()).contains("reason is required");
        assertThat(erase(UUID.randomUUID().toString(), "{\"reason\":\"asked\"}", 404).get("title").asString()).isEqualTo("Customer not found");
        assertThat(erase("not-a-uuid", "{\"reason\":\"asked\"}", 400)).isNotNull();
        assertThat(json(mvc.get().uri("/api/customers/{id}", customerId), 200).get("customerId").asString()).isEqualTo(customerId);
    }

    @Test
    @WithMockUser(username = "alice", roles = "AGENT")
    void anAgentMayNotErase() {
        mvc.post().uri("/api/customers/{id}/erasure", UUID.randomUUID()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"asked\"}").assertThat().hasStatus(403);
    }

    private void assertNothingOf(String customerId, List<ContactEvent> contacts, String email, String phone) {
        UUID[] contactIds = contacts.stream().map(c -> UUID.fromString(c.getContactId())).toArray(UUID[]::new);
        mvc.get().uri("/api/customers/{id}", customerId).assertThat().hasStatus(404);
        mvc.get().uri("/api/customers/lookup").param("email", email).assertThat().hasStatus(404);
        mvc.get().uri("/api/customers/lookup").param("phone", phone).assertThat().hasStatus(404);
        assertThat(dataKeys.find(List.of(contactIds))).as("the contacts' data keys are shredded").isEmpty();
        for (String table : List.of("contact", "contact_history")) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE contact_id = ANY (?)", Integer.class,
                    (Object) contactIds)).as(table).isZero();
        }
        for (String table : List.of("customer_identifier", "customer_identifier_history")) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE value IN (?, ?)", Integer.class, email, phone))
                    .as(table).isZero();
        }
        assertThat(jdbc.queryForList("SELECT type FROM live_change WHERE customer_ids && ARRAY[?::uuid]", String.class, customerId))
                .as("what the live stream replays of the customer to a stream that resumes: only that it was erased")
                .containsOnly("action");
        for (String table : List.of("customer_note", "follow_up_task", "follow_up_task_history", "customer", "customer_history")) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE customer_id = ?::uuid", Integer.class, customerId))
                    .as(table).isZero();
        }
    }

    private JsonNode erase(String customerId, String body, int status) {
        return json(mvc.post().uri("/api/customers/{id}/erasure", customerId).contentType(MediaType.APPLICATION_JSON).content(body),
                status);
    }

    private List<JsonNode> timeline(String customerId) {
        return json(mvc.get().uri("/api/customers/{id}/timeline", customerId), 200).get("items").valueStream().toList();
    }

    private int openTasks(String customerId) {
        return json(mvc.get().uri("/api/tasks").param("customerId", customerId).param("status", "OPEN"), 200).get("tasks").size();
    }

    /** Sealed as the router seals it: under a data key of its own, with its thread key hashed. */
    private ContactEvent sealed(ContactEvent clear) {
        UUID keyId = SealedContacts.keyIdOf(clear);
        Map<UUID, Aead> keys = dataKeys.createOrFind(List.of(keyId));
        return sealedContacts.seal(clear, keys.get(keyId));
    }

    private static CustomerIdentifiers ids(String phone, String email) {
        return CustomerIdentifiers.newBuilder().setPhone(phone).setEmail(email).build();
    }
}
