package io.omnirouter.support.health;

import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.support.registry.SchemaRegistryAutoConfiguration;
import io.omnirouter.support.registry.SchemaRegistryProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Health of the engines a service cannot work without, so {@code /actuator/health} (and the readiness probe
 * of an orchestrator) says which one is missing: {@code kafka} and {@code schemaRegistry}; the database has
 * Boot's own {@code db} indicator. The check timeout is the registry's request timeout.
 */
@AutoConfiguration(after = SchemaRegistryAutoConfiguration.class,
        afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnClass(HealthIndicator.class)
public class EngineHealthAutoConfiguration {

    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin kafkaAdmin, SchemaRegistryProperties registry) {
        return new KafkaHealthIndicator(kafkaAdmin, registry.requestTimeout());
    }

    @Bean
    @ConditionalOnBean(SchemaRegistryClient.class)
    SchemaRegistryHealthIndicator schemaRegistryHealthIndicator(SchemaRegistryClient client, SchemaRegistryProperties registry) {
        return new SchemaRegistryHealthIndicator(client, registry.url());
    }
}
