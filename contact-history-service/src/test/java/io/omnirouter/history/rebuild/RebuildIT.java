package io.omnirouter.history.rebuild;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.emailTooLongForAnIndex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.channel.ConsentChange;
import io.omnirouter.channel.ConsentPurpose;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.followup.FollowUpTask;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.customer.IdentitySnapshot;
import io.omnirouter.history.customer.model.IdentityResolution;
import io.omnirouter.history.followup.FollowUpTopic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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

    /**
     * Contacts (merges, a shared switchboard, a contact the database refuses) and every kind of action (an unmerge, a
     * completion, an assignment, an absence, a note, a cleared shared identifier) give, after a rebuild from both
     * topics, byte-identical projections: every row of this story in every table the log derives, as PostgreSQL
     * prints it, and the same timelines through the API. The rebuild applies the actions after all the contacts, so
     * this also shows that what an action keeps does not depend on when it is applied. followup.tasks gets no version
     * from the rebuild: nothing it published before is published again.
     */
    @Test
    @WithMockUser(username = "sue", roles = {"AGENT", "SUPERVISOR", "OPS"})
    void aRebuildFromBothTopicsGivesByteIdenticalProjectionsAndPublishesNoTaskVersionAgain() {
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
        // Ana's order is delivered, then she withdraws her consent to surveys: the consent is on the contact (from the log,
        // like every column), the survey is cancelled, and the rebuild publishes no version of it again.
        events.add(contact(Channel.WEBSHOP, T0.plusSeconds(130)).setIdentifiers(ids(null, ana, null)).setKind("ORDER_DELIVERED")
                .setOrderId("o-" + token).setThreadKey("order:o-" + token).build());
        ContactEvent withdrawal = contact(Channel.WEBSHOP, T0.plusSeconds(140)).setIdentifiers(ids(null, ana, null))
                .setKind("CONSENT_CHANGED").setConsents(List.of(new ConsentChange(ConsentPurpose.MARKETING_SURVEYS, false))).build();
        events.add(withdrawal);
        // A shared switchboard: three shop accounts behind one number.
        String switchboard = "+3861" + digits(token) + "0";
        for (int employee = 0; employee < 3; employee++) {
            events.add(contact(Channel.WEBSHOP, T0.plusSeconds(300 + employee)).setIdentifiers(ids(switchboard, null, "shop-" + token + employee))
                    .build());
        }
        // A merge a supervisor undoes.
        String bob = "bob-" + token + "@example.com";
        String bobsPhone = "+38640" + digits(token);
        events.add(contact(Channel.EMAIL, T0.plusSeconds(600)).setIdentifiers(ids(null, bob, null)).build());
        events.add(contact(Channel.PHONE, T0.plusSeconds(660)).setIdentifiers(ids(bobsPhone, null, null)).build());
        events.add(contact(Channel.WEBSHOP, T0.plusSeconds(720)).setIdentifiers(ids(bobsPhone, bob, null)).build());
        events.add(contact(Channel.PHONE, T0.plusSeconds(780)).setIdentifiers(ids(bobsPhone, null, null)).build());
        // Cleo writes about two things: one reply an agent completes, one a supervisor assigns.
        String cleo = "cleo-" + token + "@example.com";
        events.add(contact(Channel.EMAIL, T0.plusSeconds(840)).setIdentifiers(ids(null, cleo, null)).setSubject("Invoice").build());
        events.add(contact(Channel.EMAIL, T0.plusSeconds(900)).setIdentifiers(ids(null, cleo, null)).setSubject("Delivery").build());
        // A contact PostgreSQL refuses to store (SQLState 54000): dead-lettered by live ingest, skipped by the rebuild.
        ContactEvent refused = contact(Channel.EMAIL, T0.plusSeconds(30)).setIdentifiers(ids(null, emailTooLongForAnIndex(), null)).build();
        publish(refused);
        publish(events.toArray(ContactEvent[]::new));
        List<UUID> contactIds = new ArrayList<>(events.stream().map(event -> UUID.fromString(event.getContactId())).toList());
        await().pollInSameThread().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT count(*) FROM contact WHERE contact_id = ANY (?)",
                Integer.class, (Object) contactIds.toArray(UUID[]::new)) == events.size());

        // The actions, through the API.
        String bobId = json(mvc.get().uri("/api/customers/lookup").param("email", bob), 200).get("customerId").asString();
        String mergeId = json(mvc.get().uri("/api/customers/{id}", bobId), 200).get("merges").get(0).get("mergeId").asString();
        json(mvc.post().uri("/api/customers/{id}/unmerge", bobId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"mergeId\":\"" + mergeId + "\"}"), 200);
        json(mvc.post().uri("/api/customers/{id}/notes", bobId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"Two customers after all: his wife orders on his phone\"}"), 201);
        awaitFollowUpsApplied(jdbc);
        String cleoId = json(mvc.get().uri("/api/customers/lookup").param("email", cleo), 200).get("customerId").asString();
        List<String> cleosTasks = new ArrayList<>();
        json(mvc.get().uri("/api/tasks").param("customerId", cleoId).param("status", "OPEN"), 200).get("tasks")
                .forEach(task -> cleosTasks.add(task.get("taskId").asString()));
        assertThat(cleosTasks).hasSize(2);
        json(mvc.post().uri("/api/tasks/{id}/complete", cleosTasks.get(0)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\":\"answered by phone\"}"), 200);
        json(mvc.post().uri("/api/tasks/{id}/assign", cleosTasks.get(1)).contentType(MediaType.APPLICATION_JSON)
                .content("{\"agent\":\"maja-" + token + "\"}"), 200);
        String absent = "agent-" + token;
        assertThat(mvc.put().uri("/api/agents/{id}/absence", absent).contentType(MediaType.APPLICATION_JSON)
                .content("{\"from\": \"2026-12-01T00:00:00Z\", \"until\": \"2026-12-08T00:00:00Z\", \"reason\": \"holiday\"}")
                .exchange()).hasStatus(204);
        String switchboardHolder = jdbc.queryForObject("SELECT customer_id::text FROM customer_identifier WHERE type = 'PHONE' AND value = ?",
                String.class, switchboard);
        json(mvc.post().uri("/api/customers/{id}/clear-shared-identifier", switchboardHolder).contentType(MediaType.APPLICATION_JSON)
                .content("{\"type\":\"PHONE\",\"value\":\"" + switchboard + "\",\"reason\":\"the holder's own line\"}"), 200);
        // After the clearing (in event time too), a call from the switchboard links to its holder again.
        ContactEvent afterClearing = contact(Channel.PHONE, Instant.now()).setIdentifiers(ids(switchboard, null, null)).build();
        publish(afterClearing);
        contactIds.add(UUID.fromString(afterClearing.getContactId()));
        // queryForList: until the contact is stored there is no row, and the wait goes on (queryForObject would throw).
        await().pollInSameThread().atMost(PATIENCE).until(() -> jdbc.queryForList(
                "SELECT customer_id::text FROM contact WHERE contact_id = ?::uuid", String.class, afterClearing.getContactId())
                .contains(switchboardHolder));
        awaitFollowUpsApplied(jdbc);

        Map<String, List<String>> before = projections(contactIds, mergeId, switchboard, absent);
        assertThat(jdbc.queryForObject("SELECT array_to_string(consents, ',') FROM contact WHERE contact_id = ?::uuid", String.class,
                withdrawal.getContactId())).isEqualTo("MARKETING_SURVEYS=false");
        assertThat(before.get("follow_up_decision")).as("a completion and an assignment").hasSize(2);
        assertThat(before.get("customer_note")).hasSize(1);
        assertThat(before.get("customer_unmerge")).hasSize(1);
        assertThat(before.get("identifier_sharing_cleared")).hasSize(1);
        assertThat(before.get("agent_absence")).hasSize(1);
        assertThat(before.get("follow_up_task")).as("the story's promises").hasSizeGreaterThan(3);
        IdentitySnapshot identityBefore = IdentitySnapshot.stored(jdbc, contactIds);
        assertThat(identityBefore.merges()).hasSize(1);
        Map<UUID, JsonNode> timelinesBefore = timelines(contactIds);
        Map<String, List<FollowUpTask>> publishedBefore = published(contactIds);
        // A row lost from a live table comes back from the log.
        jdbc.update("DELETE FROM customer_note WHERE customer_id = ?::uuid", bobId);

        List<String> contactIndexesBefore = contactIndexes();
        JsonNode started = json(mvc.post().uri("/api/ops/rebuild"), 202);
        assertThat(started.get("state").asString()).isEqualTo("RUNNING");
        await().pollInSameThread().atMost(Duration.ofSeconds(120)).until(() -> !json(mvc.get().uri("/api/ops/rebuild"), 200).get("state").asString().equals("RUNNING"));
        JsonNode status = json(mvc.get().uri("/api/ops/rebuild"), 200);

        assertThat(status.get("state").asString()).as("rebuild failure: %s", status.get("failure")).isEqualTo("SUCCEEDED");
        assertThat(status.get("contactsRecorded").asLong()).isGreaterThanOrEqualTo(contactIds.size());
        assertThat(status.get("actionsApplied").asLong()).isGreaterThanOrEqualTo(6);
        assertThat(status.get("recordsSkipped").asLong()).isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM contact WHERE contact_id = ?::uuid", Integer.class,
                refused.getContactId())).isZero();
        awaitFollowUpsApplied(jdbc);
        Map<String, List<String>> after = projections(contactIds, mergeId, switchboard, absent);
        for (String table : before.keySet()) {
            assertThat(after.get(table)).as("%s, row for row", table).isEqualTo(before.get(table));
        }
        assertThat(IdentitySnapshot.stored(jdbc, contactIds)).isEqualTo(identityBefore);
        assertThat(timelines(contactIds)).isEqualTo(timelinesBefore);
        assertThat(published(contactIds)).as("followup.tasks: every (task id, version) of the story, once, with one content")
                .isEqualTo(publishedBefore);
        assertThat(json(mvc.get().uri("/api/customers/{id}", bobId), 200).get("merges").get(0).get("undone").asBoolean()).isTrue();
        // The switched-in contact table has the live one's indexes, the search's among them (V37), copied from the catalog.
        assertThat(contactIndexes()).isEqualTo(contactIndexesBefore)
                .anyMatch(index -> index.startsWith("CREATE INDEX contact_customer_name_search_idx ON public.contact USING gin"))
                .anyMatch(index -> index.startsWith("CREATE INDEX contact_order_id_idx ON public.contact"));
        assertThat(json(mvc.get().uri("/api/customers/search").param("q", "o-" + token), 200).get("customers").get(0)
                .get("matchedBy").asString()).isEqualTo("ORDER_ID");

        // Live consumption resumed.
        String later = "later-" + token + "@example.com";
        publish(contact(Channel.EMAIL, T0.plusSeconds(960)).setIdentifiers(ids(null, later, null)).build());
        await().pollInSameThread().atMost(PATIENCE).until(() -> mvc.get().uri("/api/customers/lookup").param("email", later).exchange()
                .getResponse().getStatus() == 200);
    }

    /**
     * This story's rows of every table the log derives, each row as PostgreSQL prints it (every column), in a fixed
     * order. The database holds other tests' stories too, which the rebuild rebuilds as well.
     */
    private Map<String, List<String>> projections(List<UUID> contactIds, String mergeId, String switchboard, String absent) {
        UUID[] contacts = contactIds.toArray(UUID[]::new);
        UUID[] createdCustomers = contactIds.stream().map(IdentityResolution::newCustomerIdFor).toArray(UUID[]::new);
        Map<String, List<String>> rows = new LinkedHashMap<>();
        rows.put("customer", rows("customer t WHERE customer_id = ANY (?)", (Object) createdCustomers));
        rows.put("customer_identifier", rows("customer_identifier t WHERE customer_id = ANY (?)", (Object) createdCustomers));
        rows.put("customer_merge", rows("customer_merge t WHERE survivor_id = ANY (?) OR merged_id = ANY (?)", createdCustomers, createdCustomers));
        rows.put("customer_unmerge", rows("customer_unmerge t WHERE merge_id = ?::uuid", mergeId));
        rows.put("identifier_sharing_cleared", rows("identifier_sharing_cleared t WHERE value = ?", switchboard));
        rows.put("contact", rows("contact t WHERE contact_id = ANY (?)", (Object) contacts));
        rows.put("follow_up_decision", rows("follow_up_decision t WHERE trigger_contact_id = ANY (?)", (Object) contacts));
        rows.put("customer_note", rows("customer_note t WHERE customer_id = ANY (?)", (Object) createdCustomers));
        rows.put("agent_absence", rows("agent_absence t WHERE agent_id = ?", absent));
        rows.put("follow_up_task", rows("follow_up_task t WHERE trigger_contact_id = ANY (?)", (Object) contacts));
        return rows;
    }

    private List<String> contactIndexes() {
        return jdbc.queryForList("SELECT pg_get_indexdef(indexrelid) FROM pg_index WHERE indrelid = 'public.contact'::regclass"
                + " ORDER BY 1", String.class);
    }

    private List<String> rows(String from, Object... args) {
        return jdbc.queryForList("SELECT t::text FROM " + from + " ORDER BY t::text", String.class, args);
    }

    /** Every version of the story's tasks on followup.tasks, by "task id/version": each with every content it was published with. */
    private Map<String, List<FollowUpTask>> published(List<UUID> contactIds) {
        UUID[] ids = contactIds.toArray(UUID[]::new);
        Set<String> taskIds = new HashSet<>(jdbc.queryForList("SELECT task_id::text FROM follow_up_task WHERE trigger_contact_id = ANY (?)"
                + " UNION SELECT task_id::text FROM follow_up_cancelled_task WHERE trigger_contact_id = ANY (?)", String.class, ids, ids));
        Map<String, List<FollowUpTask>> versions = new TreeMap<>();
        try (FollowUpTopic topic = new FollowUpTopic()) {
            for (FollowUpTask version : topic.upToTheEnd()) {
                if (taskIds.contains(version.getTaskId().toString())) {
                    versions.computeIfAbsent(version.getTaskId() + "/" + version.getVersion(), key -> new ArrayList<>()).add(version);
                }
            }
        }
        return versions;
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
