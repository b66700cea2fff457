package io.omnirouter.history.followup;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import io.omnirouter.history.HistoryIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.JsonNode;

/**
 * An agent's own work (issue 14, item 3): GET /api/tasks?assignee=me&status=OPEN&order=DUE, overdue first, in
 * cursor pages; claiming a task, handing it to a colleague, giving it back to its queue (TaskReleased on agent.actions).
 */
@WithMockUser(username = "dana", roles = "AGENT")
class MyWorkIT extends HistoryIntegrationTest {

    @Test
    void myWorkIsMyOpenTasksOverdueFirstThenByTimeLeftInCursorPages() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // Thank-you tasks are due a day after the review: one overdue, one due in 19 h, one in 23 h; and one of bob's.
        String overdue = thankYouTask(now.minus(Duration.ofDays(2)));
        String in23h = thankYouTask(now.minus(Duration.ofHours(1)));
        String in19h = thankYouTask(now.minus(Duration.ofHours(5)));
        String bobs = thankYouTask(now.minus(Duration.ofHours(3)));
        for (String mine : List.of(in23h, overdue, in19h)) {
            assertThat(json(mvc.post().uri("/api/tasks/{id}/claim", mine), 200).get("assignee").asString()).isEqualTo("dana");
        }
        assign(bobs, "bob", 200);

        JsonNode first = myWork(null);
        assertThat(ids(first)).containsExactly(overdue, in19h);
        assertThat(first.get("tasks").get(0).get("overdue").asBoolean()).isTrue();
        assertThat(first.get("tasks").get(1).get("overdue").asBoolean()).isFalse();
        JsonNode second = myWork(first.get("nextCursor").asString());
        assertThat(ids(second)).containsExactly(in23h);
        assertThat(second.get("nextCursor").isNull()).as("the last page").isTrue();

        // The same list by the agent's id, newest first by default.
        JsonNode byName = json(mvc.get().uri("/api/tasks").param("assignee", "dana").param("status", "OPEN"), 200);
        assertThat(ids(byName)).containsExactly(in23h, in19h, overdue);
    }

    @Test
    void aClaimedTaskHandedToAColleagueAndGivenBackIsInItsQueueForAnyoneAndCannotBeGivenBackTwice() {
        String task = thankYouTask(Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1)));
        json(mvc.post().uri("/api/tasks/{id}/claim", task), 200);
        JsonNode handedOver = assign(task, "bob", 200);
        assertThat(handedOver.get("assignee").asString()).isEqualTo("bob");

        JsonNode back = json(mvc.post().uri("/api/tasks/{id}/release", task).contentType(MediaType.APPLICATION_JSON)
                .content("{\"reason\": \"bob is on leave\"}"), 200);

        assertThat(back.get("assignee").isNull()).isTrue();
        assertThat(back.get("status").asString()).isEqualTo("OPEN");
        assertThat(back.get("changeReason").asString()).contains("back to queue", "dana");
        assertThat(ids(json(mvc.get().uri("/api/tasks").param("assignee", "none").param("status", "OPEN"), 200))).contains(task);
        assertThat(ids(json(mvc.get().uri("/api/tasks").param("assignee", "bob").param("status", "OPEN"), 200))).doesNotContain(task);
        JsonNode twice = json(mvc.post().uri("/api/tasks/{id}/release", task), 409);
        assertThat(twice.get("title").asString()).isEqualTo("Task already in its queue");
        json(mvc.post().uri("/api/tasks/{id}/release", UUID.randomUUID()), 404);
        json(mvc.post().uri("/api/tasks/{id}/claim", UUID.randomUUID()), 404);

        // Claimed again from the queue; once completed it can be neither claimed nor given back.
        json(mvc.post().uri("/api/tasks/{id}/claim", task), 200);
        json(mvc.post().uri("/api/tasks/{id}/complete", task), 200);
        assertThat(json(mvc.post().uri("/api/tasks/{id}/claim", task), 409).get("title").asString()).isEqualTo("Task not open");
        json(mvc.post().uri("/api/tasks/{id}/release", task), 409);
    }

    @Test
    void aCursorOfAnotherOrderAMadeUpCursorAndAnUnknownOrderAreBadRequests() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        thankYouTask(now.minus(Duration.ofHours(1)));
        thankYouTask(now.minus(Duration.ofHours(2)));
        String newestCursor = json(mvc.get().uri("/api/tasks").param("limit", "1"), 200).get("nextCursor").asString();

        JsonNode mixed = json(mvc.get().uri("/api/tasks").param("order", "DUE").param("cursor", newestCursor), 400);
        assertThat(mixed.get("detail").asString()).contains("order NEWEST");
        json(mvc.get().uri("/api/tasks").param("cursor", "bm90LWEtY3Vyc29y"), 400);
        json(mvc.get().uri("/api/tasks").param("order", "SOONEST"), 400);
    }

    /** A review written at {@code at} opens a THANK_YOU task due a day later: its id. */
    private String thankYouTask(Instant at) {
        String address = "work-" + UUID.randomUUID() + "@example.com";
        publish(contact(Channel.WEBSHOP, at).setIdentifiers(email(address)).setKind("REVIEW_SUBMITTED").setRating(5)
                .setThreadKey("review:" + UUID.randomUUID()).build());
        String customer = awaitCustomer("email", address);
        String[] id = new String[1];
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode tasks = json(mvc.get().uri("/api/tasks").param("customerId", customer).param("type", "THANK_YOU"), 200).get("tasks");
            assertThat(tasks).hasSize(1);
            id[0] = tasks.get(0).get("taskId").asString();
        });
        return id[0];
    }

    private JsonNode myWork(String cursor) {
        var request = mvc.get().uri("/api/tasks").param("assignee", "me").param("status", "OPEN").param("order", "DUE").param("limit", "2");
        return json(cursor == null ? request : request.param("cursor", cursor), 200);
    }

    private JsonNode assign(String taskId, String agent, int status) {
        return json(mvc.post().uri("/api/tasks/{id}/assign", taskId).contentType(MediaType.APPLICATION_JSON)
                .content("{\"agent\": \"" + agent + "\"}"), status);
    }

    private static List<String> ids(JsonNode page) {
        return page.get("tasks").valueStream().map(task -> task.get("taskId").asString()).toList();
    }
}
