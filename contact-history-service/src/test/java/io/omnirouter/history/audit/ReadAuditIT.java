package io.omnirouter.history.audit;

import static io.omnirouter.history.ContactEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.support.instance.InstanceProperties;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The read audit (audit/, docs/security-and-console.md "Read audit"): every read of a customer's data through the API
 * is recorded with who, when, which customer and the route template, never content; supervisors list it per customer
 * and per user, newest first, page by page. The reads are made over HTTP as the local users {@code agent} and
 * {@code supervisor}; what the setup read (as MockMvc's user) is cleared before.
 */
class ReadAuditIT extends HistoryIntegrationTest {

    private static final String SUBJECT = "Refund for order 5521";
    private static final String TEXT = "My card ending 4417 was charged twice for the blender";
    private static final String NOTE = "Promised a refund within five days";

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private InstanceProperties instance;

    private final HttpClient client = httpClient();
    // Now, not a fixed date: the reply task the contact opens stays in its queue (not overdue, not escalated).
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
    private String email;
    private String queue;
    private String threadKey;
    private String customerId;

    /** A customer with a contact (which opens a reply task) and a note; what reading them took here is not the test's. */
    @BeforeEach
    void aCustomerWithAContactATaskAndANote() {
        String token = UUID.randomUUID().toString().substring(0, 8);
        email = "audited-" + token + "@example.com";
        threadKey = "email:refund-" + token;
        queue = "audit-queue-" + token;
        publish(contact(Channel.EMAIL, t0).setIdentifiers(CustomerIdentifiers.newBuilder().setEmail(email).build())
                .setSubject(SUBJECT).setText(TEXT).setThreadKey(threadKey).setQueue(queue).build());
        customerId = awaitCustomer("email", email);
        json(mvc.post().uri("/api/customers/{id}/notes", customerId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\": \"" + NOTE + "\"}"), 201);
        await().atMost(PATIENCE).until(() -> json(mvc.get().uri("/api/tasks").param("customerId", customerId), 200)
                .get("tasks").size() == 1);
        jdbc.update("DELETE FROM read_audit");
    }

    @Test
    void everyReadOfTheCustomerIsRecordedWithWhoWhichCustomerAndTheRouteNeverTheContent() throws Exception {
        // After the setup stored the customer (microseconds: what PostgreSQL keeps).
        Instant asOf = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String taskId = json(mvc.get().uri("/api/tasks").param("customerId", customerId), 200).get("tasks").get(0).get("taskId").asString();
        jdbc.update("DELETE FROM read_audit");

        JsonNode found = json(get("/api/customers/lookup?email=" + URLEncoder.encode(email.toUpperCase(), StandardCharsets.UTF_8), "agent", 200));
        assertThat(found.get("customerId").asString()).isEqualTo(customerId);
        assertThat(found.has("customersRead")).as("whose an answer is, is no part of it").isFalse();
        get("/api/customers/" + customerId, "agent", 200);
        get("/api/customers/" + customerId + "/timeline?limit=5", "agent", 200);
        get("/api/customers/" + customerId + "/notes", "agent", 200);
        get("/api/customers/" + customerId + "/threads/" + threadKey, "agent", 200);
        get("/api/customers/" + customerId + "?asOf=" + asOf, "agent", 200);
        get("/api/tasks?customerId=" + customerId, "agent", 200);
        get("/api/tasks/" + taskId, "agent", 200);
        // A list naming no customer read those of its tasks.
        get("/api/tasks?status=OPEN&queue=" + queue, "agent", 200);

        assertThat(jdbc.queryForList("SELECT endpoint FROM read_audit ORDER BY id", String.class)).containsExactly(
                "GET /api/customers/lookup",
                "GET /api/customers/{customerId}",
                "GET /api/customers/{customerId}/timeline",
                "GET /api/customers/{customerId}/notes",
                "GET /api/customers/{customerId}/threads/{*threadKey}",
                "GET /api/customers/{customerId}",
                "GET /api/tasks",
                "GET /api/tasks/{taskId}",
                "GET /api/tasks");
        assertThat(jdbc.queryForList("SELECT DISTINCT actor || ' ' || array_to_string(roles, ',') || ' ' || customer_id || ' ' || instance_id"
                + " FROM read_audit", String.class)).containsExactly("agent AGENT " + customerId + " " + instance.id());
        assertThat(jdbc.queryForList("SELECT as_of FROM read_audit WHERE as_of IS NOT NULL", java.time.OffsetDateTime.class))
                .singleElement().satisfies(at -> assertThat(at.toInstant()).isEqualTo(asOf));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_audit WHERE read_at > now() - interval '1 minute'", Long.class))
                .isEqualTo(9);

        // Nothing the customer said or is known by, no note, no thread key, no query string: the whole table as text.
        // (A fragment of the text with letters: digits alone turn up in the table's own timestamps and ids.)
        String table = jdbc.queryForObject("SELECT string_agg(r::text, E'\\n') FROM read_audit r", String.class);
        assertThat(table).contains(customerId, "agent")
                .doesNotContainIgnoringCase(email).doesNotContain(SUBJECT, TEXT, "card ending", NOTE, threadKey, "refund-", queue, "limit", "asOf=", "OPEN");
    }

    @Test
    void aReadThatFailsIsNoReadOfACustomer() throws Exception {
        get("/api/customers/" + UUID.randomUUID(), "agent", 404);
        get("/api/customers/" + UUID.randomUUID() + "/timeline", "agent", 404);
        get("/api/customers/lookup?email=nobody-" + UUID.randomUUID() + "@example.com", "agent", 404);
        get("/api/customers/" + customerId + "/threads/email:no-such-thread", "agent", 404);
        get("/api/customers/" + customerId + "/timeline?limit=100000", "agent", 400);
        get("/api/customers/" + customerId + "?asOf=" + Instant.now().plusSeconds(3600), "agent", 400);
        get("/api/customers/not-a-uuid", "agent", 400);
        // A role that may not: refused before any controller.
        get("/api/audit/reads?customerId=" + customerId, "agent", 403);
        get("/api/audit/reads?customerId=" + customerId, "ops", 403);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_audit", Long.class)).isZero();
        // The same reads that succeed are recorded: the ones above failed for what they asked, not for being unaudited.
        get("/api/customers/" + customerId + "/timeline", "agent", 200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_audit", Long.class)).isEqualTo(1);
    }

    @Test
    void aSupervisorListsTheReadsPerCustomerAndPerUserNewestFirstPageByPage() throws Exception {
        List<String> read = List.of("/api/customers/" + customerId, "/api/customers/" + customerId + "/timeline",
                "/api/customers/" + customerId + "/notes", "/api/customers/lookup?email=" + email, "/api/customers/" + customerId);
        for (String path : read) {
            get(path, "agent", 200);
        }
        List<String> newestFirst = List.of("GET /api/customers/{customerId}", "GET /api/customers/lookup",
                "GET /api/customers/{customerId}/notes", "GET /api/customers/{customerId}/timeline", "GET /api/customers/{customerId}");

        // Per customer, two at a time: every page after the first continues below the previous one.
        List<JsonNode> reads = new ArrayList<>();
        String cursor = null;
        List<Integer> pageSizes = new ArrayList<>();
        do {
            JsonNode page = json(get("/api/audit/reads?customerId=" + customerId + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), "supervisor", 200));
            page.get("reads").forEach(reads::add);
            pageSizes.add(page.get("reads").size());
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        assertThat(pageSizes).containsExactly(2, 2, 1);
        assertThat(reads).extracting(r -> r.get("endpoint").asString()).containsExactlyElementsOf(newestFirst);
        assertThat(reads).allSatisfy(r -> {
            assertThat(r.get("actor").asString()).isEqualTo("agent");
            assertThat(r.get("roles").toString()).isEqualTo("[\"AGENT\"]");
            assertThat(r.get("customerId").asString()).isEqualTo(customerId);
            assertThat(r.get("asOf").isNull()).isTrue();
            assertThat(r.get("instance").asString()).isEqualTo(instance.id());
        });
        assertThat(reads).extracting(r -> Instant.parse(r.get("readAt").asString())).isSortedAccordingTo(java.util.Comparator.reverseOrder());

        // Reading a customer's audit is recorded as a read of the customer: the three pages above, newest on top.
        JsonNode again = json(get("/api/audit/reads?customerId=" + customerId, "supervisor", 200));
        assertThat(again.get("reads")).extracting(r -> r.get("actor").asString() + " " + r.get("endpoint").asString())
                .containsExactly("supervisor GET /api/audit/reads", "supervisor GET /api/audit/reads", "supervisor GET /api/audit/reads",
                        "agent " + newestFirst.get(0), "agent " + newestFirst.get(1), "agent " + newestFirst.get(2),
                        "agent " + newestFirst.get(3), "agent " + newestFirst.get(4));
        assertThat(again.get("nextCursor").isNull()).isTrue();

        // Per user: what the agent read; a query by user alone names no customer and is not recorded.
        long before = jdbc.queryForObject("SELECT count(*) FROM read_audit", Long.class);
        JsonNode byAgent = json(get("/api/audit/reads?actor=agent", "supervisor", 200));
        assertThat(byAgent.get("reads")).extracting(r -> r.get("endpoint").asString()).containsExactlyElementsOf(newestFirst);
        assertThat(json(get("/api/audit/reads?actor=supervisor&limit=1", "supervisor", 200)).get("reads"))
                .singleElement().satisfies(r -> assertThat(r.get("endpoint").asString()).isEqualTo("GET /api/audit/reads"));
        assertThat(json(get("/api/audit/reads?actor=agent&customerId=" + UUID.randomUUID(), "supervisor", 200)).get("reads")).isEmpty();
        assertThat(json(get("/api/audit/reads?actor=nobody", "supervisor", 200)).get("reads")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_audit", Long.class)).as("only the query naming a customer")
                .isEqualTo(before + 1);
    }

    @Test
    void aCustomerMergedIntoAnotherHasTheSurvivorsReadsInItsAudit() throws Exception {
        // A second customer by phone, then a contact naming both: the later one is merged into this one.
        String phone = "+38640" + (100_000 + (int) (Math.random() * 899_999));
        publish(contact(Channel.PHONE, t0.plusSeconds(60)).setIdentifiers(CustomerIdentifiers.newBuilder().setPhone(phone).build()).build());
        String merged = awaitCustomer("phone", phone);
        get("/api/customers/" + merged + "/timeline", "agent", 200);
        publish(contact(Channel.CHAT, t0.plusSeconds(120))
                .setIdentifiers(CustomerIdentifiers.newBuilder().setPhone(phone).setEmail(email).build()).build());
        await().atMost(PATIENCE).until(() -> awaitCustomer("phone", phone).equals(customerId));
        get("/api/customers/" + customerId + "/timeline", "agent", 200);

        for (String asked : List.of(merged, customerId)) {
            assertThat(json(get("/api/audit/reads?actor=agent&customerId=" + asked, "supervisor", 200)).get("reads"))
                    .extracting(r -> r.get("customerId").asString()).as("the audit of " + asked).containsExactly(customerId, merged);
        }
    }

    @Test
    void aSubscriptionToACustomersLiveStreamIsARead() throws Exception {
        try (Stream<String> everyone = openStream("/api/stream"); Stream<String> theCustomer = openStream("/api/stream?customerId=" + customerId)) {
            await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT count(*) FROM read_audit", Long.class) > 0);
            assertThat(jdbc.queryForList("SELECT actor || ' ' || customer_id || ' ' || endpoint FROM read_audit", String.class))
                    .as("the stream of every customer names none").containsExactly("agent " + customerId + " GET /api/stream");
        }
    }

    @Test
    void theAuditQueryNeedsACustomerOrAUserAndValidParameters() throws Exception {
        assertThat(json(get("/api/audit/reads", "supervisor", 400)).get("detail").asString()).contains("customerId or actor");
        assertThat(json(get("/api/audit/reads?customerId=42", "supervisor", 400)).get("parameter").asString()).isEqualTo("customerId");
        assertThat(json(get("/api/audit/reads?actor=agent&limit=201", "supervisor", 400)).get("parameter").asString()).isEqualTo("limit");
        assertThat(json(get("/api/audit/reads?actor=agent&cursor=bm90LWEtY3Vyc29y", "supervisor", 400)).get("parameter").asString())
                .isEqualTo("cursor");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_audit", Long.class)).isZero();
    }

    private JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    /** A stream as the agent, open once its headers arrived; closing it ends the connection. */
    private Stream<String> openStream(String path) throws Exception {
        HttpResponse<Stream<String>> response = client.sendAsync(request(path, "agent").GET().build(), HttpResponse.BodyHandlers.ofLines())
                .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
