package io.omnirouter.history.contact;

import static io.omnirouter.history.ContactEvents.contact;
import static io.omnirouter.history.ContactEvents.email;
import static io.omnirouter.history.ContactEvents.emailTooLongForAnIndex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.omnirouter.contact.Channel;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.history.HistoryIntegrationTest;
import io.omnirouter.history.contact.infrastructure.ContactEventsListener;
import io.omnirouter.history.ops.application.IngestMetrics;
import io.omnirouter.history.ops.infrastructure.KafkaProbe;
import io.omnirouter.schemas.DeadLetterHeaders;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A record PostgreSQL refuses every time (here a value too large for a btree index entry, SQLState 54000) goes to
 * contact.events.DLT with the reason, and its neighbours on the partition are stored: the partition is not blocked.
 * An outage, even one that strikes while the batch's contacts are being stored one by one, still dead-letters nothing.
 */
class RefusedContactIT extends HistoryIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-03-09T08:00:00Z");
    private static final String FAILED_ATTEMPTS = "omnirouter.history.ingest.failed.attempts";
    private static final String REFUSED_EXCEPTION = "io.omnirouter.history.contact.infrastructure.ContactRefusedException";
    private static final String INVALID_EXCEPTION = "io.omnirouter.history.contact.infrastructure.InvalidContactEventException";

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private KafkaProbe kafka;
    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    private final ConfluentAvroSerializer<ContactEvent> serializer =
            new ConfluentAvroSerializer<>(new SchemaRegistryClient(RealInfrastructure.registryUrl()), true);

    /** A record as it was published: its bytes and where they went. */
    private record Published(ContactEvent event, byte[] value, int partition, long offset) {

        String contactId() {
            return event.getContactId();
        }
    }

    @Test
    void contactsPostgresRefusesGoToTheDeadLetterTopicAndEveryOtherContactOfTheirPartitionIsStoredOnce() {
        String key = "refused:" + UUID.randomUUID();
        ContactEvent first = contact(Channel.EMAIL, T0).setIdentifiers(email(unique("first"))).build();
        // PostgreSQL text cannot hold a NUL, and replaced the text would not be the one sent: invalid, not refused.
        ContactEvent nul = contact(Channel.CHAT, T0.plusSeconds(1)).setIdentifiers(email(unique("nul")))
                .setText("before\u0000after").build();
        // Stored, a queue too large for the follow-up's queue index would fail the follow-up worker for ever.
        ContactEvent hugeQueue = contact(Channel.PHONE, T0.plusSeconds(1)).setIdentifiers(email(unique("queue")))
                .setQueue("q".repeat(3000)).build();
        ContactEvent longThreadKey = contact(Channel.EMAIL, T0.plusSeconds(2)).setIdentifiers(email(unique("thread")))
                .setThreadKey("email:<" + emailTooLongForAnIndex() + ">").build();
        String longAddress = emailTooLongForAnIndex();
        ContactEvent longEmail = contact(Channel.EMAIL, T0.plusSeconds(3)).setIdentifiers(email(longAddress)).build();
        ContactEvent last = contact(Channel.PHONE, T0.plusSeconds(4)).setIdentifiers(email(unique("last"))).build();
        double refusedBefore = refused("54000");

        // One key, so one partition, and one poll: the good contacts share a batch with the refused ones.
        List<Published> published = publishAsOneBatch(key, first, nul, hugeQueue, longThreadKey, longEmail, last);
        awaitConsumed(published);

        assertThat(storedCount(first.getContactId())).isEqualTo(1);
        assertThat(storedCount(last.getContactId())).isEqualTo(1);
        assertThat(storedCount(nul.getContactId())).isZero();
        assertThat(storedCount(hugeQueue.getContactId())).isZero();
        assertThat(storedCount(longThreadKey.getContactId())).isZero();
        assertThat(storedCount(longEmail.getContactId())).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer_identifier WHERE type = 'EMAIL' AND value = ANY (?)",
                Integer.class, (Object) new String[] {first.getIdentifiers().getEmail(), nul.getIdentifiers().getEmail(),
                        hugeQueue.getIdentifiers().getEmail(), last.getIdentifiers().getEmail()})).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer_identifier WHERE value = ?", Integer.class, longAddress)).isZero();

        List<ConsumerRecord<byte[], byte[]>> deadLetters = deadLettersWithKey(key);
        assertThat(deadLetters).extracting(r -> TopicProbe.header(r, DeadLetterHeaders.SOURCE_OFFSET))
                .containsExactlyInAnyOrder(offsetOf(published, nul), offsetOf(published, hugeQueue),
                        offsetOf(published, longThreadKey), offsetOf(published, longEmail));
        for (ConsumerRecord<byte[], byte[]> deadLetter : deadLetters) {
            Published source = published.stream()
                    .filter(p -> Long.toString(p.offset()).equals(TopicProbe.header(deadLetter, DeadLetterHeaders.SOURCE_OFFSET)))
                    .findFirst().orElseThrow();
            assertThat(deadLetter.value()).isEqualTo(source.value());
            assertThat(TopicProbe.header(deadLetter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo(Integer.toString(source.partition()));
            String reason = TopicProbe.header(deadLetter, DeadLetterHeaders.REASON);
            if (source.event() == nul || source.event() == hugeQueue) {
                assertThat(TopicProbe.header(deadLetter, DeadLetterHeaders.EXCEPTION)).isEqualTo(INVALID_EXCEPTION);
                assertThat(reason).isEqualTo(source.event() == nul ? "text contains U+0000 (NUL): PostgreSQL text cannot hold it"
                        : "queue is longer than 2000 bytes in UTF-8: follow-up tasks are indexed by it");
                continue;
            }
            assertThat(TopicProbe.header(deadLetter, DeadLetterHeaders.EXCEPTION)).isEqualTo(REFUSED_EXCEPTION);
            assertThat(reason).contains("SQLState 54000", "program_limit_exceeded");
            // The reason names the problem, never the content (nor the database's message, which may quote it).
            assertThat(reason).doesNotContain(longAddress.substring(0, 32), longThreadKey.getThreadKey().substring(7, 39), "index row size");
        }
        assertThat(refused("54000")).isEqualTo(refusedBefore + 2);
    }

    @Test
    void aDatabaseOutageWhileTheContactsAreStoredOneByOneDeadLettersNothingAndEverythingIsStoredOnceItIsOver() {
        String key = "outage:" + UUID.randomUUID();
        ContactEvent first = contact(Channel.EMAIL, T0).setIdentifiers(email(unique("before-refused"))).build();
        ContactEvent refused = contact(Channel.EMAIL, T0.plusSeconds(1)).setIdentifiers(email(emailTooLongForAnIndex())).build();
        ContactEvent last = contact(Channel.EMAIL, T0.plusSeconds(2)).setIdentifiers(email(unique("after-refused"))).build();
        double failedBefore = failedAttempts();

        // Storing a contact fails (its trigger's table is away) while the batch itself fails on the refused contact
        // first (its identifier), so the outage strikes the one-by-one pass: it must give up and retry the batch.
        jdbc.execute("ALTER TABLE followup_pending RENAME TO followup_pending_away");
        List<Published> published;
        try {
            published = publishAsOneBatch(key, first, refused, last);
            await().atMost(PATIENCE).until(() -> failedAttempts() >= failedBefore + 2);
            assertThat(storedCount(first.getContactId())).isZero();
            assertThat(deadLettersWithKey(key)).isEmpty();
        } finally {
            jdbc.execute("ALTER TABLE followup_pending_away RENAME TO followup_pending");
        }

        awaitConsumed(published);
        assertThat(storedCount(first.getContactId())).isEqualTo(1);
        assertThat(storedCount(last.getContactId())).isEqualTo(1);
        assertThat(storedCount(refused.getContactId())).isZero();
        // Once the database answers again, it is clear that the refused contact is at fault, and only it.
        assertThat(deadLettersWithKey(key)).extracting(r -> TopicProbe.header(r, DeadLetterHeaders.SOURCE_OFFSET))
                .containsExactly(offsetOf(published, refused));
    }

    @Test
    void connectionsTerminatedByTheServerWhileTheContactsAreStoredOneByOneDeadLetterNothing() throws SQLException {
        String key = "terminated:" + UUID.randomUUID();
        ContactEvent first = contact(Channel.EMAIL, T0).setIdentifiers(email(unique("before-terminated"))).build();
        ContactEvent refused = contact(Channel.EMAIL, T0.plusSeconds(1)).setIdentifiers(email(emailTooLongForAnIndex())).build();
        ContactEvent last = contact(Channel.EMAIL, T0.plusSeconds(2)).setIdentifiers(email(unique("after-terminated"))).build();
        double failedBefore = failedAttempts();

        List<Published> published;
        // Storing a contact waits for the follow-up queue, and the server terminates it while it waits (SQLState 57P01,
        // as when PostgreSQL shuts down): a transient failure inside the one-by-one pass.
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement statement = blocker.createStatement()) {
                statement.execute("LOCK TABLE followup_pending IN ACCESS EXCLUSIVE MODE");
            }
            published = publishAsOneBatch(key, first, refused, last);
            await().atMost(PATIENCE).until(() -> {
                terminateContactInsertsWaitingForALock();
                return failedAttempts() >= failedBefore + 2;
            });
            assertThat(storedCount(first.getContactId())).isZero();
            assertThat(deadLettersWithKey(key)).isEmpty();
            blocker.commit();
        }

        awaitConsumed(published);
        assertThat(storedCount(first.getContactId())).isEqualTo(1);
        assertThat(storedCount(last.getContactId())).isEqualTo(1);
        assertThat(deadLettersWithKey(key)).extracting(r -> TopicProbe.header(r, DeadLetterHeaders.SOURCE_OFFSET))
                .containsExactly(offsetOf(published, refused));
    }

    /**
     * Publishes the events with one key while the listener is paused, so that it reads them in one poll once it
     * resumes, and returns where each went.
     */
    private List<Published> publishAsOneBatch(String key, ContactEvent... events) {
        MessageListenerContainer container = listeners.getListenerContainer(ContactEventsListener.LISTENER_ID);
        container.pause();
        await().atMost(PATIENCE).until(container::isContainerPaused);
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0);
        List<Published> published = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (ContactEvent event : events) {
                byte[] value = serializer.serialize(CONTACT_EVENTS, event);
                RecordMetadata sent = producer.send(new ProducerRecord<>(CONTACT_EVENTS, key, value)).get();
                published.add(new Published(event, value, sent.partition(), sent.offset()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing to " + CONTACT_EVENTS + " failed", e.getCause());
        } finally {
            container.resume();
        }
        assertThat(published).extracting(Published::partition).containsOnly(published.get(0).partition());
        return published;
    }

    /** Waits until the group committed past the last record published and lags by nothing on their partition. */
    private void awaitConsumed(List<Published> published) {
        Published last = published.get(published.size() - 1);
        await().atMost(PATIENCE).until(() -> kafka.consumerLag().partitions().stream().anyMatch(lag ->
                lag.topic().equals(CONTACT_EVENTS) && lag.partition() == last.partition()
                        && lag.committed() != null && lag.committed() > last.offset() && lag.lag() == 0));
    }

    private void terminateContactInsertsWaitingForALock() {
        jdbc.queryForList("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid()
                   AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO contact %'""");
    }

    private int storedCount(String contactId) {
        return jdbc.queryForObject("SELECT count(*) FROM contact WHERE contact_id = ?::uuid", Integer.class, contactId);
    }

    private static List<ConsumerRecord<byte[], byte[]>> deadLettersWithKey(String key) {
        return DeadLetterTopic.readToTheEnd(CONTACT_EVENTS_DLT, PATIENCE).stream()
                .filter(r -> r.key() != null && Arrays.equals(r.key(), key.getBytes(StandardCharsets.UTF_8))).toList();
    }

    private static String offsetOf(List<Published> published, ContactEvent event) {
        return published.stream().filter(p -> p.contactId().equals(event.getContactId()))
                .map(p -> Long.toString(p.offset())).findFirst().orElseThrow();
    }

    private double refused(String sqlState) {
        return meters.find(IngestMetrics.CONTACTS_REFUSED).tag("sqlstate", sqlState).counters().stream().mapToDouble(Counter::count).sum();
    }

    private double failedAttempts() {
        return meters.find(FAILED_ATTEMPTS).counters().stream().mapToDouble(Counter::count).sum();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID() + "@example.com";
    }
}
