package io.omnirouter.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real KRaft broker (combined broker + controller) in this JVM, via Kafka's own cluster test kit. */
final class KafkaEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaEngine.class);

    /** A single broker: every replication factor and min ISR must be 1, or topics (and transactions) cannot work. */
    private static final Map<String, String> BROKER_CONFIG = Map.of(
            "offsets.topic.replication.factor", "1",
            "transaction.state.log.replication.factor", "1",
            "transaction.state.log.min.isr", "1",
            "share.coordinator.state.topic.replication.factor", "1",
            "share.coordinator.state.topic.min.isr", "1",
            "default.replication.factor", "1",
            "min.insync.replicas", "1",
            // Classic consumer groups otherwise wait 3 s before their first rebalance, in every test.
            "group.initial.rebalance.delay.ms", "0",
            // The test kit enables unstable APIs and features by default; production brokers do not.
            "unstable.api.versions.enable", "false",
            "unstable.feature.versions.enable", "false");

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaClusterTestKit cluster;
    private final Admin admin;

    private KafkaEngine(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    static KafkaEngine start() {
        preventBrokerFromExitingTheJvm();
        // Format like `kafka-storage format` does for a real cluster: the latest production metadata
        // version and its default feature levels (the test kit would otherwise pick unstable ones).
        MetadataVersion metadataVersion = MetadataVersion.latestProduction();
        Map<String, Short> features = Feature.PRODUCTION_FEATURES.stream()
                .collect(Collectors.toMap(Feature::featureName, feature -> feature.defaultLevel(metadataVersion)));
        TestKitNodes nodes = new TestKitNodes.Builder(
                BootstrapMetadata.fromVersions(metadataVersion, features, "omnirouter-test-harness"))
                // Our own directory: the test kit's default one is deleted by a JVM shutdown hook of its own,
                // racing with the broker's shutdown in ours (close() deletes this one after the broker stops).
                .setBaseDirectory(createBaseDirectory())
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        BROKER_CONFIG.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = null;
        try {
            cluster = builder.build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaEngine(cluster);
        } catch (Exception e) {
            closeQuietly(cluster);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("Kafka broker failed to start", e);
        }
    }

    private static Path createBaseDirectory() {
        try {
            return Files.createTempDirectory("omnirouter-test-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Creating the Kafka log directory failed", e);
        }
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    void createTopics(int partitions, String... names) {
        var topics = Arrays.stream(names).map(name -> new NewTopic(name, partitions, (short) 1)).toList();
        for (Map.Entry<String, KafkaFuture<Void>> created : admin.createTopics(topics).values().entrySet()) {
            try {
                created.getValue().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Creating topic " + created.getKey() + " failed", e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Creating topic " + created.getKey() + " timed out", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating topic " + created.getKey(), e);
            }
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
        closeQuietly(cluster);
    }

    /**
     * A broker that hits a fatal error calls {@link Exit}, which would kill the test JVM (surefire then
     * only says "the forked VM terminated"); log it instead, the tests fail on their own.
     */
    private static void preventBrokerFromExitingTheJvm() {
        Exit.setExitProcedure((status, message) -> log.error("Kafka broker called exit({}): {}", status, message));
        Exit.setHaltProcedure((status, message) -> log.error("Kafka broker called halt({}): {}", status, message));
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        if (cluster == null) {
            return;
        }
        try {
            cluster.close();
        } catch (Exception e) {
            log.warn("Stopping the Kafka broker failed", e);
        }
    }
}
