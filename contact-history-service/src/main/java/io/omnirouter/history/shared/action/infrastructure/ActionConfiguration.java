package io.omnirouter.history.shared.action.infrastructure;

import io.omnirouter.personal.keys.DataKeys;
import io.omnirouter.history.shared.action.application.ActionProperties;
import io.omnirouter.history.shared.action.application.ApplyingActions;
import io.omnirouter.history.shared.kafka.DeadLetterPublisher;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.ConfluentAvroSerializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.support.instance.InstanceProperties;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/** agent.actions: the topic, the transactional publisher, the reader that applies it. */
@Configuration(proxyBeanMethods = false)
class ActionConfiguration {

    /** Kept forever, like contact.events: the history is rebuilt from both. */
    private static final String FOREVER = "-1";

    @Bean
    KafkaAdmin.NewTopics agentActionTopics(ActionProperties properties) {
        TopicBuilder topic = TopicBuilder.name(ContractTopic.AGENT_ACTIONS.topic())
                .partitions(properties.partitions())
                .config(TopicConfig.RETENTION_MS_CONFIG, FOREVER);
        TopicBuilder deadLetters = TopicBuilder.name(ContractTopic.AGENT_ACTIONS.deadLetterTopic())
                .partitions(1)
                .config(TopicConfig.RETENTION_MS_CONFIG, FOREVER);
        if (properties.replicationFactor() != null) {
            topic.replicas(properties.replicationFactor());
            deadLetters.replicas(properties.replicationFactor());
        }
        return new KafkaAdmin.NewTopics(topic.build(), deadLetters.build());
    }

    /**
     * Its own producers, not a bean: a ProducerFactory bean would make Spring Boot drop its own, which the
     * dead-letter template uses.
     */
    @Bean(destroyMethod = "close")
    KafkaActionLog actionLog(KafkaProperties kafka, SchemaRegistryClient registry, ActionProperties properties,
                             InstanceProperties instance, DataKeys dataKeys) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        DefaultKafkaProducerFactory<String, io.omnirouter.action.AgentAction> producers = new DefaultKafkaProducerFactory<>(
                config, new StringSerializer(), new ConfluentAvroSerializer<>(registry, true));
        producers.setTransactionIdPrefix(properties.transactionalIdPrefix() + instance.id() + "-");
        return new KafkaActionLog(producers, dataKeys);
    }

    @Bean
    AgentActionDecoder agentActionDecoder(SchemaRegistryClient registry, DataKeys dataKeys) {
        return new AgentActionDecoder(new ConfluentAvroDeserializer<>(registry, io.omnirouter.action.AgentAction.class), dataKeys);
    }

    @Bean
    AgentActionsListener agentActionsListener(AgentActionDecoder decoder, ApplyingActions applying, DeadLetterPublisher deadLetters) {
        return new AgentActionsListener(decoder, applying, deadLetters);
    }
}
