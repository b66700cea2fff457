package io.omnirouter.history.followup;

import io.omnirouter.followup.FollowUpTask;
import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.SchemaRegistryClient;
import io.omnirouter.testing.RealInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads followup.tasks as a consumer would (read_committed, the project's deserializer), from the beginning. */
public final class FollowUpTopic implements AutoCloseable {

    private final KafkaConsumer<String, FollowUpTask> consumer;
    private final List<ConsumerRecord<String, FollowUpTask>> records = new ArrayList<>();

    public FollowUpTopic() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(),
                new ConfluentAvroDeserializer<>(new SchemaRegistryClient(RealInfrastructure.registryUrl()), FollowUpTask.class));
        String topic = ContractTopic.FOLLOWUP_TASKS.topic();
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every record so far of these customers (keys), in the order of their partitions. */
    List<FollowUpTask> of(Set<String> customerIds) {
        for (ConsumerRecord<String, FollowUpTask> record : consumer.poll(Duration.ofMillis(300))) {
            records.add(record);
        }
        return records.stream().filter(r -> customerIds.contains(r.key())).map(ConsumerRecord::value).toList();
    }

    /** Every record of the topic up to its end now (committed transactions), in the order of their partitions. */
    public List<FollowUpTask> upToTheEnd() {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        }
        return records.stream().map(ConsumerRecord::value).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
