package io.omnirouter.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.common.Uuid;

/**
 * One KRaft node (broker and controller in one process) of a cluster of {@link StackShape#brokers()}, from
 * the Maven Central jars in {@code kafka-lib}, data under {@code <data dir>/<name>}. Replication factors and
 * min ISR follow the shape (1 and 1 for one broker; 3 and 2 for three or more), internal topics included.
 * The storage is formatted once, when the node's data directory is new, with the cluster id that every node
 * of the data directory shares ({@code <data dir>/kafka-cluster.id}).
 */
final class KafkaBroker {

    static final String NAME = "kafka";
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

    private final int node;
    private final StackShape shape;
    private final StackPorts ports;
    private final Path home;
    private final Path kafkaLib;
    private final Jvm jvm;
    private final Path logFile;

    /**
     * @param node    1-based node id
     * @param dataDir the stack's data directory
     */
    KafkaBroker(int node, StackShape shape, StackPorts ports, Path dataDir, Path kafkaLib, Jvm jvm, Path logFile) {
        this.node = node;
        this.shape = shape;
        this.ports = ports;
        this.home = dataDir.resolve(shape.brokerName(node));
        this.kafkaLib = kafkaLib;
        this.jvm = jvm;
        this.logFile = logFile;
    }

    ChildProcess start() {
        Path config = writeConfig();
        Path logging = writeLogging();
        if (!Files.exists(dataDir().resolve("meta.properties"))) {
            format(config, logging);
        }
        return ChildProcess.start(shape.brokerName(node), jvm.command(List.of(
                "-Xmx512m", "-Xms256m",
                // C1 only: a local broker at a few events per second needs no peak throughput, but starts faster.
                "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + logging,
                "-cp", kafkaLib.resolve("*").toString(),
                "kafka.Kafka", config.toString())), Map.of(), home, logFile);
    }

    /** server.properties of {@code node}, rewritten on every start so that it always matches this launcher. */
    static String serverProperties(int node, StackShape shape, StackPorts ports, Path dataDir) {
        String voters = IntStream.rangeClosed(1, shape.brokers())
                .mapToObj(voter -> voter + "@localhost:" + ports.kafkaController(voter))
                .collect(Collectors.joining(","));
        return """
                # Written by ./omnirouter up on every start; edits are overwritten.
                process.roles=broker,controller
                node.id=%1$d
                controller.quorum.voters=%2$s
                listeners=PLAINTEXT://localhost:%3$d,CONTROLLER://localhost:%4$d
                advertised.listeners=PLAINTEXT://localhost:%3$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%5$s
                # Every replication factor and min ISR from the stack's shape, internal topics included.
                default.replication.factor=%6$d
                min.insync.replicas=%7$d
                offsets.topic.replication.factor=%6$d
                transaction.state.log.replication.factor=%6$d
                transaction.state.log.min.isr=%7$d
                share.coordinator.state.topic.replication.factor=%6$d
                share.coordinator.state.topic.min.isr=%7$d
                # Never elect a replica that lacks acknowledged writes, even if that means waiting.
                unclean.leader.election.enable=false
                # Like the services' own topics, for anything created on first use.
                num.partitions=6
                # A consumer group of one member need not wait for others to join.
                group.initial.rebalance.delay.ms=0
                """.formatted(node, voters, ports.kafka(node), ports.kafkaController(node), dataDir,
                shape.replicationFactor(), shape.minInsyncReplicas());
    }

    private Path dataDir() {
        return home.resolve("data");
    }

    private Path writeConfig() {
        Path config = home.resolve("server.properties");
        try {
            Files.createDirectories(home);
            Files.writeString(config, serverProperties(node, shape, ports, dataDir()));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path writeLogging() {
        Path config = home.resolve("log4j2.properties");
        try (InputStream template = KafkaBroker.class.getResourceAsStream("kafka-log4j2.properties")) {
            Files.copy(template, config, StandardCopyOption.REPLACE_EXISTING);
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cluster id every node of this data directory formats with, chosen by the first. */
    private String clusterId() {
        Path file = home.getParent().resolve("kafka-cluster.id");
        try {
            synchronized (KafkaBroker.class) {
                if (!Files.exists(file)) {
                    Files.writeString(file, Uuid.randomUuid().toString(), StandardCharsets.UTF_8);
                }
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kafka-storage.sh format, once: the cluster id and the bootstrap metadata. */
    private void format(Path config, Path logging) {
        List<String> command = jvm.command(List.of("-Dlog4j2.configurationFile=" + logging,
                "-cp", kafkaLib.resolve("*").toString(),
                "kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", config.toString()));
        try {
            Process format = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(logFile.toFile())).start();
            if (!format.waitFor(FORMAT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new StackException("Formatting Kafka's storage took more than " + FORMAT_TIMEOUT.toSeconds() + " s; see " + logFile);
            }
            if (format.exitValue() != 0) {
                throw new StackException("Formatting Kafka's storage in " + dataDir() + " failed (exit " + format.exitValue()
                        + "); see " + logFile);
            }
        } catch (IOException e) {
            throw new StackException("Could not run Kafka's storage tool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while formatting Kafka's storage", e);
        }
    }
}
