package io.omnirouter.history.followup;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.omnirouter.channel.Direction;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.history.HistoryIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The promise tracker (issue 14, item 6): a customer's promises, each kept, kept late, broken or pending on event time,
 * and the queues' counts of them made in the database by the same rule.
 */
class PromiseTrackerIT extends HistoryIntegrationTest {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final Instant t0 = now.minus(Duration.ofDays(3));
    private final String queue = "promises-" + UUID.randomUUID();
    private final String address = "promises-" + UUID.randomUUID() + "@example.com";
    private String customer;

    /**
     * Six promises: replies promised and sent on time, late and not at all; a callback after a missed call, made; the
     * summary of that call, confirmed in writing only by a later e-mail; and a reply promised for tomorrow.
     */
    @BeforeEach
    void promisesMadeKeptAndBroken() {
        promisedReply(t0, Duration.ofHours(1), Duration.ofMinutes(30));
        promisedReply(t0.plus(Duration.ofHours(2)), Duration.ofHours(1), Duration.ofHours(3));
        promisedReply(t0.plus(Duration.ofHours(6)), Duration.ofHours(1), null);
        publish(contact(Channel.PHONE, t0.plus(Duration.ofHours(8))).setIdentifiers(email(address)).setKind("CALL_MISSED")
                        .setCallOutcome("MISSED").setQueue(queue).build(),
                outbound(Channel.PHONE, t0.plus(Duration.ofHours(8)).plus(Duration.ofMinutes(10)), "phone:" + UUID.randomUUID(),
                        "CALL_ANSWERED").setCallOutcome("ANSWERED").setDurationSeconds(240).build());
        promisedReply(now.minus(Duration.ofHours(1)), Duration.ofDays(1).plus(Duration.ofHours(1)), null);
        customer = awaitCustomer("email", address);
    }

    @Test
    void eachPromiseIsKeptKeptLateBrokenOrPendingOnEventTime() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode promises = json(mvc.get().uri("/api/customers/{id}/promises", customer), 200);
            assertThat(outcomes(promises)).containsExactly(
                    "PROMISED_REPLY PENDING", "CALL_SUMMARY KEPT_LATE", "CALLBACK KEPT",
                    "PROMISED_REPLY BROKEN", "PROMISED_REPLY KEPT_LATE", "PROMISED_REPLY KEPT");
            assertThat(counts(promises.get("counts"))).isEqualTo(
                    Map.of("made", 6L, "kept", 2L, "keptLate", 2L, "broken", 1L, "pending", 1L, "withdrawn", 0L));
        });
        JsonNode promises = json(mvc.get().uri("/api/customers/{id}/promises", customer).param("limit", "2"), 200);
        assertThat(promises.get("promises")).as("the newest two listed").hasSize(2);
        assertThat(promises.get("counts").get("made").asLong()).as("all counted").isEqualTo(6);

        JsonNode kept = promises(customer).get("promises").get(5);
        assertThat(Instant.parse(kept.get("madeAt").asString())).isEqualTo(t0.plus(Duration.ofMinutes(1)));
        assertThat(Instant.parse(kept.get("dueAt").asString())).isEqualTo(t0.plus(Duration.ofHours(1)));
        assertThat(Instant.parse(kept.get("keptAt").asString())).isEqualTo(t0.plus(Duration.ofMinutes(30)));
        assertThat(kept.get("keptByContactId").isNull()).isFalse();
        JsonNode broken = promises(customer).get("promises").get(3);
        assertThat(broken.get("keptAt").isNull()).isTrue();
        JsonNode summary = promises(customer).get("promises").get(1);
        assertThat(summary.get("triggerChannel").asString()).as("the call it summarizes").isEqualTo("PHONE");
    }

    @Test
    void theQueuesCountTheirPromisesInTheDatabaseByTheSameRule() {
        await().atMost(PATIENCE).untilAsserted(() ->
                assertThat(promises(customer).get("counts").get("made").asLong()).isEqualTo(6));
        // Promises are counted in the queue holding them now: overdue ones escalated to another queue are counted there.
        Map<String, Long> expected = promises(customer).get("promises").valueStream()
                .filter(promise -> promise.get("queue").asString().equals(queue))
                .collect(Collectors.groupingBy(promise -> promise.get("outcome").asString(), Collectors.counting()));
        assertThat(expected).as("some stay in the queue they were made in").isNotEmpty();

        JsonNode tracker = json(mvc.get().uri("/api/promises").param("queue", queue)
                .param("from", t0.minus(Duration.ofHours(1)).toString()).param("until", now.plusSeconds(60).toString()), 200);

        assertThat(tracker.get("byQueueAndType").valueStream().map(row -> row.get("queue").asString())).containsOnly(queue);
        JsonNode counts = tracker.get("counts");
        assertThat(counts.get("kept").asLong()).isEqualTo(expected.getOrDefault("KEPT", 0L));
        assertThat(counts.get("keptLate").asLong()).isEqualTo(expected.getOrDefault("KEPT_LATE", 0L));
        assertThat(counts.get("broken").asLong()).isEqualTo(expected.getOrDefault("BROKEN", 0L));
        assertThat(counts.get("pending").asLong()).isEqualTo(expected.getOrDefault("PENDING", 0L));
        assertThat(counts.get("made").asLong()).isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());

        // Made before the period: not counted.
        JsonNode later = json(mvc.get().uri("/api/promises").param("queue", queue)
                .param("from", now.minus(Duration.ofHours(2)).toString()).param("until", now.plusSeconds(60).toString()), 200);
        assertThat(later.get("counts").get("made").asLong()).isEqualTo(expected.getOrDefault("PENDING", 0L));
    }

    @Test
    void badPeriodsLimitsAndUnknownCustomersAreProblems() {
        assertThat(json(mvc.get().uri("/api/promises").param("from", now.toString()).param("until", now.minusSeconds(1).toString()), 400)
                .get("detail").asString()).contains("before");
        json(mvc.get().uri("/api/promises").param("from", now.minus(Duration.ofDays(400)).toString()), 400);
        json(mvc.get().uri("/api/promises").param("until", "yesterday"), 400);
        json(mvc.get().uri("/api/customers/{id}/promises", customer).param("limit", "0"), 400);
        json(mvc.get().uri("/api/customers/{id}/promises", "not-a-uuid"), 400);
        json(mvc.get().uri("/api/customers/{id}/promises", UUID.randomUUID()), 404);
    }

    /**
     * The customer writes at {@code at}; an agent acknowledges a minute later, promising an answer {@code promisedIn}
     * after the e-mail, and answers {@code answeredIn} after it (null: never).
     */
    private void promisedReply(Instant at, Duration promisedIn, Duration answeredIn) {
        String thread = "email:<promise-" + UUID.randomUUID() + "@mail>";
        publish(contact(Channel.EMAIL, at).setIdentifiers(email(address)).setThreadKey(thread).setKind("EMAIL").setQueue(queue).build(),
                outbound(Channel.EMAIL, at.plus(Duration.ofMinutes(1)), thread, "EMAIL").setPromisedReplyBy(at.plus(promisedIn)).build());
        if (answeredIn != null) {
            publish(outbound(Channel.EMAIL, at.plus(answeredIn), thread, "EMAIL").build());
        }
    }

    private ContactEvent.Builder outbound(Channel channel, Instant at, String thread, String kind) {
        return contact(channel, at).setDirection(Direction.OUTBOUND).setIdentifiers(email(address)).setThreadKey(thread)
                .setKind(kind).setAgentId("alice").setQueue(queue);
    }

    private JsonNode promises(String customerId) {
        return json(mvc.get().uri("/api/customers/{id}/promises", customerId), 200);
    }

    private static java.util.List<String> outcomes(JsonNode promises) {
        return promises.get("promises").valueStream()
                .map(promise -> promise.get("type").asString() + " " + promise.get("outcome").asString()).toList();
    }

    private static Map<String, Long> counts(JsonNode counts) {
        return counts.propertyNames().stream().collect(Collectors.toMap(Function.identity(), name -> counts.get(name).asLong()));
    }
}
