package io.omnirouter.history.followup.infrastructure;

import io.omnirouter.followup.FollowUpTask;
import io.omnirouter.history.followup.application.FollowUpProperties;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Relays the outbox to followup.tasks: one instance at a time (the holder of a PostgreSQL session advisory
 * lock), in Kafka transactions of a fixed transactional.id, so a new leader fences a stale one. A batch is
 * deleted from the outbox only after its Kafka transaction committed. A crash between the two leaves rows
 * that are already in the topic: each record carries its task id and version in headers, and a new leader
 * first reads the committed tail of every partition (read_committed) and skips the versions it finds there.
 * So every version is published exactly once, and a rolled-back database change is never published.
 */
class OutboxRelay implements AutoCloseable {

    static final String HEADER_SEQ = "omnirouter-outbox-seq";
    static final String HEADER_TASK_ID = "omnirouter-task-id";
    static final String HEADER_VERSION = "omnirouter-task-version";
    /** The transactional id of the relay that published the record (diagnostics: which deployment wrote it). */
    static final String HEADER_RELAY = "omnirouter-relay";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String TOPIC = ContractTopic.FOLLOWUP_TASKS.topic();
    /** Session advisory lock (class 5, object 1) held by the one relaying instance. */
    private static final String TRY_LEAD = "SELECT pg_try_advisory_lock(5, 1)";
    private static final String NEXT = "SELECT seq, task_id, version, customer_id, payload FROM follow_up_outbox ORDER BY seq LIMIT ?";
    private static final String DELETE = "DELETE FROM follow_up_outbox WHERE seq = ANY (?)";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final SchemaRegistryClient registry;
    private final List<String> bootstrapServers;
    private final FollowUpProperties.Outbox settings;

    private Connection leadership;
    private KafkaProducer<String, FollowUpTask> producer;
    /** "taskId:version" of the records found in the topic's tail when this instance became the publisher. */
    private Set<String> alreadyPublished = new HashSet<>();

    private record Row(long seq, UUID taskId, long version, UUID customerId, byte[] payload) {
        String key() {
            return taskId + ":" + version;
        }
    }

    OutboxRelay(DataSource dataSource, JdbcTemplate jdbc, SchemaRegistryClient registry, List<String> bootstrapServers,
                FollowUpProperties.Outbox settings) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.registry = registry;
        this.bootstrapServers = List.copyOf(bootstrapServers);
        this.settings = settings;
    }

    /**
     * One round: publishes up to a batch of outbox rows if this instance is the publisher.
     *
     * @return rows handled (0 when not the leader or nothing to do)
     */
    synchronized int relayOnce() {
        try {
            if (!leading()) {
                return 0;
            }
            if (producer == null) {
                producer = newProducer();
                // Fences and completes any transaction of a previous publisher before the tail is read.
                producer.initTransactions();
                alreadyPublished = publishedInTail();
            }
            List<Row> rows = jdbc.query(NEXT, (rs, n) -> new Row(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3),
                    rs.getObject(4, UUID.class), rs.getBytes(5)), settings.batchSize());
            if (rows.isEmpty()) {
                return 0;
            }
            List<Row> toSend = rows.stream().filter(row -> !alreadyPublished.contains(row.key())).toList();
            if (toSend.size() < rows.size()) {
                log.info("Skipping {} outbox row(s) already in {} (published before a restart)", rows.size() - toSend.size(), TOPIC);
            }
            if (!toSend.isEmpty()) {
                publish(toSend);
            }
            pauseForFaultTests();
            Long[] seqs = rows.stream().map(Row::seq).toArray(Long[]::new);
            jdbc.update(DELETE, ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", seqs)));
            return rows.size();
        } catch (RuntimeException | SQLException e) {
            log.warn("Relaying follow-up task changes to {} failed, retrying: {}", TOPIC, e.toString());
            reset();
            return 0;
        }
    }

    private void publish(List<Row> rows) {
        producer.beginTransaction();
        try {
            for (Row row : rows) {
                ProducerRecord<String, FollowUpTask> record = new ProducerRecord<>(TOPIC, row.customerId().toString(),
                        FollowUpTaskRecords.decode(row.payload()));
                record.headers().add(HEADER_SEQ, Long.toString(row.seq()).getBytes(StandardCharsets.UTF_8));
                record.headers().add(HEADER_TASK_ID, row.taskId().toString().getBytes(StandardCharsets.UTF_8));
                record.headers().add(HEADER_VERSION, Long.toString(row.version()).getBytes(StandardCharsets.UTF_8));
                record.headers().add(HEADER_RELAY, settings.transactionalId().getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.commitTransaction();
        } catch (RuntimeException e) {
            try {
                producer.abortTransaction();
            } catch (RuntimeException abortFailed) {
                e.addSuppressed(abortFailed);
            }
            throw e;
        }
    }

    private void pauseForFaultTests() {
        if (!settings.delayAfterPublish().isZero()) {
            log.info("Published; pausing {} before deleting the outbox rows (omnirouter.history.followup.outbox.delay-after-publish)",
                    settings.delayAfterPublish());
            try {
                Thread.sleep(settings.delayAfterPublish().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** Holds (or takes, if free) the publisher's lock on a connection of its own. */
    private boolean leading() throws SQLException {
        if (leadership != null && leadership.isValid(2)) {
            return true;
        }
        closeLeadership();
        Connection connection = dataSource.getConnection();
        boolean locked;
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(TRY_LEAD)) {
            locked = rs.next() && rs.getBoolean(1);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        if (!locked) {
            connection.close();
            return false;
        }
        log.info("This instance now publishes the follow-up outbox to {}", TOPIC);
        leadership = connection;
        producer = null;
        return true;
    }

    /**
     * Task versions this relay published in the last records of each partition: at most the last batch can be
     * there and still in the outbox.
     */
    private Set<String> publishedInTail() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        Set<String> found = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(TOPIC, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(TOPIC, info.partition()));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
            // Records plus transaction markers of the last transaction(s), generously.
            long window = 2L * settings.batchSize() + 16;
            Map<TopicPartition, Long> remaining = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long end = ends.get(partition);
                consumer.seek(partition, Math.max(begins.get(partition), end - window));
                if (end > begins.get(partition)) {
                    remaining.put(partition, end);
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!remaining.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading the tail of " + TOPIC + " took too long");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Header id = record.headers().lastHeader(HEADER_TASK_ID);
                    Header version = record.headers().lastHeader(HEADER_VERSION);
                    Header relay = record.headers().lastHeader(HEADER_RELAY);
                    // Only what this deployment's relay published counts: another deployment sharing the topic
                    // (or a test context) may publish the same deterministic task versions from its own outbox.
                    boolean ours = relay != null && settings.transactionalId().equals(new String(relay.value(), StandardCharsets.UTF_8));
                    if (ours && id != null && version != null) {
                        found.add(new String(id.value(), StandardCharsets.UTF_8) + ":" + new String(version.value(), StandardCharsets.UTF_8));
                    }
                }
                remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        return found;
    }

    private KafkaProducer<String, FollowUpTask> newProducer() {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", bootstrapServers),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId(),
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(config, new StringSerializer(), new ConfluentAvroSerializer<>(registry, true));
    }

    private void reset() {
        if (producer != null) {
            try {
                producer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                log.debug("Closing the relay's producer failed", e);
            }
            producer = null;
        }
        closeLeadership();
    }

    private void closeLeadership() {
        if (leadership != null) {
            // A pooled connection keeps its session, and with it a session lock: release it before handing it back.
            try (Statement statement = leadership.createStatement()) {
                statement.execute("SELECT pg_advisory_unlock_all()");
            } catch (SQLException e) {
                log.debug("Releasing the relay's lock failed (the session is likely gone, and the lock with it)", e);
            }
            try {
                leadership.close();
            } catch (SQLException e) {
                log.debug("Closing the relay's leadership connection failed", e);
            }
            leadership = null;
        }
    }

    @Override
    public synchronized void close() {
        reset();
    }
}
