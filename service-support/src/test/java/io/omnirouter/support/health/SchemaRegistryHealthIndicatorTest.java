package io.omnirouter.support.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnirouter.serde.SchemaRegistryClient;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class SchemaRegistryHealthIndicatorTest {

    @Test
    void anUnreachableRegistryIsDownAndNamesTheCause() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://localhost:" + closedPort;
        Health health = new SchemaRegistryHealthIndicator(new SchemaRegistryClient(url), url).health(true);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().toString()).contains("unreachable");
    }
}
