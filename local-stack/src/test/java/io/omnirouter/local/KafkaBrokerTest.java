package io.omnirouter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void one_combined_kraft_node_on_the_local_ports_with_every_replication_factor_at_one() throws IOException {
        Properties config = new Properties();
        config.load(new StringReader(KafkaBroker.serverProperties(1, StackShape.LAPTOP, StackPorts.LOCAL, Path.of("/data/kafka/data"))));

        assertThat(config).containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.voters", "1@localhost:9093")
                .containsEntry("listeners", "PLAINTEXT://localhost:9092,CONTROLLER://localhost:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://localhost:9092")
                .containsEntry("log.dirs", "/data/kafka/data");
        assertThat(config.stringPropertyNames().stream().filter(key -> key.endsWith("replication.factor") || key.endsWith("min.isr")))
                .containsExactlyInAnyOrder("default.replication.factor", "offsets.topic.replication.factor",
                        "transaction.state.log.replication.factor", "transaction.state.log.min.isr",
                        "share.coordinator.state.topic.replication.factor", "share.coordinator.state.topic.min.isr")
                .allSatisfy(key -> assertThat(config.getProperty(key)).isEqualTo("1"));
        assertThat(config).containsEntry("min.insync.replicas", "1");
    }

    @Test
    void a_node_of_three_knows_every_voter_and_keeps_three_copies_of_everything_with_two_in_sync() throws IOException {
        StackShape cluster = new StackShape(3, 2);
        Properties config = new Properties();
        config.load(new StringReader(KafkaBroker.serverProperties(2, cluster, new StackPorts(10_000), Path.of("/d"))));

        assertThat(config).containsEntry("node.id", "2")
                .containsEntry("controller.quorum.voters", "1@localhost:19093,2@localhost:19095,3@localhost:19097")
                .containsEntry("listeners", "PLAINTEXT://localhost:19094,CONTROLLER://localhost:19095")
                .containsEntry("advertised.listeners", "PLAINTEXT://localhost:19094")
                .containsEntry("default.replication.factor", "3")
                .containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("min.insync.replicas", "2")
                .containsEntry("unclean.leader.election.enable", "false");
    }
}
