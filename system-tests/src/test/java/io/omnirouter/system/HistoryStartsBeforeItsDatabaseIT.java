package io.omnirouter.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.omnirouter.testing.ServiceProcess;
import io.omnirouter.testing.WithRealInfrastructure;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/**
 * A history instance started while its database is away — restarted during a PostgreSQL outage, deployed beside a
 * failover — waits for the database instead of exiting (the fault harness found it exiting: Flyway gave up on the
 * first refused connection). The service runs as a process from its jar; its own PostgreSQL is started only once the
 * service has been seen failing to connect.
 */
@WithRealInfrastructure
class HistoryStartsBeforeItsDatabaseIT {

    @Test
    void a_history_instance_started_before_its_database_waits_for_it_and_becomes_healthy() throws Exception {
        int port = freePort();
        Map<String, String> properties = new HashMap<>(ServiceProcess.realInfrastructureProperties());
        properties.put("spring.datasource.url", "jdbc:postgresql://localhost:" + port + "/postgres");
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "");
        properties.put("spring.flyway.connect-retries-interval", "1s");
        properties.put("omnirouter.security.local-password", "it-password");

        long since = System.currentTimeMillis();
        CompletableFuture<ServiceProcess> starting = CompletableFuture.supplyAsync(() -> ServiceProcess.start("contact-history-service", properties));
        Path log = Path.of("target").toAbsolutePath();
        await().atMost(Duration.ofSeconds(90)).until(() -> refusedConnectionLogged(log, since));
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().setPort(port).setRegisterShutdownHook(false).start();
             ServiceProcess history = starting.get(3, TimeUnit.MINUTES)) {
            // start() returned: the actuator's health is UP, with the database migrated and connected.
            assertThat(history.isAlive()).isTrue();
        }
    }

    /** Flyway's retry line in the log of a history process of this module. */
    private static boolean refusedConnectionLogged(Path dir, long since) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().startsWith("contact-history-service-"))
                    .filter(file -> file.toFile().lastModified() >= since)
                    .anyMatch(file -> {
                        try {
                            return Files.readString(file, StandardCharsets.UTF_8).contains("Connection refused");
                        } catch (IOException e) {
                            return false;
                        }
                    });
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
