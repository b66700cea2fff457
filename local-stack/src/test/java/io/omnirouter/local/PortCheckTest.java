package io.omnirouter.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void a_port_with_a_listener_on_the_loopback_address_is_taken_and_named_in_the_message() throws Exception {
        // Kafka and the registry listen on localhost only; the check must see them too.
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = listener.getLocalPort();

            assertThat(PortCheck.isFree(port)).isFalse();
            assertThatThrownBy(() -> PortCheck.ensureFree(Map.of(port, "Kafka")))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("Port " + port + " (Kafka) is already in use")
                    .hasMessageContaining("ss -ltnp 'sport = :" + port + "'");
        }
    }

    @Test
    void a_closed_port_is_free() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        assertThat(PortCheck.isFree(port)).isTrue();
    }
}
