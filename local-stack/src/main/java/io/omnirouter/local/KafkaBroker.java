package io.omnirouter.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;

/**
 * A single KRaft broker (broker and controller in one process) from the Maven Central jars in
 * {@code kafka-lib}, with every replication factor and min ISR at 1, data under {@code <data dir>/kafka}.
 * The storage is formatted once, when the data directory is new.
 */
final class KafkaBroker {

    static final String NAME = "kafka";
    private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

    private final Path home;
    private final Path kafkaLib;
    private final Jvm jvm;
    private final Path logFile;

    KafkaBroker(Path home, Path kafkaLib, Jvm jvm, Path logFile) {
        this.home = home;
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
        return ChildProcess.start(NAME, jvm.command(List.of(
                "-Xmx512m", "-Xms256m",
                // C1 only: a local broker at a few events per second needs no peak throughput, but starts faster.
                "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + logging,
                "-cp", kafkaLib.resolve("*").toString(),
                "kafka.Kafka", config.toString())), Map.of(), home, logFile);
    }

    /** server.properties, rewritten on every start so that it always matches this launcher. */
    static String serverProperties(Path dataDir) {
        return """
                # Written by ./omnirouter up on every start; edits are overwritten.
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@localhost:%2$d
                listeners=PLAINTEXT://localhost:%1$d,CONTROLLER://localhost:%2$d
                advertised.listeners=PLAINTEXT://localhost:%1$d
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                log.dirs=%3$s
                # One broker: every replication factor and min ISR is 1, internal topics included.
                default.replication.factor=1
                min.insync.replicas=1
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                # Like the services' own topics, for anything created on first use.
                num.partitions=6
                # A consumer group of one member need not wait for others to join.
                group.initial.rebalance.delay.ms=0
                """.formatted(LocalPorts.KAFKA, LocalPorts.KAFKA_CONTROLLER, dataDir);
    }

    private Path dataDir() {
        return home.resolve("data");
    }

    private Path writeConfig() {
        Path config = home.resolve("server.properties");
        try {
            Files.createDirectories(home);
            Files.writeString(config, serverProperties(dataDir()));
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

    /** kafka-storage.sh format, once: a new cluster id and the bootstrap metadata. */
    private void format(Path config, Path logging) {
        List<String> command = jvm.command(List.of("-Dlog4j2.configurationFile=" + logging,
                "-cp", kafkaLib.resolve("*").toString(),
                "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
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
