package io.omnirouter.router.config;

import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.serde.SchemaRegistryUnavailableException;
import io.omnirouter.support.registry.SchemaRegistryProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Registers the schemas of every channel topic ({@link ContractTopic#channels()}) and the ContactEvent schema at
 * start-up, so adapter teams can fetch the contract from the registry
 * ({@code GET /subjects/channel.email-value/versions/latest}) before they publish.
 * Runs before the listeners start. A registry that is unreachable or failing (5xx: several instances starting at
 * once make Apicurio's store time out on a lock) is asked again with growing pauses for up to
 * {@code omnirouter.router.schema-registration-wait}; after that, or when the registry refuses a schema, the
 * start-up fails naming the setting.
 */
@Component
class SchemaRegistration implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistration.class);

    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

    private final SchemaRegistryClient registry;
    private final SchemaRegistryProperties settings;
    private final Duration wait;

    SchemaRegistration(SchemaRegistryClient registry, SchemaRegistryProperties settings, RouterProperties router) {
        this.registry = registry;
        this.settings = settings;
        this.wait = router.schemaRegistrationWait();
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<ContractTopic> topics = new ArrayList<>(List.of(ContractTopic.channels()));
        topics.add(ContractTopic.CONTACT_EVENTS);
        for (ContractTopic topic : topics) {
            try {
                int id = registerPatiently(topic);
                log.info("Schema {} registered as {} (id {})", topic.valueSchema().getFullName(), topic.valueSubject(), id);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Cannot register " + topic.valueSubject()
                        + " in the schema registry (omnirouter.schema-registry.url=" + settings.url()
                        + ", omnirouter.router.schema-registration-wait=" + wait + "): " + e.getMessage(), e);
            }
        }
    }

    private int registerPatiently(ContractTopic topic) {
        long deadline = System.nanoTime() + wait.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            try {
                return registry.register(topic.valueSubject(), topic.valueSchema());
            } catch (SchemaRegistryUnavailableException e) {
                if (System.nanoTime() + pause.toNanos() > deadline) {
                    throw e;
                }
                log.warn("Registering {} failed, asking again in {} ms: {}", topic.valueSubject(), pause.toMillis(), e.getMessage());
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    /** The back-off between two registration attempts: a set pause, not a condition (nothing tells when the registry is back). */
    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the schema registry", e);
        }
    }
}
