package io.omnirouter.history.shared.asof;

import static io.omnirouter.history.ContactEvents.contact;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.contact.CustomerIdentifiers;
import io.omnirouter.history.HistoryIntegrationTest;
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

/**
 * "What did the agent see at 10:32?": at instants T1…T5 of a story (a customer, a merge, a note, the merge's undoing, a
 * completed task) the test records what the API answered; asked afterwards with {@code ?asOf=T1…T5}, the API answers exactly
 * that, for the profile, the timeline, the thread, the customer's tasks and notes.
 */
class AsOfIT extends HistoryIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-07-01T09:00:00Z");

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    @WithMockUser(roles = {"AGENT", "SUPERVISOR"})
    void answersAsOfPastInstantsEqualWhatTheApiAnsweredThenMergesNotesUnmergesAndCompletionsIncluded() {
        String token = UUID.randomUUID().toString().substring(0, 8);
        String email = "asof-" + token + "@example.com";
        String phone = "+38651" + String.format("%06d", Math.abs(token.hashCode()) % 1_000_000);
        List<Map<String, JsonNode>> answered = new ArrayList<>();
        List<Instant> instants = new ArrayList<>();

        ContactEvent mail = contact(Channel.EMAIL, T0).setIdentifiers(ids(null, email)).build();
        publish(mail);
        String customerId = awaitCustomer("email", email);
        String threadKey = mail.getThreadKey();
        record(answered, instants, customerId, threadKey);

        // A call from her phone, then an order with both: the two customers merge.
        publish(contact(Channel.PHONE, T0.plusSeconds(60)).setIdentifiers(ids(phone, null)).build());
        publish(contact(Channel.WEBSHOP, T0.plusSeconds(120)).setIdentifiers(ids(phone, email)).build());
        await().atMost(PATIENCE).until(() -> json(mvc.get().uri("/api/customers/{id}", customerId), 200).get("contactCount").asLong() == 3);
        record(answered, instants, customerId, threadKey);

        // An agent notes what the customer said.
        json(mvc.post().uri("/api/customers/{id}/notes", customerId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"text\":\"Asked twice about her order\"}"), 201);
        record(answered, instants, customerId, threadKey);

        // The supervisor undoes the merge.
        String mergeId = json(mvc.get().uri("/api/customers/{id}", customerId), 200).get("merges").get(0).get("mergeId").asString();
        json(mvc.post().uri("/api/customers/{id}/unmerge", customerId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"mergeId\":\"" + mergeId + "\"}"), 200);
        record(answered, instants, customerId, threadKey);

        // The agent completes her reply task.
        String taskId = json(mvc.get().uri("/api/tasks").param("customerId", customerId).param("status", "OPEN"), 200)
                .get("tasks").get(0).get("taskId").asString();
        json(mvc.post().uri("/api/tasks/{id}/complete", taskId), 200);
        record(answered, instants, customerId, threadKey);

        assertThat(answered.get(1).get("profile").get("contactCount").asLong()).isEqualTo(3);
        assertThat(answered.get(1).get("notes").get("notes")).isEmpty();
        assertThat(answered.get(2).get("notes").get("notes")).hasSize(1);
        assertThat(answered.get(3).get("profile").get("merges").get(0).get("undone").asBoolean()).isTrue();
        for (int i = 0; i < instants.size(); i++) {
            Map<String, JsonNode> then = read(customerId, threadKey, instants.get(i).toString());
            assertThat(then).as("the answers as of T%d (%s)", i + 1, instants.get(i)).isEqualTo(answered.get(i));
        }
        // Before the merge, the phone's customer had not even been created by the call yet.
        assertThat(json(mvc.get().uri("/api/customers/{id}/timeline", customerId).param("asOf", instants.get(0).toString()), 200)
                .get("items")).hasSize(1);
    }

    @Test
    @WithMockUser(roles = "AGENT")
    void anAsOfInTheFutureBeforeTheHistoryOrMalformedIsAProblem400() {
        String customerId = UUID.randomUUID().toString();
        for (String asOf : List.of(Instant.now().plusSeconds(3600).toString(), "1999-01-01T00:00:00Z", "yesterday")) {
            assertThat(mvc.get().uri("/api/customers/{id}", customerId).param("asOf", asOf).exchange()).hasStatus(400)
                    .hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    /** Waits until nothing is left for the follow-up, then records the instant and what the API answers at it. */
    private void record(List<Map<String, JsonNode>> answered, List<Instant> instants, String customerId, String threadKey) {
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT count(*) FROM followup_pending", Long.class) == 0);
        instants.add(Instant.now());
        answered.add(read(customerId, threadKey, null));
    }

    private Map<String, JsonNode> read(String customerId, String threadKey, String asOf) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        answers.put("profile", json(withAsOf(mvc.get().uri("/api/customers/{id}", customerId), asOf), 200));
        answers.put("timeline", json(withAsOf(mvc.get().uri("/api/customers/{id}/timeline", customerId), asOf), 200));
        answers.put("thread", json(withAsOf(mvc.get().uri("/api/customers/{id}/threads/{key}", customerId, threadKey), asOf), 200));
        answers.put("tasks", json(withAsOf(mvc.get().uri("/api/tasks").param("customerId", customerId), asOf), 200));
        answers.put("notes", json(withAsOf(mvc.get().uri("/api/customers/{id}/notes", customerId), asOf), 200));
        return answers;
    }

    private static org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder withAsOf(
            org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder request, String asOf) {
        return asOf == null ? request : request.param("asOf", asOf);
    }

    private static CustomerIdentifiers ids(String phone, String email) {
        return CustomerIdentifiers.newBuilder().setPhone(phone).setEmail(email).build();
    }
}
