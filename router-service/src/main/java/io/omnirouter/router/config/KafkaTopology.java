package io.omnirouter.router.config;

import io.omnirouter.schemas.ContractTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.AfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The topics the router reads and writes, declared with explicit partitions and retention (created at
 * start-up when missing), and what happens after a rolled-back batch.
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopology {

    /** Retention "forever": contact.events is the log every projection is rebuilt from. */
    private static final String FOREVER = "-1";

    @Bean
    KafkaAdmin.NewTopics routerTopics(RouterProperties properties) {
        RouterProperties.Topics t = properties.topics();
        List<NewTopic> topics = new ArrayList<>();
        for (ContractTopic channel : ContractTopic.channels()) {
            topics.add(topic(channel.topic(), t, t.channelRetention()));
            topics.add(topic(channel.deadLetterTopic(), t, t.deadLetterRetention()));
        }
        topics.add(sized(ContractTopic.CONTACT_EVENTS.topic(), t)
                .config(TopicConfig.RETENTION_MS_CONFIG, FOREVER)
                .build());
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static NewTopic topic(String name, RouterProperties.Topics t, Duration retention) {
        return sized(name, t)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()))
                .build();
    }

    private static TopicBuilder sized(String name, RouterProperties.Topics t) {
        TopicBuilder topic = TopicBuilder.name(name).partitions(t.partitions());
        return t.replicationFactor() == null ? topic : topic.replicas(t.replicationFactor());
    }

    /**
     * A batch is rolled back only for transient failures (bad records are dead-lettered inside the
     * transaction), so it is retried with back-off for as long as it takes, never skipped: skipping would
     * lose events.
     */
    @Bean
    AfterRollbackProcessor<Object, Object> retryUntilTheCauseIsGone() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(30_000);
        return new DefaultAfterRollbackProcessor<>(backOff);
    }
}
