package io.omnirouter.history.shared.kafka;

import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.serde.SchemaRegistrySettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SchemaRegistryConfiguration {

    /** One client for the whole service: it caches schemas by id for the life of the process. */
    @Bean
    SchemaRegistryClient schemaRegistryClient(SchemaRegistryProperties properties) {
        try {
            return new SchemaRegistryClient(SchemaRegistrySettings.of(properties.url())
                    .withTimeouts(properties.connectTimeout(), properties.requestTimeout()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("omnirouter.schema-registry.url: " + e.getMessage(), e);
        }
    }
}
