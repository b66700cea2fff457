package io.omnirouter.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka clients for one CLI invocation: every call bounded by {@code --timeout}, so that a missing broker
 * gives one clear error instead of a hang. Consumers read {@code read_committed} and never create topics.
 */
final class KafkaClients {

    private static final String CLIENT_ID = "omnirouter-cli";

    private final String bootstrapServers;
    private final Duration timeout;

    KafkaClients(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    static KafkaClients of(OmnirouterCli root) {
        return new KafkaClients(root.bootstrapServers(), root.timeout());
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Duration timeout() {
        return timeout;
    }

    /** An admin client that has answered once: fails with "cannot reach Kafka" otherwise. */
    Admin connectedAdmin() {
        Admin admin = create(() -> Admin.create(adminProperties()));
        try {
            await(admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis())).clusterId(), "describe the cluster");
            return admin;
        } catch (RuntimeException e) {
            close(admin);
            throw e;
        }
    }

    KafkaConsumer<byte[], byte[]> consumer(String groupId) {
        Properties props = common();
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis());
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis());
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        return create(() -> new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    }

    /** An idempotent producer; transactional when {@code transactionalId} is given. */
    KafkaProducer<byte[], byte[]> producer(String transactionalId) {
        Properties props = common();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis());
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis());
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2 * millis() + 5);
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
            props.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 60_000);
        }
        return create(() -> new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    /** The topic's partitions, in order. */
    List<TopicPartition> partitions(Admin admin, String topic) {
        Map<String, TopicDescription> described;
        try {
            described = await(admin.describeTopics(List.of(topic)).allTopicNames(), "describe topic " + topic);
        } catch (UnknownTopicOrPartitionException e) {
            throw new CliException("topic '" + topic + "' does not exist on Kafka at " + bootstrapServers);
        }
        List<TopicPartition> partitions = new ArrayList<>();
        described.get(topic).partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        partitions.sort(Comparator.comparingInt(TopicPartition::partition));
        return partitions;
    }

    /** Offsets of {@code partitions} by {@code spec}; {@code latest} with read_committed is the last stable offset. */
    Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec) {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        ListOffsetsOptions options = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
        options.timeoutMs(millis());
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                await(admin.listOffsets(request, options).all(), "list offsets");
        Map<TopicPartition, Long> offsets = new HashMap<>();
        result.forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    /**
     * Waits for an admin call; a Kafka timeout becomes "cannot reach Kafka", other failures come out
     * unwrapped (Kafka's own exceptions, with their message).
     */
    <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(timeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw unreachable(what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptException(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TimeoutException) {
                throw unreachable(what);
            }
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new KafkaException(cause);
        }
    }

    CliException unreachable(String what) {
        return new CliException("cannot reach Kafka at " + bootstrapServers + " (timeout after " + timeout.toSeconds()
                + " s" + (what == null ? "" : " trying to " + what) + ")");
    }

    static void close(Admin admin) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }

    static void close(KafkaConsumer<?, ?> consumer) {
        if (consumer != null) {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
        }
    }

    static void close(KafkaProducer<?, ?> producer) {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
        }
    }

    private Properties adminProperties() {
        Properties props = common();
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis());
        return props;
    }

    private Properties common() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, CLIENT_ID);
        // Fail fast rather than retry for minutes against a broker that is not there.
        props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        return props;
    }

    private int millis() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    private interface Factory<T> {
        T create();
    }

    /** Client construction fails on an unresolvable bootstrap address: say so in one line. */
    private <T> T create(Factory<T> factory) {
        try {
            return factory.create();
        } catch (KafkaException e) {
            throw new CliException("cannot use Kafka bootstrap servers '" + bootstrapServers + "': "
                    + ErrorMessages.firstMessage(e.getCause() != null ? e.getCause() : e), e);
        }
    }
}
