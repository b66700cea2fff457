package io.omnirouter.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnirouter.testing.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Both services running as processes from their built jars on the real engines of the test harness, and an
 * agent's access to the API: the set-up every system test shares. Register it as a static
 * {@code @RegisterExtension} field of a {@code @WithRealInfrastructure} class: the engines are then up before the
 * services start. The services are started once for all the system tests of the JVM (a start costs most of a minute
 * on two busy cores), kept in JUnit's root store, and stopped when the last test is done; each story uses identifiers
 * of its own, so none depends on another's data.
 */
public final class RunningServices implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningServices.class);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private Started started;

    /** The two processes and the agent's password they were started with; closed by JUnit after the last test. */
    private record Started(ServiceProcess router, ServiceProcess history, String agentPassword)
            implements ExtensionContext.Store.CloseableResource {

        static Started start() {
            String agentPassword = "system-test-" + UUID.randomUUID();
            // The router declares the topics (6 partitions each) before the history service subscribes.
            ServiceProcess router = ServiceProcess.start("router-service", ServiceProcess.realInfrastructureProperties());
            try {
                return new Started(router, startHistory(agentPassword), agentPassword);
            } catch (RuntimeException e) {
                router.close();
                throw e;
            }
        }

        static ServiceProcess startHistory(String agentPassword) {
            Map<String, String> properties = new HashMap<>(ServiceProcess.realInfrastructureProperties());
            // The users agent, supervisor and ops, all with this password.
            properties.put("omnirouter.security.local-password", agentPassword);
            return ServiceProcess.start("contact-history-service", properties);
        }

        @Override
        public void close() {
            history.close();
            router.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        started = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Started.class, key -> Started.start(), Started.class);
    }

    public ServiceProcess router() {
        return started.router();
    }

    public ServiceProcess history() {
        return started.history();
    }

    public ObjectMapper json() {
        return json;
    }

    /** The customer an identifier belongs to, normalized as the router does, or null while unknown. */
    public JsonNode lookup(String parameter, String raw) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/customers/lookup?" + parameter + "=" + URLEncoder.encode(raw, StandardCharsets.UTF_8));
        if (response.statusCode() == 404) {
            return null;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    /** The timeline items of the customer an identifier belongs to, or null while the customer is unknown. */
    public JsonNode timelineOf(String parameter, String raw) throws IOException, InterruptedException {
        JsonNode customer = lookup(parameter, raw);
        if (customer == null) {
            return null;
        }
        HttpResponse<String> response = get("/api/customers/" + customer.get("customerId").asText() + "/timeline?limit=50");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("items");
    }

    /**
     * Another instance of the history service beside the one the system tests share, on the same engines and with the
     * same users; the caller closes (or kills) it.
     */
    public ServiceProcess startHistoryInstance() {
        return Started.startHistory(started.agentPassword());
    }

    /** The password of the local users ({@code agent}, {@code supervisor}, {@code ops}) of these services. */
    public String password() {
        return started.agentPassword();
    }

    /** A GET as an agent (HTTP Basic), asking for JSON. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(as("agent", started.history(), path).header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A request to one history instance as one of the local users ({@code agent}, {@code supervisor}, {@code ops}),
     * with HTTP Basic.
     */
    public HttpRequest.Builder as(String user, ServiceProcess history, String path) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + started.agentPassword()).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(history.baseUrl() + path)).header("Authorization", "Basic " + credentials);
    }

    /** Whether a service's process runs and its actuator health says UP. */
    public boolean healthy(ServiceProcess service) throws IOException, InterruptedException {
        if (!service.isAlive()) {
            return false;
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && response.body().contains("\"UP\"");
    }
}
