package io.omnirouter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StackPortsTest {

    @Test
    void the_documented_ports_without_an_offset_and_further_instances_a_hundred_apart() {
        StackPorts ports = StackPorts.LOCAL;

        assertThat(ports.bootstrapServers(StackShape.LAPTOP)).isEqualTo("localhost:9092");
        assertThat(ports.bootstrapServers(StackShape.PRODUCTION_LIKE)).isEqualTo("localhost:9092,localhost:9094,localhost:9096");
        assertThat(ports.kafkaController(1)).isEqualTo(9093);
        assertThat(ports.registryUrl()).isEqualTo("http://localhost:8081/apis/ccompat/v7");
        assertThat(ports.postgres()).isEqualTo(5432);
        assertThat(ports.history(1)).isEqualTo(8080);
        assertThat(ports.history(2)).isEqualTo(8180);
        assertThat(ports.routerManagement(2)).isEqualTo(8182);
    }

    @Test
    void an_offset_moves_every_port_so_that_a_second_stack_runs_beside_the_first() {
        StackPorts ports = new StackPorts(10_000);

        assertThat(ports.kafka(3)).isEqualTo(19096);
        assertThat(ports.registry()).isEqualTo(18081);
        assertThat(ports.postgres()).isEqualTo(15432);
        assertThatThrownBy(() -> new StackPorts(60_000)).isInstanceOf(StackException.class).hasMessageContaining("port offset");
    }

    @Test
    void a_shape_of_three_brokers_keeps_three_copies_two_in_sync_and_one_broker_keeps_one() {
        assertThat(StackShape.PRODUCTION_LIKE.replicationFactor()).isEqualTo(3);
        assertThat(StackShape.PRODUCTION_LIKE.minInsyncReplicas()).isEqualTo(2);
        assertThat(StackShape.LAPTOP.replicationFactor()).isEqualTo(1);
        assertThat(StackShape.LAPTOP.minInsyncReplicas()).isEqualTo(1);
        assertThatThrownBy(() -> new StackShape(0, 1)).isInstanceOf(StackException.class).hasMessageContaining("--brokers");
        assertThatThrownBy(() -> new StackShape(1, 9)).isInstanceOf(StackException.class).hasMessageContaining("--instances");
    }
}
