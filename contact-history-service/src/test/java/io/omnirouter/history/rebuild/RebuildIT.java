package io.omnirouter.history.rebuild;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.emailTooLongForAnIndex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.customer.IdentitySnapshot;
import io.omnirouter.history.customer.model.IdentityResolution;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.JsonNode;

class RebuildIT extends HistoryIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-05-04T08:00:00Z");

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    @WithMockUser(roles = {"SUPERVISOR", "OPS"})
    void aRebuildFromOffsetZeroGivesTheSameCustomersMergesAndTimelines() {
        String token = UUID.randomUUID().toString().substring(0, 8);
        List<ContactEvent> events = new ArrayList<>();
        // A merge: an email customer and a phone customer linked by an order.
        String ana = "ana-" + token + "@example.com";
        events.add(contact(Channel.EMAIL, T0).setIdentifiers(ids(null, ana, null)).build());
        // Ana's email is answered late (after the clock escalated it), so a task closes with escalations behind it.
        events.add(contact(Channel.EMAIL, T0.plus(Duration.ofHours(7))).setDirection(io.omnirouter.channel.Direction.OUTBOUND)
                .setAgentId("agent-1").setThreadKey(events.get(0).getThreadKey()).setIdentifiers(ids(null, ana, null)).build());
        events.add(contact(Channel.PHONE, T0.plusSeconds(60)).setIdentifiers(ids("+38641" + digits(token), null, null)).build());
        events.add(contact(Channel.WEBSHOP, T0.plusSeconds(120)).setIdentifiers(ids("+38641" + digits(token), ana, null)).build());
        // A shared switchboard: three shop accounts behind one number.
        String switchboard = "+3861" + digits(token) + "0";
        for (int employee = 0; employee < 3; employee++) {
            events.add(contact(Channel.WEBSHOP, T0.plusSeconds(300 + employee)).setIdentifiers(ids(switchboard, null, "shop-" + token + employee))
                    .build());
        }
        // A merge a supervisor undoes: the decision must survive the rebuild.
        String bob = "bob-" + token + "@example.com";
        String bobsPhone = "+38640" + digits(token);
        events.add(contact(Channel.EMAIL, T0.plusSeconds(600)).setIdentifiers(ids(null, bob, null)).build());
        events.add(contact(Channel.PHONE, T0.plusSeconds(660)).setIdentifiers(ids(bobsPhone, null, null)).build());
        events.add(contact(Channel.WEBSHOP, T0.plusSeconds(720)).setIdentifiers(ids(bobsPhone, bob, null)).build());
        events.add(contact(Channel.PHONE, T0.plusSeconds(780)).setIdentifiers(ids(bobsPhone, null, null)).build());
        List<UUID> contactIds = events.stream().map(event -> UUID.fromString(event.getContactId())).toList();
        // A contact PostgreSQL refuses to store (SQLState 54000): dead-lettered by live ingest, skipped by the rebuild.
        ContactEvent refused = contact(Channel.EMAIL, T0.plusSeconds(30)).setIdentifiers(ids(null, emailTooLongForAnIndex(), null)).build();
        publish(refused);
        publish(events.toArray(ContactEvent[]::new));
        await().pollInSameThread().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT count(*) FROM contact", Integer.class) == events.size());
        String bobId = json(mvc.get().uri("/api/customers/lookup").param("email", bob), 200).get("customerId").asString();
        String mergeId = json(mvc.get().uri("/api/customers/{id}", bobId), 200).get("merges").get(0).get("mergeId").asString();
        json(mvc.post().uri("/api/customers/{id}/unmerge", bobId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"mergeId\":\"" + mergeId + "\"}"), 200);

        awaitFollowUpsApplied();
        List<Map<String, Object>> tasksBefore = tasks(contactIds);
        assertThat(tasksBefore).as("the story's promises").isNotEmpty();
        IdentitySnapshot before = IdentitySnapshot.stored(jdbc, contactIds);
        Map<UUID, JsonNode> timelinesBefore = timelines(contactIds);
        assertThat(before.merges()).hasSize(1);
        assertThat(before.identifiers()).anyMatch(row -> row.startsWith("PHONE:" + switchboard) && row.endsWith("shared=true"));

        JsonNode started = json(mvc.post().uri("/api/ops/rebuild"), 202);
        assertThat(started.get("state").asString()).isEqualTo("RUNNING");
        await().pollInSameThread().atMost(Duration.ofSeconds(120)).until(() -> !json(mvc.get().uri("/api/ops/rebuild"), 200).get("state").asString().equals("RUNNING"));
        JsonNode status = json(mvc.get().uri("/api/ops/rebuild"), 200);

        assertThat(status.get("state").asString()).as("rebuild failure: %s", status.get("failure")).isEqualTo("SUCCEEDED");
        assertThat(status.get("contactsRecorded").asLong()).isGreaterThanOrEqualTo(events.size());
        assertThat(status.get("recordsSkipped").asLong()).isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM contact WHERE contact_id = ?::uuid", Integer.class,
                refused.getContactId())).isZero();
        assertThat(IdentitySnapshot.stored(jdbc, contactIds)).isEqualTo(before);
        assertThat(timelines(contactIds)).isEqualTo(timelinesBefore);
        awaitFollowUpsApplied();
        assertThat(tasks(contactIds)).as("follow-up tasks re-derived from the log").isEqualTo(tasksBefore);
        JsonNode bobAfter = json(mvc.get().uri("/api/customers/{id}", bobId), 200);
        assertThat(bobAfter.get("merges").get(0).get("undone").asBoolean()).isTrue();

        // Live consumption resumed.
        String later = "later-" + token + "@example.com";
        publish(contact(Channel.EMAIL, T0.plusSeconds(900)).setIdentifiers(ids(null, later, null)).build());
        await().pollInSameThread().atMost(PATIENCE).until(() -> mvc.get().uri("/api/customers/lookup").param("email", later).exchange()
                .getResponse().getStatus() == 200);
    }

    /** Every contact has been through the follow-up rules and no task is waiting for the clock. */
    private void awaitFollowUpsApplied() {
        await().pollInSameThread().atMost(PATIENCE).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM followup_pending", Integer.class) == 0
                && jdbc.queryForObject("SELECT count(*) FROM follow_up_task WHERE status = 'OPEN' AND next_escalation_at <= now()",
                Integer.class) == 0);
    }

    /**
     * The tasks this test's contacts triggered, every column the log decides (all but the clock's next due time).
     * The topic also holds other tests' contacts, which the rebuild re-records too.
     */
    private List<Map<String, Object>> tasks(List<UUID> contactIds) {
        return jdbc.queryForList("SELECT task_id, version, customer_id, type, status, trigger_contact_id, thread_key, "
                + "created_at, due_at, priority, queue, escalation_tier, assignee, closed_at, closed_by_contact_id, "
                + "closed_late, changed_at, change_reason FROM follow_up_task WHERE trigger_contact_id = ANY (?) ORDER BY task_id",
                (Object) contactIds.toArray(UUID[]::new));
    }

    /** Every standing customer's whole timeline, by customer. */
    private Map<UUID, JsonNode> timelines(List<UUID> contactIds) {
        Map<UUID, JsonNode> timelines = new LinkedHashMap<>();
        for (UUID contactId : contactIds) {
            UUID created = IdentityResolution.newCustomerIdFor(contactId);
            var result = mvc.get().uri("/api/customers/{id}", created).exchange();
            if (result.getResponse().getStatus() == 200 && !result.getResponse().containsHeader("Content-Location")) {
                timelines.put(created, json(mvc.get().uri("/api/customers/{id}/timeline", created).param("limit", "200"), 200));
            }
        }
        return timelines;
    }

    private static CustomerIdentifiers ids(String phone, String email, String shopCustomerId) {
        return CustomerIdentifiers.newBuilder().setPhone(phone).setEmail(email).setShopCustomerId(shopCustomerId).build();
    }

    /** Six digits from the token, for phone numbers of this run. */
    private static String digits(String token) {
        return String.format("%06d", Math.floorMod(token.hashCode(), 1_000_000));
    }
}
