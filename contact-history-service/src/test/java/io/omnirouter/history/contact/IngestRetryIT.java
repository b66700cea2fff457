package io.omnirouter.history.contact;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.history.HistoryIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class IngestRetryIT extends HistoryIntegrationTest {

    private static final String FAILED_ATTEMPTS = "omnirouter.history.ingest.failed.attempts";

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MeterRegistry meters;

    @Test
    void aDatabaseFailureIsRetriedUntilItPassesAndNothingIsDeadLettered() {
        String address = "retry-" + UUID.randomUUID() + "@example.com";
        ContactEvent event = contact(Channel.EMAIL, Instant.parse("2026-03-05T08:00:00Z")).setIdentifiers(email(address)).build();
        double failedBefore = failedAttempts();

        // The table disappears: every attempt to store the contact fails as if the database were broken.
        jdbc.execute("ALTER TABLE contact RENAME TO contact_away");
        try {
            publish(event);
            await().atMost(PATIENCE).until(() -> failedAttempts() >= failedBefore + 2);
        } finally {
            jdbc.execute("ALTER TABLE contact_away RENAME TO contact");
        }

        await().atMost(PATIENCE).until(() -> jdbc.queryForObject("SELECT count(*) FROM contact WHERE contact_id = ?::uuid",
                Integer.class, event.getContactId()) == 1);
        assertThat(deadLetterKeys()).doesNotContain(event.getThreadKey());
    }

    /** The keys of everything on contact.events.DLT up to now. */
    private static List<String> deadLetterKeys() {
        return DeadLetterTopic.readToTheEnd(CONTACT_EVENTS_DLT, PATIENCE).stream()
                .map(r -> r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8)).toList();
    }

    private double failedAttempts() {
        return meters.find(FAILED_ATTEMPTS).counters().stream().mapToDouble(Counter::count).sum();
    }
}
