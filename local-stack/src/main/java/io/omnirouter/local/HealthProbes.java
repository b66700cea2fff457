package io.omnirouter.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** "Is it healthy yet?" for each kind of part; every probe answers false rather than throwing while a part starts. */
final class HealthProbes implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final String bootstrapServers;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private Admin admin;

    HealthProbes(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The cluster answers a description with at least {@code brokers} nodes. */
    boolean kafkaReady(int brokers) {
        try {
            return admin().describeCluster().nodes().get(3, TimeUnit.SECONDS).size() >= brokers;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // RuntimeException: the broker still starting, or the admin client closed by a concurrent stop.
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean topicExists(String topic) {
        try {
            return admin().listTopics().names().get(3, TimeUnit.SECONDS).contains(topic);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.CLIENT_ID_CONFIG, "omnirouter-local-health",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3_000));
        }
        return admin;
    }

    /** HTTP 200. */
    boolean ok(String url) {
        return get(url) != null;
    }

    /** HTTP 200 with {@code "status":"UP"}, as Spring Boot Actuator's health endpoint reports it. */
    boolean up(String url) {
        String body = get(url);
        return body != null && body.replace(" ", "").contains("\"status\":\"UP\"");
    }

    private String get(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
