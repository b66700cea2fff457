package io.omnirouter.history.followup.infrastructure;

import io.omnirouter.history.followup.application.FollowUpProperties;
import io.omnirouter.history.followup.model.FollowUpRules;
import io.omnirouter.history.followup.model.FollowUpSettings;
import io.omnirouter.history.followup.model.PromiseKeeping;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.SchemaRegistryClient;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FollowUpProperties.class)
class FollowUpConfiguration {

    /** Retention "forever": followup.tasks is the complete history of every promise. */
    private static final String FOREVER = "-1";

    @Bean
    PromiseKeeping promiseKeeping(FollowUpProperties properties) {
        FollowUpSettings settings = properties.toSettings();
        return new PromiseKeeping(new FollowUpRules(settings), settings.escalation());
    }

    /** The time of agents' actions and of the clock's ticks; tests may replace it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    KafkaAdmin.NewTopics followUpTopics(FollowUpProperties properties) {
        TopicBuilder topic = TopicBuilder.name(ContractTopic.FOLLOWUP_TASKS.topic())
                .partitions(properties.outbox().partitions())
                .config(TopicConfig.RETENTION_MS_CONFIG, FOREVER);
        if (properties.outbox().replicationFactor() != null) {
            topic.replicas(properties.outbox().replicationFactor());
        }
        return new KafkaAdmin.NewTopics(topic.build());
    }

    @Bean(destroyMethod = "close")
    OutboxRelay outboxRelay(DataSource dataSource, JdbcTemplate jdbc, SchemaRegistryClient registry, KafkaProperties kafka,
                            FollowUpProperties properties) {
        return new OutboxRelay(dataSource, jdbc, registry, kafka.getBootstrapServers(), properties.outbox());
    }
}
