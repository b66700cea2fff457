package io.omnirouter.history.followup;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.contact.Intent;
import io.omnirouter.followup.FollowUpTask;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.followup.application.KeepingPromises;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.JsonNode;

/**
 * Issue 4 on the real engines: contacts published to contact.events become follow-up tasks, read through
 * /api/tasks and from followup.tasks (every version once), escalated by the clock exactly once even with
 * several clocks at work, escalated at once when the customer chases.
 */
class FollowUpIT extends HistoryIntegrationTest {

    @Autowired
    private KeepingPromises keeping;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MeterRegistry meters;

    private FollowUpTopic topic;

    @BeforeEach
    void readTopic() {
        topic = new FollowUpTopic();
    }

    @AfterEach
    void closeTopic() {
        topic.close();
    }

    @Test
    void everyPromiseOfTheStoryIsOpenedAndKept() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(10));
        String address = "story-" + UUID.randomUUID() + "@example.com";
        String thread = "email:<root-" + UUID.randomUUID() + "@mail>";

        // An inbound email opens REPLY, due in 2 h.
        publish(contact(Channel.EMAIL, t0).setIdentifiers(email(address)).setThreadKey(thread).setKind("EMAIL").build());
        String customer = customerOf(address);
        JsonNode reply = awaitTask(customer, "REPLY", "OPEN");
        assertThat(Instant.parse(reply.get("dueAt").asString())).isEqualTo(t0.plus(Duration.ofHours(2)));

        // An acknowledgement promising an answer by tomorrow replaces it with PROMISED_REPLY.
        Instant promised = t0.plus(Duration.ofDays(1));
        publish(outbound(Channel.EMAIL, t0.plus(Duration.ofMinutes(1)), address, thread, "EMAIL").setPromisedReplyBy(promised).build());
        awaitTask(customer, "REPLY", "SUPERSEDED");
        JsonNode promise = awaitTask(customer, "PROMISED_REPLY", "OPEN");
        assertThat(Instant.parse(promise.get("dueAt").asString())).isEqualTo(promised);
        assertThat(promise.get("assignee").asString()).as("continuity: the handler of the acknowledgement").isEqualTo("alice");

        // The real reply keeps the promise.
        publish(outbound(Channel.EMAIL, t0.plus(Duration.ofMinutes(2)), address, thread, "EMAIL").build());
        JsonNode kept = awaitTask(customer, "PROMISED_REPLY", "CLOSED");
        assertThat(kept.get("closedLate").asBoolean()).isFalse();

        // A missed call opens CALLBACK due in 30 min; an answered outbound call closes it and opens CALL_SUMMARY.
        publish(contact(Channel.PHONE, t0.plus(Duration.ofMinutes(3))).setIdentifiers(email(address)).setKind("CALL_MISSED")
                .setCallOutcome("MISSED").setThreadKey("phone:" + UUID.randomUUID()).setQueue("phone").build());
        JsonNode callback = awaitTask(customer, "CALLBACK", "OPEN");
        assertThat(Instant.parse(callback.get("dueAt").asString())).isEqualTo(t0.plus(Duration.ofMinutes(33)));
        publish(outbound(Channel.PHONE, t0.plus(Duration.ofMinutes(4)), address, "phone:" + UUID.randomUUID(), "CALL_ANSWERED")
                .setCallOutcome("ANSWERED").setDurationSeconds(300).setQueue("phone").build());
        awaitTask(customer, "CALLBACK", "CLOSED");
        JsonNode summary = awaitTask(customer, "CALL_SUMMARY", "OPEN");
        assertThat(Instant.parse(summary.get("dueAt").asString())).isEqualTo(t0.plus(Duration.ofMinutes(4)).plus(Duration.ofHours(2)));

        // The follow-up email confirms the agreements in writing.
        publish(outbound(Channel.EMAIL, t0.plus(Duration.ofMinutes(5)), address, "email:<summary-" + UUID.randomUUID() + ">", "EMAIL").build());
        awaitTask(customer, "CALL_SUMMARY", "CLOSED");

        // A complaint written in Russian in the chat; then the chat ends with satisfaction 1.
        String visitor = "chat-" + UUID.randomUUID() + "@example.com";
        String session = "chat:" + UUID.randomUUID();
        publish(contact(Channel.CHAT, t0).setIdentifiers(email(visitor)).setThreadKey(session).setKind("CHAT_MESSAGE")
                .setChatAuthor("CUSTOMER").setLanguage("ru").setText("У меня жалоба: заказ пришёл разбитым")
                .setIntent(Intent.COMPLAINT).setQueue("complaints").build());
        String chatter = customerOf(visitor);
        JsonNode complaint = awaitTask(chatter, "COMPLAINT", "OPEN");
        assertThat(complaint.get("queue").asString()).isEqualTo("complaints");
        assertThat(Instant.parse(complaint.get("dueAt").asString())).isEqualTo(t0.plus(Duration.ofHours(24)));
        publish(contact(Channel.CHAT, t0.plus(Duration.ofMinutes(3))).setIdentifiers(email(visitor)).setThreadKey(session)
                .setKind("CHAT_ENDED").setChatAuthor("SYSTEM").setRating(1).setResolved(true).setText(null).build());
        awaitTask(chatter, "RECOVERY", "OPEN");

        // The web shop: a delivered order asks for a survey, a cancelled one needs a follow-up.
        String shopper = "shop-" + UUID.randomUUID() + "@example.com";
        publish(contact(Channel.WEBSHOP, t0).setIdentifiers(email(shopper)).setKind("ORDER_DELIVERED").setOrderId("o-1")
                .setThreadKey("order:" + UUID.randomUUID()).setIntent(Intent.ORDER).build());
        String shopperId = customerOf(shopper);
        JsonNode survey = awaitTask(shopperId, "SURVEY", "OPEN");
        assertThat(Instant.parse(survey.get("dueAt").asString())).isEqualTo(t0.plus(Duration.ofDays(2)));
        publish(contact(Channel.WEBSHOP, t0.plus(Duration.ofMinutes(1))).setIdentifiers(email(shopper)).setKind("ORDER_CANCELLED")
                .setOrderId("o-2").setThreadKey("order:" + UUID.randomUUID()).setIntent(Intent.ORDER).build());
        awaitTask(shopperId, "ORDER_FOLLOW_UP", "OPEN");

        // followup.tasks: every version of every task exactly once, the last one as the API shows it.
        Set<String> customers = Set.of(customer, chatter, shopperId);
        await().atMost(PATIENCE).untilAsserted(() -> assertPublishedExactlyOnce(customers));
    }

    @Test
    void overdueTasksEscalateThroughTheTiersExactlyOnceWithSeveralClocks() throws Exception {
        // Due 5 h ago: tier 1 (second line) reached at the due time, tier 2 (supervisors) 4 h after it.
        Instant occurred = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(7));
        String address = "late-" + UUID.randomUUID() + "@example.com";
        AtomicBoolean done = new AtomicBoolean();
        // Two more clocks beside the service's own, all three against the same database.
        List<CompletableFuture<Void>> clocks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            clocks.add(CompletableFuture.runAsync(() -> {
                while (!done.get()) {
                    keeping.escalateDue();
                }
            }));
        }
        try {
            publish(contact(Channel.EMAIL, occurred).setIdentifiers(email(address)).setKind("EMAIL").build());
            String customer = customerOf(address);
            await().atMost(PATIENCE).untilAsserted(() -> {
                JsonNode reply = task(customer, "REPLY");
                assertThat(reply).isNotNull();
                assertThat(reply.get("escalationTier").asInt()).isEqualTo(2);
            });
            done.set(true);
            CompletableFuture.allOf(clocks.toArray(CompletableFuture[]::new)).get();
            keeping.escalateDue();

            JsonNode reply = task(customer, "REPLY");
            assertThat(reply.get("version").asLong()).isEqualTo(3);
            assertThat(reply.get("queue").asString()).isEqualTo("supervisors");
            assertThat(reply.get("priority").asString()).isEqualTo("URGENT");
            assertThat(reply.get("overdue").asBoolean()).isTrue();
            assertThat(Instant.parse(reply.get("changedAt").asString())).as("stamped with the time the tier was reached")
                    .isEqualTo(occurred.plus(Duration.ofHours(6)));
            await().atMost(PATIENCE).untilAsserted(() -> {
                List<FollowUpTask> published = topic.of(Set.of(customer));
                assertThat(published).extracting(FollowUpTask::getVersion).containsExactly(1L, 2L, 3L);
                assertThat(published).extracting(FollowUpTask::getQueue).containsExactly("general", "second-line", "supervisors");
            });
        } finally {
            done.set(true);
        }
    }

    @Test
    void aCustomerChasingOnAnotherChannelGetsTheReplyEscalatedAtOnce() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(5));
        String address = "chaser-" + UUID.randomUUID() + "@example.com";
        publish(contact(Channel.EMAIL, t0).setIdentifiers(email(address)).setKind("EMAIL").build());
        String customer = customerOf(address);
        awaitTask(customer, "REPLY", "OPEN");

        publish(contact(Channel.PHONE, t0.plus(Duration.ofMinutes(2))).setIdentifiers(email(address)).setKind("CALL_ANSWERED")
                .setCallOutcome("ANSWERED").setThreadKey("phone:" + UUID.randomUUID()).build());
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode reply = task(customer, "REPLY");
            assertThat(reply.get("escalationTier").asInt()).isEqualTo(1);
            assertThat(reply.get("queue").asString()).isEqualTo("second-line");
            assertThat(reply.get("changeReason").asString()).contains("chasing");
            assertThat(reply.get("overdue").asBoolean()).as("escalated before it was due").isFalse();
        });
    }

    /**
     * Issue 10, item 5: a contact whose tasks PostgreSQL refuses even on its own (here a CHECK constraint added for the
     * test, as a value breaking a limit of the task tables would) is taken off the queue with the SQLState, and the
     * contacts behind it, of its own customer and of others, get their tasks: nothing retries for ever.
     */
    @Test
    void aContactWhoseTasksPostgresqlRefusesEvenAloneIsSkippedAndTheContactsBehindItGetTheirTasks() {
        String refusedQueue = "refused-" + UUID.randomUUID();
        jdbc.execute("ALTER TABLE follow_up_task ADD CONSTRAINT test_refuses_queue CHECK (queue <> '" + refusedQueue + "') NOT VALID");
        try {
            Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(10));
            String address = "refused-" + UUID.randomUUID() + "@example.com";
            String otherAddress = "behind-" + UUID.randomUUID() + "@example.com";
            ContactEvent refused = contact(Channel.EMAIL, t0).setIdentifiers(email(address)).setKind("EMAIL").setQueue(refusedQueue).build();
            ContactEvent sameCustomerLater = contact(Channel.EMAIL, t0.plus(Duration.ofMinutes(1))).setIdentifiers(email(address))
                    .setKind("EMAIL").setThreadKey("email:later-" + UUID.randomUUID()).build();
            ContactEvent otherCustomer = contact(Channel.EMAIL, t0.plus(Duration.ofMinutes(2))).setIdentifiers(email(otherAddress))
                    .setKind("EMAIL").build();
            double refusedBefore = refusedFollowUps();

            publish(refused, sameCustomerLater, otherCustomer);

            JsonNode behind = awaitTask(customerOf(otherAddress), "REPLY", "OPEN");
            assertThat(behind.get("triggerContactId").asString()).isEqualTo(otherCustomer.getContactId());
            String customer = customerOf(address);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(tasks(customer))
                    .extracting(task -> task.get("triggerContactId").asString()).containsExactly(sameCustomerLater.getContactId()));
            assertThat(jdbc.queryForList("SELECT sql_state FROM follow_up_refused_contact WHERE contact_id = ?::uuid", String.class,
                    refused.getContactId())).containsExactly("23514");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM followup_pending WHERE contact_id = ANY (?::uuid[])", Integer.class,
                    (Object) new String[] {refused.getContactId(), sameCustomerLater.getContactId(), otherCustomer.getContactId()})).isZero();
            assertThat(refusedFollowUps()).isEqualTo(refusedBefore + 1);
        } finally {
            jdbc.execute("ALTER TABLE follow_up_task DROP CONSTRAINT test_refuses_queue");
        }
    }

    @Test
    void tasksAreFoundByTheCustomerIdAnAgentHeldBeforeALateContactReDerivedTheCustomer() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(30));
        String address = "rederived-" + UUID.randomUUID() + "@example.com";
        // The newer e-mail is stored first: its customer is the one the agent looks up.
        publish(contact(Channel.EMAIL, t0.plus(Duration.ofMinutes(10))).setIdentifiers(email(address)).setKind("EMAIL").build());
        String heldByAgent = customerOf(address);
        awaitTask(heldByAgent, "REPLY", "OPEN");

        // The older one arrives late: the component is re-derived, and the customer now has another id.
        publish(contact(Channel.EMAIL, t0).setIdentifiers(email(address)).setKind("EMAIL").build());
        await().atMost(PATIENCE).until(() -> !customerOf(address).equals(heldByAgent));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(tasks(heldByAgent))
                .as("both replies owed, found by the id the agent holds")
                .hasSize(2).allSatisfy(task -> {
                    assertThat(task.get("type").asString()).isEqualTo("REPLY");
                    assertThat(task.get("customerId").asString()).isEqualTo(customerOf(address));
                }));
    }

    @Test
    void anOpenTaskACrashLeftWithAnotherCustomerIsMovedToTheCustomerHoldingItsContact() {
        String address = "stray-" + UUID.randomUUID() + "@example.com";
        publish(contact(Channel.EMAIL, Instant.now().truncatedTo(ChronoUnit.MILLIS)).setIdentifiers(email(address)).setKind("EMAIL").build());
        String customer = customerOf(address);
        JsonNode reply = awaitTask(customer, "REPLY", "OPEN");
        // As if the service had stopped between a re-derivation and moving the task: it is with a customer id
        // that no longer exists, where nobody finds it.
        jdbc.update("UPDATE follow_up_task SET customer_id = ? WHERE task_id = ?::uuid", UUID.randomUUID(), reply.get("taskId").asString());
        assertThat(task(customer, "REPLY")).isNull();

        assertThat(keeping.reattachStrayTasks()).isEqualTo(1);

        JsonNode moved = task(customer, "REPLY");
        assertThat(moved.get("taskId").asString()).isEqualTo(reply.get("taskId").asString());
        assertThat(moved.get("status").asString()).isEqualTo("OPEN");
        assertThat(moved.get("version").asInt()).isEqualTo(reply.get("version").asInt() + 1);
        assertThat(moved.get("changeReason").asString()).contains("now belongs to customer " + customer);
        assertThat(keeping.reattachStrayTasks()).as("nothing left to move").isZero();
    }

    /** Issue 11, item 5: the profile counts the customer's open tasks, those of customers merged into it included. */
    @Test
    void theProfileCountsTheOpenTasksOfTheCustomerAndOfTheCustomersMergedIntoIt() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(30));
        String address = "count-" + UUID.randomUUID() + "@example.com";
        String shopId = "S-" + UUID.randomUUID();
        publish(contact(Channel.EMAIL, t0).setIdentifiers(email(address)).setKind("EMAIL").setThreadKey("email:a-" + UUID.randomUUID()).build(),
                contact(Channel.EMAIL, t0.plus(Duration.ofMinutes(1))).setIdentifiers(email(address)).setKind("EMAIL")
                        .setThreadKey("email:b-" + UUID.randomUUID()).build());
        String customer = customerOf(address);
        await().atMost(PATIENCE).until(() -> tasks(customer).size() == 2);
        assertThat(openTaskCount(customer)).isEqualTo(2);

        json(mvc.post().uri("/api/tasks/{id}/complete", tasks(customer).get(0).get("taskId").asString()), 200);
        assertThat(openTaskCount(customer)).as("after a completion").isEqualTo(1);

        // Another customer with an open reply, known by a shop id only; then an order that carries both identifiers.
        publish(contact(Channel.EMAIL, t0.plus(Duration.ofMinutes(2))).setIdentifiers(
                CustomerIdentifiers.newBuilder().setShopCustomerId(shopId).build()).setKind("EMAIL").build());
        await().atMost(PATIENCE).until(() -> openTaskCount(customerOfShopId(shopId)) == 1);
        publish(contact(Channel.WEBSHOP, t0.plus(Duration.ofMinutes(3))).setKind("ORDER_PLACED").setOrderId("O-" + UUID.randomUUID())
                .setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(address).setShopCustomerId(shopId).build()).build());
        await().atMost(PATIENCE).until(() -> customerOf(address).equals(customerOfShopId(shopId)));
        String survivor = customerOf(address);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(openTaskCount(survivor)).as("after the merge").isEqualTo(2));
        assertThat(json(mvc.get().uri("/api/tasks").param("customerId", survivor).param("status", "OPEN"), 200).get("tasks")).hasSize(2);
    }

    @Test
    void agentsAssignAndCompleteTasks() {
        String address = "agent-" + UUID.randomUUID() + "@example.com";
        publish(contact(Channel.WEBSHOP, Instant.now().truncatedTo(ChronoUnit.MILLIS)).setIdentifiers(email(address))
                .setKind("REVIEW_SUBMITTED").setRating(5).setThreadKey("review:" + UUID.randomUUID()).build());
        String customer = customerOf(address);
        String taskId = awaitTask(customer, "THANK_YOU", "OPEN").get("taskId").asString();

        JsonNode assigned = json(mvc.post().uri("/api/tasks/{id}/assign", taskId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"agent\": \"bob\"}"), 200);
        assertThat(assigned.get("assignee").asString()).isEqualTo("bob");
        assertThat(assigned.get("version").asLong()).isEqualTo(2);

        JsonNode completed = json(mvc.post().uri("/api/tasks/{id}/complete", taskId), 200);
        assertThat(completed.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(completed.get("assignee").asString()).as("the authenticated agent").isEqualTo("user");

        JsonNode again = json(mvc.post().uri("/api/tasks/{id}/complete", taskId), 409);
        assertThat(again.get("title").asString()).isEqualTo("Task not open");
        json(mvc.post().uri("/api/tasks/{id}/complete", UUID.randomUUID()), 404);
        json(mvc.post().uri("/api/tasks/{id}/assign", taskId).contentType(MediaType.APPLICATION_JSON).content("{}"), 400);
        json(mvc.get().uri("/api/tasks").param("status", "NOPE"), 400);

        JsonNode completedList = json(mvc.get().uri("/api/tasks").param("customerId", customer).param("status", "COMPLETED"), 200);
        assertThat(completedList.get("tasks")).hasSize(1);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(topic.of(Set.of(customer)))
                .extracting(FollowUpTask::getVersion).containsExactly(1L, 2L, 3L));
    }

    @Test
    void agentsCannotManageAbsences() {
        json(mvc.put().uri("/api/agents/{id}/absence", "carol").contentType(MediaType.APPLICATION_JSON)
                .content("{\"from\": \"2020-01-01T00:00:00Z\", \"until\": \"2100-01-01T00:00:00Z\"}"), 403);
    }

    @Test
    @WithMockUser(username = "sue", roles = "SUPERVISOR")
    void supervisorsMarkAgentsAbsent() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(5));
        assertThat(mvc.put().uri("/api/agents/{id}/absence", "carol").contentType(MediaType.APPLICATION_JSON)
                .content("{\"from\": \"" + t0.minus(Duration.ofDays(1)) + "\", \"until\": \"" + t0.plus(Duration.ofDays(1)) + "\"}"))
                .hasStatus(204);
        String address = "absent-" + UUID.randomUUID() + "@example.com";
        // carol answered the customer's call; the CALL_SUMMARY is not suggested to her while she is absent.
        publish(outbound(Channel.PHONE, t0, address, "phone:" + UUID.randomUUID(), "CALL_ANSWERED")
                .setAgentId("carol").setCallOutcome("ANSWERED").build());
        String customer = customerOf(address);
        JsonNode summary = awaitTask(customer, "CALL_SUMMARY", "OPEN");
        assertThat(summary.path("assignee").isNull() || summary.path("assignee").isMissingNode()).isTrue();
        assertThat(mvc.delete().uri("/api/agents/{id}/absence", "carol")).hasStatus(204);
        assertThat(mvc.delete().uri("/api/agents/{id}/absence", "carol")).hasStatus(404);
    }

    private void assertPublishedExactlyOnce(Set<String> customers) {
        List<FollowUpTask> published = topic.of(customers);
        Map<String, List<Long>> versions = new HashMap<>();
        published.forEach(t -> versions.computeIfAbsent(t.getTaskId(), k -> new ArrayList<>()).add(t.getVersion()));
        Integer stored = jdbc.queryForObject("SELECT count(*) FROM follow_up_task WHERE customer_id::text = ANY (?)",
                Integer.class, (Object) customers.toArray(String[]::new));
        assertThat(versions).hasSize(stored);
        for (String customer : customers) {
            for (JsonNode task : tasks(customer)) {
                long version = task.get("version").asLong();
                List<Long> expected = new ArrayList<>();
                for (long v = 1; v <= version; v++) {
                    expected.add(v);
                }
                assertThat(versions.get(task.get("taskId").asString())).as("versions of %s", task.get("type"))
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    @Test
    void laterContactsContinueTheCustomersCheckpointAndAnEarlierOneFoldsItFromTheFirstContact() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(30));
        String address = "checkpoint-" + UUID.randomUUID() + "@example.com";
        String thread = "email:<root-" + UUID.randomUUID() + "@mail>";
        ContactEvent email = contact(Channel.EMAIL, t0).setIdentifiers(email(address)).setThreadKey(thread).setKind("EMAIL").build();
        publish(email);
        String customer = customerOf(address);
        awaitTask(customer, "REPLY", "OPEN");
        await().atMost(PATIENCE).until(() -> checkpointAfter(customer), after -> email.getContactId().equals(after));

        double continuedBefore = derivations("checkpoint");
        ContactEvent reply = outbound(Channel.EMAIL, t0.plus(Duration.ofMinutes(5)), address, thread, "EMAIL").build();
        publish(reply);
        awaitTask(customer, "REPLY", "CLOSED");
        await().atMost(PATIENCE).until(() -> checkpointAfter(customer), after -> reply.getContactId().equals(after));
        assertThat(derivations("checkpoint")).as("the reply continued the fold").isGreaterThan(continuedBefore);

        // A missed call from before the email arrives late: the customer is folded from its first contact again (and,
        // its first contact now being the call, re-derived under the id that contact gives).
        double fromTheFirstBefore = derivations("first-contact");
        publish(contact(Channel.PHONE, t0.minus(Duration.ofMinutes(1))).setIdentifiers(email(address)).setKind("CALL_MISSED")
                .setCallOutcome("MISSED").setThreadKey("phone:" + UUID.randomUUID()).setQueue("phone").build());
        awaitTask(customer, "CALLBACK", "OPEN");
        assertThat(derivations("first-contact")).isGreaterThan(fromTheFirstBefore);
        String holder = customerOf(address);
        await().atMost(PATIENCE).until(() -> checkpointAfter(holder), after -> reply.getContactId().equals(after));
        assertThat(task(holder, "REPLY").get("status").asString()).isEqualTo("CLOSED");
    }

    private String checkpointAfter(String customerId) {
        return jdbc.query("SELECT after_contact_id FROM follow_up_checkpoint WHERE customer_id = ?::uuid",
                rs -> rs.next() ? rs.getString(1) : null, customerId);
    }

    private double derivations(String from) {
        var counter = meters.find(KeepingPromises.DERIVATIONS).tag("from", from).counter();
        return counter == null ? 0 : counter.count();
    }

    private static ContactEvent.Builder outbound(Channel channel, Instant at, String address, String thread, String kind) {
        return contact(channel, at).setDirection(Direction.OUTBOUND).setIdentifiers(email(address)).setThreadKey(thread)
                .setKind(kind).setAgentId("alice");
    }

    private double refusedFollowUps() {
        var counter = meters.find(KeepingPromises.FOLLOW_UPS_REFUSED).tag("sqlstate", "23514").counter();
        return counter == null ? 0 : counter.count();
    }

    private long openTaskCount(String customerId) {
        return json(mvc.get().uri("/api/customers/{id}", customerId), 200).get("openTaskCount").asLong();
    }

    private String customerOfShopId(String shopId) {
        String[] id = new String[1];
        await().atMost(PATIENCE).untilAsserted(() ->
                id[0] = json(mvc.get().uri("/api/customers/lookup").param("shopCustomerId", shopId), 200).get("customerId").asString());
        return id[0];
    }

    private String customerOf(String address) {
        String[] id = new String[1];
        await().atMost(PATIENCE).untilAsserted(() ->
                id[0] = json(mvc.get().uri("/api/customers/lookup").param("email", address), 200).get("customerId").asString());
        return id[0];
    }

    private List<JsonNode> tasks(String customerId) {
        JsonNode page = json(mvc.get().uri("/api/tasks").param("customerId", customerId), 200);
        return StreamSupport.stream(page.get("tasks").spliterator(), false).toList();
    }

    private JsonNode task(String customerId, String type) {
        return tasks(customerId).stream().filter(t -> t.get("type").asString().equals(type)).findFirst().orElse(null);
    }

    private JsonNode awaitTask(String customerId, String type, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(PATIENCE).untilAsserted(() -> {
            found[0] = task(customerId, type);
            assertThat(found[0]).as("%s task", type).isNotNull();
            assertThat(found[0].get("status").asString()).isEqualTo(status);
        });
        return found[0];
    }
}
