package io.omnirouter.router.routing.infrastructure;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The settings of the router's consumers that read a topic outside the group ({@code assign}/{@code seek}): those of
 * the group's consumers (brokers, security, fetch sizes) without the group, committed reads only, no offset commits.
 */
final class OutOfGroupReaders {

    private OutOfGroupReaders() {
    }

    static Map<String, Object> config(Map<String, Object> group) {
        Map<String, Object> config = new HashMap<>(group);
        List.of(ConsumerConfig.GROUP_ID_CONFIG, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, ConsumerConfig.GROUP_REMOTE_ASSIGNOR_CONFIG,
                ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, ConsumerConfig.CLIENT_ID_CONFIG,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG)
                .forEach(config::remove);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // Retention may delete the first offsets to read between looking them up and fetching them.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return Collections.unmodifiableMap(config);
    }
}
