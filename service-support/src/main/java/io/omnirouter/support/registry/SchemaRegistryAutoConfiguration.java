package io.omnirouter.support.registry;

import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.serde.SchemaRegistrySettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The schema registry client of a service, from {@link SchemaRegistryProperties}. Both services get it the
 * same way, so the registry is configured with the same keys everywhere.
 */
@AutoConfiguration
@EnableConfigurationProperties(SchemaRegistryProperties.class)
public class SchemaRegistryAutoConfiguration {

    /** One client for the whole service: it caches schemas by id for the life of the process. */
    @Bean
    @ConditionalOnMissingBean
    SchemaRegistryClient schemaRegistryClient(SchemaRegistryProperties properties) {
        try {
            String userInfo = properties.basicAuthUserInfo() == null || properties.basicAuthUserInfo().isEmpty()
                    ? null : properties.basicAuthUserInfo();
            return new SchemaRegistryClient(new SchemaRegistrySettings(properties.url(), properties.connectTimeout(),
                    properties.requestTimeout(), userInfo));
        } catch (IllegalArgumentException e) {
            // The settings' messages never quote credentials.
            throw new IllegalStateException("omnirouter.schema-registry.url / basic-auth-user-info: " + e.getMessage(), e);
        }
    }
}
