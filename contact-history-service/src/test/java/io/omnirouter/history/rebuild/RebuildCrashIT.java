package io.omnirouter.history.rebuild;

import static io.omnirouter.history.ContactEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.customer.IdentitySnapshot;
import io.omnirouter.testing.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.JsonNode;

/**
 * A rebuild whose instance is killed with {@code kill -9} half-way: another instance resumes it from its saved
 * progress and finishes it, while the API keeps serving the old history, never a mix. Instance A is a real process
 * from the built jar, started with a small batch so that its rebuild takes a while; instance B is this test's service
 * context, on the same database and topics (A consumes in its own groups).
 */
class RebuildCrashIT extends HistoryIntegrationTest {

    private static final String INSTANCE_A = "rebuild-crash-a";
    private static final int CONTACTS = 1_500;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    @WithMockUser(roles = "OPS")
    void aRebuildKilledHalfWayIsResumedByAnotherInstanceAndFinishesWhileTheApiServesTheOldHistory() throws Exception {
        String token = UUID.randomUUID().toString().substring(0, 8);
        Instant t0 = Instant.parse("2026-06-01T08:00:00Z");
        // Pairs share an e-mail address and triples a phone number: customers merge across the whole story, and the
        // protection marks identifiers shared on the way, so the identity state has every kind of row.
        List<ContactEvent> events = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            CustomerIdentifiers ids = CustomerIdentifiers.newBuilder().setEmail("crash-" + token + "-" + (i / 2) + "@example.com")
                    .setPhone("+38631" + String.format("%06d", Math.abs(token.hashCode() % 1000) * 1000 + i / 3)).build();
            events.add(contact(i % 2 == 0 ? Channel.EMAIL : Channel.PHONE, t0.plusSeconds(i)).setIdentifiers(ids).build());
        }
        List<UUID> contactIds = events.stream().map(event -> UUID.fromString(event.getContactId())).toList();
        publish(events.toArray(ContactEvent[]::new));
        await().atMost(Duration.ofMinutes(2)).until(() -> storedOf(contactIds) == CONTACTS && pendingFollowUps() == 0);
        IdentitySnapshot before = IdentitySnapshot.stored(jdbc, contactIds);
        String someone = jdbc.queryForObject("SELECT customer_id::text FROM contact WHERE contact_id = ?", String.class, contactIds.get(0));
        JsonNode profileBefore = json(mvc.get().uri("/api/customers/{id}", someone), 200);

        Map<String, String> properties = new HashMap<>(ServiceProcess.realInfrastructureProperties());
        properties.put("omnirouter.instance.id", INSTANCE_A);
        properties.put("omnirouter.security.local-password", "rebuild-crash-" + token);
        properties.put("omnirouter.history.rebuild.batch-size", "10");
        // A consumes in groups of its own, from their end: killed, it holds none of B's partitions until its session
        // times out, so the tests after this one find B consuming everything.
        properties.put("spring.kafka.consumer.group-id", "rebuild-crash-" + token);
        properties.put("spring.kafka.consumer.auto-offset-reset", "latest");
        List<String> mixes = new CopyOnWriteArrayList<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            // What the API and the tables show while the rebuild runs: the old history, whole, at every look.
            while (watching.get()) {
                long stored = storedOf(contactIds);
                if (stored != CONTACTS) {
                    mixes.add(stored + " of the story's contacts stored");
                }
                // Paces the sampling (a look every 20 ms); nothing waits on it.
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
        }, "rebuild-crash-watcher");
        try (ServiceProcess a = ServiceProcess.start("contact-history-service", properties)) {
            watcher.start();
            HttpResponse<String> started = post(a, "/api/ops/rebuild", "ops:rebuild-crash-" + token);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);

            await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50)).until(() -> {
                JsonNode status = status();
                return status.get("recordsRead").asLong() > 0;
            });
            JsonNode beforeTheKill = status();
            assertThat(beforeTheKill.get("state").asString()).isEqualTo("RUNNING");
            assertThat(beforeTheKill.get("runningOn").asString()).isEqualTo(INSTANCE_A);
            a.kill();
        }

        await().atMost(Duration.ofMinutes(3)).until(() -> !status().get("state").asString().equals("RUNNING"));
        watching.set(false);
        watcher.join();
        JsonNode after = status();
        assertThat(after.get("state").asString()).as("failure: %s", after.get("failure")).isEqualTo("SUCCEEDED");
        assertThat(after.get("runningOn").asString()).isNotEqualTo(INSTANCE_A);
        assertThat(after.get("resumptions").asInt()).isOne();
        assertThat(after.get("contactsRecorded").asLong()).isGreaterThanOrEqualTo(CONTACTS);
        assertThat(mixes).as("what readers saw during the rebuild").isEmpty();
        assertThat(IdentitySnapshot.stored(jdbc, contactIds)).isEqualTo(before);
        assertThat(json(mvc.get().uri("/api/customers/{id}", someone), 200)).isEqualTo(profileBefore);
        // Dropped right after the status says SUCCEEDED (RebuildingHistory), so a reader may look in between.
        await("the shadow and the replaced tables are dropped").atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM pg_namespace WHERE nspname IN ('rebuild', 'rebuild_retired')", Integer.class) == 0);
    }

    private JsonNode status() {
        return json(mvc.get().uri("/api/ops/rebuild"), 200);
    }

    private long storedOf(List<UUID> contactIds) {
        return jdbc.queryForObject("SELECT count(*) FROM contact WHERE contact_id = ANY (?)", Long.class,
                (Object) contactIds.toArray(UUID[]::new));
    }

    private long pendingFollowUps() {
        return jdbc.queryForObject("SELECT count(*) FROM followup_pending", Long.class);
    }

    private static HttpResponse<String> post(ServiceProcess service, String path, String credentials) throws Exception {
        String basic = Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
