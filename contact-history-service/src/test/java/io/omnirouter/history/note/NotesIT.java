package io.omnirouter.history.note;

import static io.omnirouter.history.ContactEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.action.AgentAction;
import io.omnirouter.action.MergeUndone;
import io.omnirouter.action.NoteAdded;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.personal.action.SealedActions;
import io.omnirouter.personal.keys.DataKeys;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 11: an agent's internal note on a customer is an action on agent.actions, shown newest first and as written;
 * notes follow their customers through a merge and back through the unmerge, which is an action too.
 */
class NotesIT extends HistoryIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final String TOPIC = ContractTopic.AGENT_ACTIONS.topic();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfluentAvroDeserializer<AgentAction> deserializer =
            new ConfluentAvroDeserializer<>(new SchemaRegistryClient(RealInfrastructure.registryUrl()), AgentAction.class);

    @Test
    void aNoteIsAnActionShownAsWrittenNewestFirst() {
        String email = "noted-" + UUID.randomUUID() + "@example.com";
        publish(contact(Channel.EMAIL, T0).setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(email).build()).build());
        String customerId = awaitCustomer("email", email);
        String hostile = "Called twice about invoice 77.\r\nSays <script>alert(1)</script> ${jndi:ldap://x} %n — be kind.";

        try (TopicProbe actions = TopicProbe.reading(TOPIC)) {
            JsonNode first = write(customerId, "First: wants a call back after 16:00", 201);
            assertThat(first.get("notes")).hasSize(1);
            JsonNode written = write(customerId, hostile, 201);

            assertThat(written.get("notes").valueStream().map(n -> n.get("text").asString()))
                    .containsExactly(hostile, "First: wants a call back after 16:00");
            JsonNode newest = written.get("notes").get(0);
            assertThat(newest.get("author").asString()).isEqualTo("user");
            assertThat(newest.get("customerId").asString()).isEqualTo(customerId);
            ConsumerRecord<byte[], byte[]> record = actions.awaitOne(r -> r.value() != null && r.value().length > 5 && r.value()[0] == 0
                    && deserializer.deserialize(TOPIC, r.value()).getAction() instanceof NoteAdded note
                    && note.getNoteId().equals(newest.get("noteId").asString()), PATIENCE);
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(customerId);
            AgentAction sealed = deserializer.deserialize(TOPIC, record.value());
            assertThat(((NoteAdded) sealed.getAction()).getText()).as("sealed on the log").isEmpty();
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("invoice 77");
            assertThat(((NoteAdded) opened(sealed).getAction()).getText()).isEqualTo(hostile);
        }
        assertThat(json(mvc.get().uri("/api/customers/{id}/notes", customerId).param("limit", "1"), 200).get("notes")).hasSize(1);

        write(customerId, "   ", 400);
        write(UUID.randomUUID().toString(), "on nobody", 404);
        json(mvc.get().uri("/api/customers/{id}/notes", customerId).param("limit", "101"), 400);
        json(mvc.get().uri("/api/customers/{id}/notes", UUID.randomUUID()), 404);
    }

    @Test
    @WithMockUser(username = "sue", roles = "SUPERVISOR")
    void notesFollowTheirCustomersThroughAMergeAndBackThroughTheUnmergeWhichIsAnActionToo() {
        String token = UUID.randomUUID().toString().substring(0, 8);
        String email = "merge-notes-" + token + "@example.com";
        String shopId = "S-" + token;
        publish(contact(Channel.EMAIL, T0).setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(email).build()).build(),
                contact(Channel.WEBSHOP, T0.plusSeconds(60)).setIdentifiers(CustomerIdentifiers.newBuilder().setShopCustomerId(shopId).build()).build());
        String byEmail = awaitCustomer("email", email);
        String byShop = awaitCustomer("shopCustomerId", shopId);
        write(byEmail, "note on the e-mail customer", 201);
        write(byShop, "note on the shop customer", 201);

        publish(contact(Channel.WEBSHOP, T0.plusSeconds(120))
                .setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(email).setShopCustomerId(shopId).build()).build());
        await().atMost(PATIENCE).until(() -> awaitCustomer("shopCustomerId", shopId).equals(awaitCustomer("email", email)));
        String survivor = awaitCustomer("email", email);
        assertThat(notesOf(survivor)).containsExactlyInAnyOrder("note on the e-mail customer", "note on the shop customer");

        String mergeId = json(mvc.get().uri("/api/customers/{id}", survivor), 200).get("merges").get(0).get("mergeId").asString();
        try (TopicProbe actions = TopicProbe.reading(TOPIC)) {
            JsonNode unmerged = json(mvc.post().uri("/api/customers/{id}/unmerge", survivor).contentType(MediaType.APPLICATION_JSON)
                    .content("{\"mergeId\": \"" + mergeId + "\", \"reason\": \"two people\"}"), 200);
            assertThat(unmerged.get("survivor").get("merges").get(0).get("undone").asBoolean()).isTrue();
            AgentAction undo = deserializer.deserialize(TOPIC, actions.awaitOne(r -> r.value() != null && r.value().length > 5
                    && r.value()[0] == 0 && deserializer.deserialize(TOPIC, r.value()).getAction() instanceof MergeUndone undone
                    && undone.getMergeId().equals(mergeId), PATIENCE).value());
            assertThat(undo.getActor()).isEqualTo("sue");
            assertThat(opened(undo).getReason()).isEqualTo("two people");
        }
        assertThat(notesOf(awaitCustomer("email", email))).containsExactly("note on the e-mail customer");
        assertThat(notesOf(awaitCustomer("shopCustomerId", shopId))).containsExactly("note on the shop customer");
        JsonNode again = json(mvc.post().uri("/api/customers/{id}/unmerge", survivor).contentType(MediaType.APPLICATION_JSON)
                .content("{\"mergeId\": \"" + mergeId + "\"}"), 409);
        assertThat(again.get("title").asString()).isEqualTo("Merge already undone");
    }

    private JsonNode write(String customerId, String text, int status) {
        return json(mvc.post().uri("/api/customers/{id}/notes", customerId).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("text", text))), status);
    }

    private List<String> notesOf(String customerId) {
        return json(mvc.get().uri("/api/customers/{id}/notes", customerId), 200).get("notes").valueStream()
                .map(n -> n.get("text").asString()).toList();
    }

    @Autowired
    private DataKeys dataKeys;

    /** The action with its personal fields opened under its data key, as the history opens it. */
    private AgentAction opened(AgentAction sealed) {
        UUID keyId = SealedActions.keyIdOf(sealed);
        return SealedActions.open(sealed, dataKeys.find(List.of(keyId)).get(keyId));
    }
}
