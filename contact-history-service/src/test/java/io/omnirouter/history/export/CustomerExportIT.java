package io.omnirouter.history.export;

import static io.omnirouter.history.ContactEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.channel.ConsentChange;
import io.omnirouter.channel.ConsentPurpose;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.ContactEvents;
import io.omnirouter.history.HistoryIntegrationTest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The personal-data export (export/, docs/personal-data-export.md): for a customer with contacts on four channels, a
 * merge, notes, tasks and consents, the export holds what the profile, the timeline, the threads, the tasks, the notes
 * and the consents answer, field by field, so it cannot drop a field the API shows; only supervisors get it, and it is a
 * read in the audit.
 * Reads over HTTP as the local users; the setup writes as MockMvc's agent.
 */
class CustomerExportIT extends HistoryIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EXPORT = "GET /api/customers/{customerId}/export";

    @Autowired
    private JdbcTemplate jdbc;

    // Now, not a fixed date: the tasks stay open and due (not escalated by the clock while the test compares them).
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(300);
    private String email;
    private String phone;
    private String shopId;
    private String survivor;
    private String merged;
    /** Contact id → the text it was published with. */
    private final Map<String, String> texts = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * Two e-mails in one thread (one longer than the timeline's excerpt), a call of a second customer known by phone, a
     * chat naming both (the phone customer is merged into the e-mail one), an order by shop account that gives and
     * withdraws consents; a note on each
     * customer before the merge. Waits until every contact's tasks are derived.
     */
    @BeforeEach
    void aMergedCustomerWithContactsOnFourChannelsNotesAndTasks() {
        String token = UUID.randomUUID().toString().substring(0, 8);
        email = "exported-" + token + "@example.com";
        phone = "+38641" + (100_000 + (int) (Math.random() * 899_999));
        shopId = "S-export-" + token;
        String mailThread = "email:export-" + token;

        var first = contact(Channel.EMAIL, t0).setIdentifiers(ContactEvents.email(email)).setThreadKey(mailThread)
                .setSubject("Blender arrived broken").setText("The jug is cracked: " + ContactEvents.randomText(600)).build();
        var second = contact(Channel.EMAIL, t0.plusSeconds(30)).setIdentifiers(ContactEvents.email(email)).setThreadKey(mailThread)
                .setSubject("Re: Blender arrived broken").setText("Photos attached, order 5521.").build();
        publish(first, second);
        survivor = awaitCustomer("email", email);
        notes.add(write(survivor, "Offered a replacement, waiting for photos"));

        var call = contact(Channel.PHONE, t0.plusSeconds(60)).setIdentifiers(CustomerIdentifiers.newBuilder().setPhone(phone).build())
                .setCustomerName("Ana Novak").setText("Caller asked about the replacement").build();
        publish(call);
        merged = awaitCustomer("phone", phone);
        assertThat(merged).isNotEqualTo(survivor);
        notes.add(write(merged, "Prefers calls after 16:00"));

        var chat = contact(Channel.CHAT, t0.plusSeconds(120))
                .setIdentifiers(CustomerIdentifiers.newBuilder().setPhone(phone).setEmail(email).build())
                .setText("Is the replacement on its way?").build();
        var order = contact(Channel.WEBSHOP, t0.plusSeconds(180))
                .setIdentifiers(CustomerIdentifiers.newBuilder().setShopCustomerId(shopId).setEmail(email).build())
                .setSubject("Order 5530").setText("Replacement blender, no charge")
                .setConsents(List.of(new ConsentChange(ConsentPurpose.CONTACT_BY_EMAIL, true), new ConsentChange(ConsentPurpose.MARKETING_SURVEYS, false)))
                .build();
        publish(chat, order);
        for (var event : List.of(first, second, call, chat, order)) {
            texts.put(event.getContactId(), event.getText());
        }
        await().atMost(PATIENCE).until(() -> awaitCustomer("phone", phone).equals(survivor)
                && awaitCustomer("shopCustomerId", shopId).equals(survivor)
                && json(mvc.get().uri("/api/customers/{id}", survivor), 200).get("contactCount").asLong() == texts.size());
        // The tasks are derived by the poller after the contacts are stored: compared only once it is done.
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT count(*) FROM followup_pending", Long.class) == 0
                && !json(mvc.get().uri("/api/tasks").param("customerId", survivor), 200).get("tasks").isEmpty());
        jdbc.update("DELETE FROM read_audit");
    }

    @Test
    void aSupervisorsExportHoldsEverythingTheApiShowsAboutThePersonFieldByField() throws Exception {
        HttpResponse<String> response = get("/api/customers/" + survivor + "/export", "supervisor", 200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"customer-" + survivor + ".json\"");
        JsonNode export = json(response.body());

        assertThat(export.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(Instant.parse(export.get("exportedAt").asString())).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(export.get("customerId").asString()).isEqualTo(survivor);
        assertThat(export.get("mergedCustomerIds").valueStream().map(JsonNode::asString)).containsExactly(merged);

        // The profile as the profile endpoint answers it: identifiers with their shared marks, the merge, the counts.
        JsonNode profile = export.get("profile");
        assertThat(profile).isEqualTo(json(get("/api/customers/" + survivor, "supervisor", 200).body()));
        assertThat(profile.get("identifiers").valueStream().map(i -> i.get("type").asString() + " " + i.get("value").asString()))
                .containsExactlyInAnyOrder("EMAIL " + email, "PHONE " + phone, "SHOP_CUSTOMER_ID " + shopId);
        assertThat(profile.get("merges")).singleElement().satisfies(merge -> {
            assertThat(merge.get("mergedId").asString()).isEqualTo(merged);
            assertThat(merge.get("survivorId").asString()).isEqualTo(survivor);
            assertThat(merge.get("undone").asBoolean()).isFalse();
        });

        // Every contact with its whole text, oldest first.
        List<JsonNode> contacts = export.get("contacts").valueStream().toList();
        assertThat(contacts).extracting(c -> c.get("contactId").asString()).containsExactlyElementsOf(texts.keySet());
        assertThat(contacts).extracting(c -> c.get("text").asString()).containsExactlyElementsOf(texts.values());
        assertThat(contacts).extracting(c -> c.get("channel").asString()).containsExactly("EMAIL", "EMAIL", "PHONE", "CHAT", "WEBSHOP");

        // Against the timeline, every page: the same contacts (newest first there), every field the same but the
        // excerpt, which is the start of the text.
        List<JsonNode> timeline = timeline(survivor);
        List<String> newestFirst = new ArrayList<>(texts.keySet());
        java.util.Collections.reverse(newestFirst);
        assertThat(timeline).extracting(c -> c.get("contactId").asString()).containsExactlyElementsOf(newestFirst);
        Map<String, JsonNode> exported = byId(contacts, "contactId");
        for (JsonNode item : timeline) {
            JsonNode contact = exported.get(item.get("contactId").asString());
            for (String field : item.propertyNames()) {
                if (field.equals("textExcerpt")) {
                    assertThat(contact.get("text").asString()).startsWith(item.get(field).asString().replaceFirst("…$", ""));
                } else {
                    assertThat(contact.get(field)).as("contact field " + field).isEqualTo(item.get(field));
                }
            }
        }
        assertThat(timeline).anySatisfy(item -> assertThat(item.get("textExcerpt").asString()).endsWith("…"));
        // Against the threads: each contact exactly as its thread shows it.
        Set<String> threadKeys = new LinkedHashSet<>(contacts.stream().map(c -> c.get("threadKey").asString()).toList());
        assertThat(threadKeys).hasSize(texts.size() - 1);
        List<JsonNode> threads = new ArrayList<>();
        for (String threadKey : threadKeys) {
            threads.addAll(thread(survivor, threadKey));
        }
        assertThat(threads).hasSameSizeAs(contacts);
        threads.forEach(item -> assertThat(exported.get(item.get("contactId").asString())).isEqualTo(item));

        // Every task as GET /api/tasks?customerId= shows it.
        JsonNode tasks = json(get("/api/tasks?customerId=" + survivor, "supervisor", 200).body()).get("tasks");
        assertThat(tasks).isNotEmpty();
        Map<String, JsonNode> exportedTasks = byId(export.get("tasks").valueStream().toList(), "taskId");
        assertThat(exportedTasks.keySet()).containsExactlyInAnyOrderElementsOf(tasks.valueStream().map(t -> t.get("taskId").asString()).toList());
        for (JsonNode task : tasks) {
            JsonNode exportedTask = exportedTasks.get(task.get("taskId").asString());
            for (String field : task.propertyNames()) {
                assertThat(exportedTask.get(field)).as("task field " + field).isEqualTo(task.get(field));
            }
        }
        assertThat(export.get("tasks").valueStream().map(t -> t.get("triggerContactId").asString())).isSubsetOf(texts.keySet());

        // Every note, those written on the merged customer included, as the notes endpoint shows them.
        JsonNode shownNotes = json(get("/api/customers/" + survivor + "/notes", "supervisor", 200).body()).get("notes");
        assertThat(export.get("notes").valueStream().map(n -> n.get("text").asString())).containsExactlyElementsOf(notes);
        assertThat(export.get("notes").valueStream().toList()).containsExactlyInAnyOrderElementsOf(shownNotes.valueStream().toList());

        // The consents as the consents endpoint shows them: every purpose, the order's changes as they stand.
        JsonNode consents = export.get("consents");
        assertThat(consents).isEqualTo(json(get("/api/customers/" + survivor + "/consents", "supervisor", 200).body()).get("consents"));
        String orderContact = new ArrayList<>(texts.keySet()).get(texts.size() - 1);
        assertThat(consents.valueStream().map(c -> c.get("purpose").asString() + " " + c.get("state").asString()
                + " " + (c.get("contactId").isNull() ? "-" : c.get("contactId").asString()))).containsExactly(
                "MARKETING_SURVEYS WITHDRAWN " + orderContact, "THANK_YOU_MESSAGES UNKNOWN -", "CONTACT_BY_EMAIL GRANTED " + orderContact,
                "CONTACT_BY_PHONE UNKNOWN -", "CONTACT_BY_CHAT UNKNOWN -");

        assertThat(JSON.writeValueAsString(export)).doesNotContain("customersRead");
        assertThat(jdbc.queryForList("SELECT actor || ' ' || array_to_string(roles, ',') || ' ' || customer_id || ' ' || endpoint"
                + " FROM read_audit ORDER BY id LIMIT 1", String.class)).containsExactly("supervisor SUPERVISOR " + survivor + " " + EXPORT);
    }

    @Test
    void theIdOfTheMergedCustomerExportsTheCustomerItIsNowAndTheAuditNamesTheIdAskedFor() throws Exception {
        HttpResponse<String> response = get("/api/customers/" + merged + "/export", "supervisor", 200);
        JsonNode export = json(response.body());

        assertThat(export.get("customerId").asString()).isEqualTo(survivor);
        assertThat(response.headers().firstValue("Content-Location")).hasValue("/api/customers/" + survivor + "/export");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"customer-" + survivor + ".json\"");
        assertThat(export.get("contacts").valueStream().map(c -> c.get("contactId").asString())).containsExactlyElementsOf(texts.keySet());
        assertThat(jdbc.queryForList("SELECT customer_id || ' ' || endpoint FROM read_audit", String.class))
                .containsExactly(merged + " " + EXPORT);
        // The supervisor finds the export in the customer's audit.
        JsonNode reads = json(get("/api/audit/reads?customerId=" + survivor, "supervisor", 200).body()).get("reads");
        assertThat(reads.valueStream().map(r -> r.get("actor").asString() + " " + r.get("endpoint").asString())).contains("supervisor " + EXPORT);
    }

    @Test
    void onlySupervisorsGetItAndAFailedExportIsNoRead() throws Exception {
        get("/api/customers/" + survivor + "/export", "agent", 403);
        get("/api/customers/" + survivor + "/export", "ops", 403);
        JsonNode unknown = json(get("/api/customers/" + UUID.randomUUID() + "/export", "supervisor", 404).body());
        assertThat(unknown.get("title").asString()).isEqualTo("Customer not found");
        assertThat(json(get("/api/customers/not-a-uuid/export", "supervisor", 400).body()).get("parameter").asString())
                .isEqualTo("customerId");
        assertThat(json(get("/api/customers/" + survivor + "/export?asOf=" + URLEncoder.encode(t0.toString(), StandardCharsets.UTF_8),
                "supervisor", 400).body()).get("parameter").asString()).isEqualTo("asOf");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_audit", Long.class)).isZero();
        // The same export that may be made is recorded: the ones above failed for what they asked.
        get("/api/customers/" + survivor + "/export", "supervisor", 200);
        assertThat(jdbc.queryForList("SELECT endpoint FROM read_audit", String.class)).containsExactly(EXPORT);
    }

    private List<JsonNode> timeline(String customerId) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = json(get("/api/customers/" + customerId + "/timeline?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    "supervisor", 200).body());
            page.get("items").forEach(items::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).as("the timeline was read page by page").isGreaterThan(1);
        return items;
    }

    private List<JsonNode> thread(String customerId, String threadKey) throws Exception {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = json(get("/api/customers/" + customerId + "/threads/" + threadKey + "?limit=1"
                    + (cursor == null ? "" : "&cursor=" + cursor), "supervisor", 200).body());
            page.get("items").forEach(items::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        } while (cursor != null);
        return items;
    }

    private static Map<String, JsonNode> byId(List<JsonNode> nodes, String idField) {
        Map<String, JsonNode> byId = new HashMap<>();
        nodes.forEach(node -> assertThat(byId.put(node.get(idField).asString(), node)).as("one " + idField + " once").isNull());
        return byId;
    }

    /** Writes a note as MockMvc's agent; its text. */
    private String write(String customerId, String text) {
        json(mvc.post().uri("/api/customers/{id}/notes", customerId).contentType(MediaType.APPLICATION_JSON)
                .content(JSON.writeValueAsString(Map.of("text", text))), 201);
        return text;
    }

}
