package io.omnirouter.history;

import io.omnirouter.contact.ContactEvent;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.WithRealInfrastructure;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one Spring configuration of every integration test, so Spring builds the context once and caches
 * it: the whole service on the real engines (Kafka, schema registry, PostgreSQL 17), API through MockMvc.
 * The database is emptied before each test; topics are shared, so tests use identifiers of their own.
 */
// The in-process broker logs at INFO through the service's logging: quiet it, keep the service's own logs.
@SpringBootTest(properties = {"logging.level.kafka=WARN", "logging.level.org.apache.kafka=WARN"})
@AutoConfigureMockMvc
@WithRealInfrastructure
public abstract class HistoryIntegrationTest {

    protected static final String CONTACT_EVENTS = ContractTopic.CONTACT_EVENTS.topic();
    protected static final String CONTACT_EVENTS_DLT = ContractTopic.CONTACT_EVENTS.deadLetterTopic();
    protected static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final int PARTITIONS = 3;

    private static KafkaProducer<String, ContactEvent> producer;

    @Autowired
    protected MockMvcTester mvc;
    @Autowired
    private JsonMapper json;

    @DynamicPropertySource
    static void realInfrastructure(DynamicPropertyRegistry registry) {
        // Before the listener starts: an auto-created topic would have a single partition.
        RealInfrastructure.createTopics(PARTITIONS, CONTACT_EVENTS, CONTACT_EVENTS_DLT);
        registry.add("spring.kafka.bootstrap-servers", RealInfrastructure::kafkaBootstrapServers);
        registry.add("omnirouter.schema-registry.url", RealInfrastructure::registryUrl);
        registry.add("spring.datasource.url", RealInfrastructure::jdbcUrl);
        registry.add("spring.datasource.username", RealInfrastructure::dbUser);
        registry.add("spring.datasource.password", RealInfrastructure::dbPassword);
    }

    @BeforeAll
    static void startProducer() {
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

    /** Publishes to contact.events keyed by thread, as the router does, and waits for the broker's ack. */
    protected static void publish(ContactEvent... events) {
        try {
            for (ContactEvent event : events) {
                producer.send(new ProducerRecord<>(CONTACT_EVENTS, event.getThreadKey(), event)).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("publishing to " + CONTACT_EVENTS + " failed", e.getCause());
        }
    }

    protected JsonNode json(MockMvcTester.MockMvcRequestBuilder request, int expectedStatus) {
        var result = request.exchange();
        org.assertj.core.api.Assertions.assertThat(result).hasStatus(expectedStatus);
        return json.readTree(result.getResponse().getContentAsByteArray());
    }
}
