package io.omnirouter.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnirouter.channel.CallOutcome;
import io.omnirouter.channel.CustomerRef;
import io.omnirouter.channel.Direction;
import io.omnirouter.channel.EmailEvent;
import io.omnirouter.channel.EventMeta;
import io.omnirouter.channel.PhoneCallEvent;
import io.omnirouter.followup.FollowUpTask;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.ServiceProcess;
import io.omnirouter.testing.TopicProbe;
import io.omnirouter.testing.WithRealInfrastructure;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12's "one truth across instances", with two history instances running as processes on the real engines: the
 * one every system test shares ({@code shared}) and a second one ({@code second}), both in the ingest's consumer
 * group, each with its clock and outbox relay. The last test kills the second one with {@code kill -9}.
 */
@WithRealInfrastructure
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoHistoryInstancesIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String INGEST_GROUP = "contact-history";
    /** {@code omnirouter.history.ingest.concurrency}: the consumers each instance runs in the ingest group. */
    private static final int INGEST_CONSUMERS_PER_INSTANCE = 3;

    @RegisterExtension
    static final RunningServices services = new RunningServices();

    private static ServiceProcess second;

    private final HttpClient http = HttpClient.newHttpClient();
    private final SchemaRegistryClient registry = new SchemaRegistryClient(RealInfrastructure.registryUrl());
    private final ConfluentAvroSerializer<SpecificRecord> serializer = new ConfluentAvroSerializer<>(registry, true);

    @BeforeAll
    static void startTheSecondInstance() {
        second = services.startHistoryInstance();
        // Both instances share the ingest: more consumers hold contact.events' partitions than one instance runs.
        await().atMost(PATIENCE).until(() -> ingestMembersWithPartitions() > INGEST_CONSUMERS_PER_INSTANCE);
    }

    @AfterAll
    static void stopTheSecondInstance() {
        if (second != null) {
            second.close();
        }
    }

    @Test
    @Order(1)
    void theClockEscalatesEachOverdueTaskExactlyOnceWithTwoInstances() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // Voicemails naming a callback time a few seconds ahead: each opens a CALLBACK due then, which both
        // instances' clocks find overdue at the same moment (tier 1 is reached at the due time).
        Instant dueAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusSeconds(8);
        int calls = 12;
        try (TopicProbe tasks = TopicProbe.reading(ContractTopic.FOLLOWUP_TASKS.topic())) {
            for (int i = 0; i < calls; i++) {
                String callId = "clock-" + run + "-" + i;
                publish(ContractTopic.PHONE, callId, new PhoneCallEvent(meta(callId, Instant.now().minusSeconds(5)), callId,
                        Direction.INBOUND, customer("clock-" + run + "-" + i + "@example.com"), CallOutcome.VOICEMAIL, null, "support", 0,
                        null, dueAt));
            }
            ConfluentAvroDeserializer<FollowUpTask> tasksOf = new ConfluentAvroDeserializer<>(registry, FollowUpTask.class);
            List<FollowUpTask> ours = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                ours.clear();
                for (ConsumerRecord<byte[], byte[]> record : tasks.poll()) {
                    FollowUpTask task = tasksOf.deserialize(record.topic(), record.value());
                    if (task.getType().toString().equals("CALLBACK") && task.getDueAt().equals(dueAt)) {
                        ours.add(task);
                    }
                }
                return ours.stream().filter(task -> task.getEscalationTier() == 1).count() == calls;
            });
            // Some more ticks of both clocks (every second): still one escalation each, no version published twice.
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() -> {
                List<FollowUpTask> again = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : tasks.poll()) {
                    FollowUpTask task = tasksOf.deserialize(record.topic(), record.value());
                    if (task.getType().toString().equals("CALLBACK") && task.getDueAt().equals(dueAt)) {
                        again.add(task);
                    }
                }
                return again.stream().filter(task -> task.getEscalationTier() == 1).count() == calls;
            });
            Map<String, List<Long>> versions = new HashMap<>();
            ours.forEach(task -> versions.computeIfAbsent(task.getTaskId().toString(), id -> new ArrayList<>()).add(task.getVersion()));
            assertThat(versions).hasSize(calls);
            assertThat(versions.values()).as("opened, then escalated once: versions 1 and 2, each once")
                    .allSatisfy(published -> assertThat(published).containsExactly(1L, 2L));
        }
    }

    @Test
    @Order(2)
    void queueCountsAreTheDatabasesOnBothInstancesWithMoreOpenTasksThanAPage() throws Exception {
        long before = openReplies(services.history());
        String run = UUID.randomUUID().toString().substring(0, 8);
        int mails = 110;
        // Written now: each opens a REPLY in the general queue, due in two hours.
        IntStream.range(0, mails).forEach(i -> publish(ContractTopic.EMAIL, "<count-" + run + "-" + i + "@mail>",
                new EmailEvent(meta("count-" + run + "-" + i, Instant.now().truncatedTo(ChronoUnit.MILLIS)), "<count-" + run + "-" + i + "@mail>",
                        null, List.of(), Direction.INBOUND, customer("count-" + run + "-" + i + "@example.com"), null, "Hello", "A question",
                        List.of(), null)));

        await().atMost(PATIENCE).until(() -> openReplies(services.history()) == before + mails);
        assertThat(openReplies(second)).isEqualTo(before + mails);
        HttpResponse<String> page = http.send(services.as("agent", second, "/api/tasks?limit=100").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(services.json().readTree(page.body()).get("tasks").size()).as("a page holds fewer").isLessThanOrEqualTo(100);
    }

    @Test
    @Order(3)
    void aStreamOnOneInstanceCarriesWhatTheOtherStoredAndResumesOnTheOtherAfterItsInstanceIsKilled() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        double storedBySharedBefore = contactsStored(services.history());
        Set<String> customers = new HashSet<>();
        List<JsonNode> seenOnSecond;
        String lastEventId;
        try (LiveStreamClient onSecond = new LiveStreamClient(http, services.as("agent", second, "/api/stream")
                .header("Accept", "text/event-stream").build())) {
            await().atMost(PATIENCE).until(onSecond::connected);
            // Twelve customers: their contacts spread over the partitions, so each instance stores some.
            for (int i = 0; i < 12; i++) {
                customers.add(mail(run, "before-" + i));
            }
            await().atMost(PATIENCE).until(() -> customersOn(onSecond).containsAll(customers));
            assertThat(contactsStored(services.history())).as("the shared instance stored some of them").isGreaterThan(storedBySharedBefore);
            seenOnSecond = onSecond.data("contact");
            lastEventId = onSecond.lastEventId();

            second.kill();
            await().atMost(PATIENCE).until(onSecond::ended);
        }

        // While the client is away: three more customers (the shared instance takes over the dead one's partitions).
        Set<String> whileAway = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            whileAway.add(mail(run, "after-" + i));
        }
        try (LiveStreamClient resumed = new LiveStreamClient(http, services.as("agent", services.history(), "/api/stream")
                .header("Accept", "text/event-stream").header("Last-Event-ID", lastEventId).build())) {
            await().atMost(PATIENCE).until(() -> customersOn(resumed).containsAll(whileAway));

            assertThat(resumed.events()).as("no resync").noneMatch(event -> "resync".equals(event.get("event")));
            Set<String> contactsOnSecond = new HashSet<>();
            seenOnSecond.forEach(contact -> contactsOnSecond.add(contact.get("contactId").asText()));
            List<String> contactsResumed = resumed.data("contact").stream().map(contact -> contact.get("contactId").asText()).toList();
            assertThat(contactsResumed).as("nothing the client had seen, nothing twice").doesNotHaveDuplicates()
                    .noneMatch(contactsOnSecond::contains);
            assertThat(customersOn(resumed)).as("no gap: all of the while-away customers").containsAll(whileAway);
        }
    }

    /** An inbound e-mail from a new person; returns the customer id once the history knows them. */
    private String mail(String run, String who) throws Exception {
        String address = "two-" + run + "-" + who + "@example.com";
        String messageId = "<two-" + run + "-" + who + "@mail>";
        publish(ContractTopic.EMAIL, messageId, new EmailEvent(meta("two-" + run + "-" + who, Instant.now().truncatedTo(ChronoUnit.MILLIS)),
                messageId, null, List.of(), Direction.INBOUND, customer(address), null, "Hello", "Where is my parcel?", List.of(), null));
        return await().atMost(PATIENCE).until(() -> services.lookup("email", address), found -> found != null).get("customerId").asText();
    }

    private static Set<String> customersOn(LiveStreamClient stream) {
        Set<String> customers = new HashSet<>();
        stream.data("contact").forEach(contact -> customers.add(contact.get("customerId").asText()));
        return customers;
    }

    private long openReplies(ServiceProcess history) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(services.as("agent", history, "/api/tasks/counts").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(services.json().readTree(response.body()).get("byTypeAndQueue").spliterator(), false)
                .filter(row -> row.get("type").asText().equals("REPLY") && row.get("queue").asText().equals("general"))
                .mapToLong(row -> row.get("open").asLong()).sum();
    }

    /** The instance's omnirouter_history_contacts_stored_total, summed over channels. */
    private double contactsStored(ServiceProcess history) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(services.as("ops", history, "/actuator/prometheus").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().lines().filter(line -> line.startsWith("omnirouter_history_contacts_stored_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static int ingestMembersWithPartitions() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(INGEST_GROUP)).all().get().get(INGEST_GROUP);
            return (int) group.members().stream().filter(member -> member.assignment().topicPartitions().stream()
                    .anyMatch(partition -> partition.topic().equals(ContractTopic.CONTACT_EVENTS.topic()))).count();
        }
    }

    private void publish(ContractTopic topic, String key, SpecificRecord event) {
        TopicProbe.send(topic.topic(), key, serializer.serialize(topic.topic(), event));
    }

    private static EventMeta meta(String eventId, Instant occurredAt) {
        return new EventMeta(eventId, occurredAt, "system-test-adapter", null);
    }

    private static CustomerRef customer(String email) {
        return CustomerRef.newBuilder().setEmail(email).setLanguage("en").build();
    }
}
