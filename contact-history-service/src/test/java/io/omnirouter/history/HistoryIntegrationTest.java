package io.omnirouter.history;

import io.omnirouter.contact.ContactEvent;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.schemas.CustomerAffinity;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.testing.PersonalDataTestKeys;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.WithRealInfrastructure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring configuration of every integration test, so Spring builds the context once and caches
 * it: the whole service on the real engines (Kafka, schema registry, PostgreSQL 17) on a random port, the API
 * through MockMvc (as an AGENT, see below) or, where streaming or a browser needs a real server, over HTTP at
 * {@link #baseUrl()} with the local users {@code agent}, {@code supervisor}, {@code ops} ({@link #PASSWORD}).
 * The database is emptied before each test; topics are shared, so tests use identifiers of their own.
 *
 * <p>MockMvc requests run as a user with the role AGENT ({@code @WithMockUser}); a test needing another role
 * overrides it on the method ({@code @WithMockUser(roles = "SUPERVISOR")}, {@code @WithAnonymousUser}). They carry
 * a valid CSRF token, as the console's requests do; CSRF itself is tested over real HTTP (SecurityIT).
 */
// The in-process broker logs at INFO through the service's logging: quiet it, keep the service's own logs.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.kafka=WARN", "logging.level.org.apache.kafka=WARN",
        "omnirouter.security.local-password=" + HistoryIntegrationTest.PASSWORD,
        // Streams of clients that went away are noticed at the next keep-alive; more than the connection timeout
        // below apart, as in production (LiveStreamIT).
        "omnirouter.live.keep-alive=4s",
        // StalledStreamClientsIT: 500 clients that never read, beside the others; their stall noticed within seconds
        // (a small kernel send buffer fills after ~100 events, and 2 s without progress disconnects; Tomcat closes the
        // socket after 3 s more without progress).
        "omnirouter.live.max-streams=1000", "omnirouter.live.send-timeout=2s", "omnirouter.api.socket-send-buffer=16KB",
        "server.tomcat.connection-timeout=3s",
        // Presence at a faster pace than production's 30 s and 10 s (PresenceIT waits for a purge, at most once per TTL;
        // PresenceConsoleIT for heartbeats), still far longer than a test's steps between two heartbeats.
        "omnirouter.history.presence.ttl=8s", "omnirouter.history.presence.heartbeat-interval=2s"})
@AutoConfigureMockMvc
@Import(HistoryIntegrationTest.MockMvcWithCsrfToken.class)
@WithMockUser(roles = "AGENT")
@WithRealInfrastructure
public abstract class HistoryIntegrationTest {

    protected static final String CONTACT_EVENTS = ContractTopic.CONTACT_EVENTS.topic();
    protected static final String CONTACT_EVENTS_DLT = ContractTopic.CONTACT_EVENTS.deadLetterTopic();
    protected static final Duration PATIENCE = Duration.ofSeconds(30);
    /** Password of the local users agent, supervisor and ops. */
    protected static final String PASSWORD = "integration-test-password";
    private static final int PARTITIONS = 3;
    private static final String PENDING_FOLLOW_UPS = "SELECT count(*) FROM followup_pending";
    private static final String ESCALATIONS_DUE = "SELECT count(*) FROM follow_up_task WHERE status = 'OPEN' AND next_escalation_at <= now()";

    /** Waits until the follow-up rules have seen every stored contact and no task waits for an escalation due now. */
    protected static void awaitFollowUpsApplied(JdbcTemplate jdbc) {
        awaitNone(jdbc, PENDING_FOLLOW_UPS, ESCALATIONS_DUE);
    }

    /** As {@link #awaitFollowUpsApplied(JdbcTemplate)}, for these contacts and the tasks they triggered only. */
    protected static void awaitFollowUpsApplied(JdbcTemplate jdbc, List<UUID> contactIds) {
        awaitNone(jdbc, PENDING_FOLLOW_UPS + " WHERE contact_id = ANY (?)", ESCALATIONS_DUE + " AND trigger_contact_id = ANY (?)",
                (Object) contactIds.toArray(UUID[]::new));
    }

    /** Waits until each count query counts nothing. */
    private static void awaitNone(JdbcTemplate jdbc, String pending, String due, Object... args) {
        Awaitility.await().pollInSameThread().atMost(PATIENCE).until(() -> jdbc.queryForObject(pending, Integer.class, args) == 0
                && jdbc.queryForObject(due, Integer.class, args) == 0);
    }

    private static final HttpClient CLIENT = httpClient();
    private static KafkaProducer<String, ContactEvent> producer;

    @Autowired
    protected MockMvcTester mvc;
    @Autowired
    private JsonMapper json;
    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void realInfrastructure(DynamicPropertyRegistry registry) {
        // Before the listener starts: an auto-created topic would have a single partition.
        RealInfrastructure.createTopics(PARTITIONS, CONTACT_EVENTS, CONTACT_EVENTS_DLT);
        registry.add("spring.kafka.bootstrap-servers", RealInfrastructure::kafkaBootstrapServers);
        registry.add("omnirouter.schema-registry.url", RealInfrastructure::registryUrl);
        registry.add("spring.datasource.url", RealInfrastructure::jdbcUrl);
        registry.add("spring.datasource.username", RealInfrastructure::dbUser);
        registry.add("spring.datasource.password", RealInfrastructure::dbPassword);
        PersonalDataTestKeys.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeAll
    static void startProducer() {
        // Conditions run on the test's thread, where @WithMockUser's security context is (MockMvc calls in them).
        Awaitility.pollInSameThread();
        // Written as the router writes: the project's serializer, Confluent wire format, registered schema.
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0),
                new StringSerializer(),
                new ConfluentAvroSerializer<>(new SchemaRegistryClient(RealInfrastructure.registryUrl()), true));
    }

    @AfterAll
    static void stopProducer() {
        producer.close();
    }

    /**
     * Publishes to contact.events keyed by thread on the partition of the contact's anchor identifier, as the router
     * does ({@link CustomerAffinity}), and waits for the broker's ack.
     */
    protected static void publish(ContactEvent... events) {
        try {
            for (ContactEvent event : events) {
                producer.send(new ProducerRecord<>(CONTACT_EVENTS, CustomerAffinity.partitionOf(event, PARTITIONS),
                        event.getThreadKey(), event)).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing to " + CONTACT_EVENTS + " failed", e.getCause());
        }
    }

    /**
     * Waits until a customer owns the identifier ({@code email}, {@code phone}, … as the lookup's parameters) and
     * returns its id.
     */
    protected String awaitCustomer(String identifier, String value) {
        Awaitility.await().atMost(PATIENCE).until(() -> mvc.get().uri("/api/customers/lookup").param(identifier, value).exchange()
                .getResponse().getStatus() == 200);
        return json(mvc.get().uri("/api/customers/lookup").param(identifier, value), 200).get("customerId").asString();
    }

    /**
     * Waits until the customer owning the identifier holds {@code contacts} contacts and returns its id. Contacts
     * published together may be resolved in any order: a customer made for a later contact that arrived first is
     * merged into the customer of the earliest contact once that one arrives, so only the customer holding them all
     * has the id that stays.
     */
    protected String awaitCustomerWithContacts(String identifier, String value, int contacts) {
        awaitCustomer(identifier, value);
        Awaitility.await().atMost(PATIENCE).until(() -> json(mvc.get().uri("/api/customers/lookup").param(identifier, value), 200)
                .get("contactCount").asInt() == contacts);
        return json(mvc.get().uri("/api/customers/lookup").param(identifier, value), 200).get("customerId").asString();
    }

    /**
     * Another instance of the service beside this one: the same application in a context of its own (web server on a
     * random port, connection pool, consumers, workers) on the same Kafka, registry and database, with the same local
     * users. Its {@code local.server.port} is where it listens. The caller closes it.
     *
     * @param arguments more settings, as command-line arguments ({@code --name=value}), which override application.yml
     */
    protected static ConfigurableApplicationContext startAnotherInstance(String... arguments) {
        List<String> settings = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + RealInfrastructure.kafkaBootstrapServers(),
                "--omnirouter.schema-registry.url=" + RealInfrastructure.registryUrl(),
                "--spring.datasource.url=" + RealInfrastructure.jdbcUrl(),
                "--spring.datasource.username=" + RealInfrastructure.dbUser(),
                "--spring.datasource.password=" + RealInfrastructure.dbPassword(),
                "--omnirouter.personal-data.master-key=" + PersonalDataTestKeys.MASTER_KEY,
                "--omnirouter.personal-data.hash-key=" + PersonalDataTestKeys.HASH_KEY,
                "--omnirouter.security.local-password=" + PASSWORD,
                "--logging.level.kafka=WARN", "--logging.level.org.apache.kafka=WARN"));
        settings.addAll(List.of(arguments));
        // Command-line arguments: they override application.yml (builder "properties" would not).
        return new SpringApplicationBuilder(ContactHistoryApplication.class).run(settings.toArray(String[]::new));
    }

    /** The service's address, e.g. {@code http://localhost:PORT}. */
    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** A request to the running service as one of the local users, by HTTP Basic. */
    protected HttpRequest.Builder request(String path, String user) {
        return request(baseUrl(), path, user);
    }

    /** A request to an instance at {@code baseUrl} ({@link #startAnotherInstance}) as one of the local users, by HTTP Basic. */
    protected static HttpRequest.Builder request(String baseUrl, String path, String user) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header(HttpHeaders.AUTHORIZATION, "Basic " + credentials);
    }

    /** A GET of the running service as one of the local users, by HTTP Basic, which must answer {@code expectedStatus}. */
    protected HttpResponse<String> get(String path, String user, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request(path, user).GET().build(), HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(response.statusCode()).as("GET " + path + " as " + user + ": " + response.body())
                .isEqualTo(expectedStatus);
        return response;
    }

    /** An HTTP client for the running service; it does not follow redirects. */
    protected static HttpClient httpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    protected JsonNode json(MockMvcTester.MockMvcRequestBuilder request, int expectedStatus) {
        var result = request.exchange();
        org.assertj.core.api.Assertions.assertThat(result).hasStatus(expectedStatus);
        return json.readTree(result.getResponse().getContentAsByteArray());
    }

    protected JsonNode json(String body) {
        return json.readTree(body);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class MockMvcWithCsrfToken {

        @Bean
        MockMvcBuilderCustomizer csrfTokenOnEveryRequest() {
            return builder -> builder.defaultRequest(MockMvcRequestBuilders.get("/").with(SecurityMockMvcRequestPostProcessors.csrf()));
        }
    }
}
