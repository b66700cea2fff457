package io.omnirouter.router.config;

import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.support.registry.SchemaRegistryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Registers the channel schemas and the ContactEvent schema at start-up, so adapter teams can fetch the
 * contract from the registry ({@code GET /subjects/channel.email-value/versions/latest}) before they publish.
 * Runs before the listeners start; an unreachable registry fails the start-up naming the setting.
 */
@Component
class SchemaRegistration implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(SchemaRegistration.class);

    private final SchemaRegistryClient registry;
    private final SchemaRegistryProperties settings;

    SchemaRegistration(SchemaRegistryClient registry, SchemaRegistryProperties settings) {
        this.registry = registry;
        this.settings = settings;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (ContractTopic topic : new ContractTopic[] {ContractTopic.PHONE, ContractTopic.EMAIL, ContractTopic.CHAT,
                ContractTopic.WEBSHOP, ContractTopic.CONTACT_EVENTS}) {
            try {
                int id = registry.register(topic.valueSubject(), topic.valueSchema());
                log.info("Schema {} registered as {} (id {})", topic.valueSchema().getFullName(), topic.valueSubject(), id);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Cannot register " + topic.valueSubject()
                        + " in the schema registry (omnirouter.schema-registry.url=" + settings.url() + "): "
                        + e.getMessage(), e);
            }
        }
    }
}
