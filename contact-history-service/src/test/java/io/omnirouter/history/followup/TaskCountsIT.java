package io.omnirouter.history.followup;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.history.HistoryIntegrationTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import tools.jackson.databind.JsonNode;

/**
 * The queues' counts are the database's: with more open tasks in a queue than a page of GET /api/tasks holds, the
 * counts still say how many there are (the console showed the count of a page before).
 */
class TaskCountsIT extends HistoryIntegrationTest {

    private static final int TASKS = 130;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    @WithMockUser(roles = "SUPERVISOR")
    void aQueueWithMoreOpenTasksThanAPageIsCountedWhole() {
        String token = UUID.randomUUID().toString().substring(0, 8);
        String queue = "bulk-" + token;
        // Written now: each opens a reply task that is not yet due (an overdue one would escalate to another queue).
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        publish(IntStream.range(0, TASKS).mapToObj(i -> contact(Channel.EMAIL, now.minusSeconds(i))
                .setIdentifiers(email("bulk-" + token + "-" + i + "@example.com")).setQueue(queue).build()).toArray(ContactEvent[]::new));
        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT count(*) FROM follow_up_task WHERE queue = ? AND status = 'OPEN'",
                Integer.class, queue) == TASKS);

        JsonNode counts = json(mvc.get().uri("/api/tasks/counts"), 200);
        JsonNode ours = StreamSupport.stream(counts.get("byTypeAndQueue").spliterator(), false)
                .filter(row -> row.get("queue").asString().equals(queue)).reduce((a, b) -> {
                    throw new AssertionError("one task type expected in " + queue + ": " + a + ", " + b);
                }).orElseThrow();
        assertThat(ours.get("open").asLong()).isEqualTo(TASKS);
        assertThat(ours.get("overdue").asLong()).isZero();
        long open = StreamSupport.stream(counts.get("byTypeAndQueue").spliterator(), false).mapToLong(row -> row.get("open").asLong()).sum();
        assertThat(counts.get("open").asLong()).as("the total is the rows' sum").isEqualTo(open).isGreaterThanOrEqualTo(TASKS);

        JsonNode page = json(mvc.get().uri("/api/tasks").param("queue", queue).param("status", "OPEN"), 200);
        assertThat(page.get("tasks").size()).as("a page holds fewer than the queue has").isLessThan(TASKS);
    }
}
