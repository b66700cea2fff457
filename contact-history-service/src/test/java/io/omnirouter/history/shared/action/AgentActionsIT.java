package io.omnirouter.history.shared.action;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.action.AgentAction;
import io.omnirouter.action.TaskCompleted;
import io.omnirouter.contact.Channel;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.shared.action.infrastructure.AgentActionsListener;
import io.omnirouter.history.shared.kafka.DeadLetterPublisher;
import io.omnirouter.history.shared.kafka.DeadLetterReason;
import io.omnirouter.personal.action.SealedActions;
import io.omnirouter.personal.keys.DataKeys;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.schemas.DeadLetterHeaders;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11, item 1 on the real engines: agents' actions are taken through agent.actions. The API answers once the
 * action is applied, with what it did; when applying takes longer than the API waits, 202 and where to poll. Applying
 * is once per action, a refused action changes nothing and blocks nothing, and a record that is no action goes to
 * agent.actions.DLT with the reason.
 */
class AgentActionsIT extends HistoryIntegrationTest {

    private static final String TOPIC = ContractTopic.AGENT_ACTIONS.topic();

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;
    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    private final SchemaRegistryClient registry = new SchemaRegistryClient(RealInfrastructure.registryUrl());
    private final ConfluentAvroDeserializer<AgentAction> deserializer = new ConfluentAvroDeserializer<>(registry, AgentAction.class);
    private final ConfluentAvroSerializer<AgentAction> serializer = new ConfluentAvroSerializer<>(registry, true);
    private TopicProbe actions;

    @BeforeEach
    void readActions() {
        actions = TopicProbe.reading(TOPIC, ContractTopic.AGENT_ACTIONS.deadLetterTopic());
    }

    @AfterEach
    void close() {
        actions.close();
    }

    @Test
    void completingATaskIsAnActionOnTheLogAndTheAnswerShowsItApplied() {
        String customerId = customerWithAnOpenReply();
        String taskId = openTaskOf(customerId);

        JsonNode completed = json(mvc.post().uri("/api/tasks/{id}/complete", taskId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"answered by phone\\nas agreed\"}"), 200);

        assertThat(completed.get("status").asString()).as("read-your-writes").isEqualTo("COMPLETED");
        ConsumerRecord<byte[], byte[]> record = actions.awaitOne(r -> isAction(r) && actionOf(r).getAction()
                instanceof TaskCompleted done && done.getTaskId().equals(taskId), PATIENCE);
        AgentAction action = actionOf(record);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(customerId);
        assertThat(action.getActor()).isEqualTo("user");
        assertThat(action.getActorRoles()).extracting(CharSequence::toString).containsExactly("AGENT");
        assertThat(action.getReason()).as("sealed on the log").isNull();
        assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("answered by phone");
        assertThat(opened(action).getReason()).isEqualTo("answered by phone\nas agreed");
        assertThat(action.getCustomerId()).isEqualTo(customerId);
        assertThat(action.getOccurredAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
        JsonNode outcome = json(mvc.get().uri("/api/actions/{id}", action.getActionId()), 200);
        assertThat(outcome.get("status").asString()).isEqualTo("APPLIED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM follow_up_decision WHERE task_id = ?::uuid", Integer.class, taskId)).isEqualTo(1);
    }

    @Test
    void anActionNotAppliedWithinTheWaitIsAnswered202WithWhereToPollAndAppliedLater() {
        String customerId = customerWithAnOpenReply();
        String taskId = openTaskOf(customerId);
        MessageListenerContainer applier = listeners.getListenerContainer(AgentActionsListener.LISTENER_ID);
        applier.pause();
        await().atMost(PATIENCE).until(applier::isContainerPaused);
        var accepted = mvc.post().uri("/api/tasks/{id}/complete", taskId).exchange();
        String location;
        try {
            assertThat(accepted).hasStatus(202);
            location = accepted.getResponse().getHeader("Location");
            assertThat(location).startsWith("/api/actions/");
            assertThat(json(mvc.get().uri(location), 200).get("status").asString()).isEqualTo("PENDING");
            assertThat(json(mvc.get().uri("/api/tasks/{id}", taskId), 200).get("status").asString()).isEqualTo("OPEN");
        } finally {
            applier.resume();
        }
        await().atMost(PATIENCE).until(() -> json(mvc.get().uri(location), 200).get("status").asString().equals("APPLIED"));
        assertThat(json(mvc.get().uri("/api/tasks/{id}", taskId), 200).get("status").asString()).isEqualTo("COMPLETED");
        json(mvc.get().uri("/api/actions/{id}", UUID.randomUUID()), 404);
    }

    @Test
    void anActionIsAppliedOnceARefusedOneChangesNothingAndNoRecordBlocksTheOnesBehindIt() {
        String customerId = customerWithAnOpenReply();
        String taskId = openTaskOf(customerId);
        AgentAction complete = action(customerId, taskId);
        AgentAction completeAgain = action(customerId, taskId);
        String key = customerId;

        // The same action twice (a producer's retry), another completion of the task, bytes that are no action, and
        // behind them all an assignment of another task of the same customer, all on one partition.
        String otherTask = secondOpenTaskOf(customerId);
        TopicProbe.send(TOPIC, key, serializer.serialize(TOPIC, complete));
        TopicProbe.send(TOPIC, key, serializer.serialize(TOPIC, complete));
        TopicProbe.send(TOPIC, key, serializer.serialize(TOPIC, completeAgain));
        TopicProbe.send(TOPIC, key, "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8));
        AgentAction assign = action(customerId, otherTask);
        assign.setAction(new io.omnirouter.action.TaskAssigned(otherTask, "maja"));
        TopicProbe.send(TOPIC, key, serializer.serialize(TOPIC, assign));

        await().atMost(PATIENCE).until(() -> "maja".equals(json(mvc.get().uri("/api/tasks/{id}", otherTask), 200).get("assignee").asString()));
        assertThat(json(mvc.get().uri("/api/tasks/{id}", taskId), 200).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM follow_up_decision WHERE task_id = ?::uuid", Integer.class, taskId))
                .as("applied once").isEqualTo(1);
        assertThat(json(mvc.get().uri("/api/actions/{id}", complete.getActionId()), 200).get("status").asString()).isEqualTo("APPLIED");
        JsonNode refused = json(mvc.get().uri("/api/actions/{id}", completeAgain.getActionId()), 200);
        assertThat(refused.get("status").asString()).isEqualTo("REFUSED");
        assertThat(refused.get("refusal").get("httpStatus").asInt()).isEqualTo(409);
        assertThat(refused.get("refusal").get("title").asString()).isEqualTo("Task not open");
        ConsumerRecord<byte[], byte[]> deadLetter = actions.awaitOne(r -> r.topic().equals(ContractTopic.AGENT_ACTIONS.deadLetterTopic())
                && Arrays.equals(r.key(), key.getBytes(StandardCharsets.UTF_8)), PATIENCE);
        assertThat(TopicProbe.header(deadLetter, DeadLetterHeaders.REASON)).contains("Unknown magic byte 0x7b");
        // Counted once the broker acknowledged it, which may be a moment after the probe saw it.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(meters.find(DeadLetterPublisher.DEAD_LETTERS).tag("topic", TOPIC)
                .tag("reason", DeadLetterReason.UNDECODABLE).counters()).as("agent.actions' dead letters counted by reason")
                .anySatisfy(counter -> assertThat(counter.count()).isPositive()));
    }

    @Test
    @WithMockUser(username = "sue", roles = "SUPERVISOR")
    void absencesAreActionsKeyedByTheAgentAndEndingOneThatDoesNotExistIs404() {
        String agent = "agent-" + UUID.randomUUID();
        var set = mvc.put().uri("/api/agents/{id}/absence", agent).contentType(MediaType.APPLICATION_JSON)
                .content("{\"from\": \"2026-12-01T00:00:00Z\", \"until\": \"2026-12-08T00:00:00Z\", \"reason\": \"holiday\"}").exchange();
        assertThat(set).hasStatus(204);
        assertThat(jdbc.queryForObject("SELECT updated_by FROM agent_absence WHERE agent_id = ?", String.class, agent)).isEqualTo("sue");
        ConsumerRecord<byte[], byte[]> record = actions.awaitOne(r -> isAction(r)
                && Arrays.equals(r.key(), ("agent:" + agent).getBytes(StandardCharsets.UTF_8)), PATIENCE);
        assertThat(actionOf(record).getActorRoles()).extracting(CharSequence::toString).containsExactly("SUPERVISOR");
        JsonNode listed = json(mvc.get().uri("/api/absences"), 200).get("absences");
        assertThat(listed.valueStream().filter(absence -> absence.get("agentId").asString().equals(agent)))
                .singleElement().satisfies(absence -> {
                    assertThat(absence.get("from").asString()).isEqualTo("2026-12-01T00:00:00Z");
                    assertThat(absence.get("until").asString()).isEqualTo("2026-12-08T00:00:00Z");
                });

        assertThat(mvc.delete().uri("/api/agents/{id}/absence", agent).exchange()).hasStatus(204);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM agent_absence WHERE agent_id = ?", Integer.class, agent)).isZero();
        assertThat(json(mvc.get().uri("/api/absences"), 200).get("absences").toString()).doesNotContain(agent);
        JsonNode again = json(mvc.delete().uri("/api/agents/{id}/absence", agent), 404);
        assertThat(again.get("title").asString()).isEqualTo("Absence not found");
        json(mvc.put().uri("/api/agents/{id}/absence", agent).contentType(MediaType.APPLICATION_JSON)
                .content("{\"from\": \"2026-12-08T00:00:00Z\", \"until\": \"2026-12-01T00:00:00Z\"}"), 400);
    }

    /** A record of agent.actions in the wire format (another test publishes bytes that are not). */
    private static boolean isAction(ConsumerRecord<byte[], byte[]> record) {
        return record.topic().equals(TOPIC) && record.value() != null && record.value().length > 5 && record.value()[0] == 0;
    }

    private AgentAction actionOf(ConsumerRecord<byte[], byte[]> record) {
        return deserializer.deserialize(record.topic(), record.value());
    }

    private static AgentAction action(String customerId, String taskId) {
        return AgentAction.newBuilder().setActionId(UUID.randomUUID().toString()).setActor("ana").setActorRoles(List.of("AGENT"))
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setCustomerId(customerId)
                .setAction(new TaskCompleted(taskId)).build();
    }

    private String customerWithAnOpenReply() {
        String address = "actions-" + UUID.randomUUID() + "@example.com";
        publish(contact(Channel.EMAIL, Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(5)))
                .setIdentifiers(email(address)).setKind("EMAIL").setThreadKey("email:first-" + UUID.randomUUID()).build());
        String customerId = awaitCustomer("email", address);
        await().atMost(PATIENCE).until(() -> !tasksOf(customerId).isEmpty());
        return customerId;
    }

    private String secondOpenTaskOf(String customerId) {
        String address = json(mvc.get().uri("/api/customers/{id}", customerId), 200).get("identifiers").get(0).get("value").asString();
        publish(contact(Channel.EMAIL, Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(4)))
                .setIdentifiers(email(address)).setKind("EMAIL").setThreadKey("email:second-" + UUID.randomUUID()).build());
        await().atMost(PATIENCE).until(() -> tasksOf(customerId).size() == 2);
        String first = openTaskOf(customerId);
        return tasksOf(customerId).stream().map(t -> t.get("taskId").asString()).filter(id -> !id.equals(first)).findFirst().orElseThrow();
    }

    private String openTaskOf(String customerId) {
        List<JsonNode> tasks = tasksOf(customerId);
        return tasks.get(tasks.size() - 1).get("taskId").asString();
    }

    private List<JsonNode> tasksOf(String customerId) {
        return json(mvc.get().uri("/api/tasks").param("customerId", customerId).param("status", "OPEN"), 200).get("tasks").valueStream().toList();
    }

    @Autowired
    private DataKeys dataKeys;

    /** The action with its personal fields opened under its data key, as the history opens it. */
    private AgentAction opened(AgentAction sealed) {
        UUID keyId = SealedActions.keyIdOf(sealed);
        return SealedActions.open(sealed, dataKeys.find(List.of(keyId)).get(keyId));
    }
}
