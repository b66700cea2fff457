package io.omnirouter.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.omnirouter.channel.EventMeta;
import io.omnirouter.schemas.ContractTopic;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class TrafficSimulatorTest {

    @Test
    void publishes_at_the_configured_rate_to_the_channel_topics_with_current_event_times() {
        MockProducer<String, SpecificRecord> producer = mockProducer();
        Instant before = Instant.now();
        TrafficSimulator simulator = new TrafficSimulator(producer, new TrafficSimulator.Settings(100, 20, 1));

        simulator.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> simulator.published() >= 50);
        simulator.close();
        Duration elapsed = Duration.between(before, Instant.now());

        List<ProducerRecord<String, SpecificRecord>> sent = producer.history();
        // Never faster than 100/s (plus one tick of slack): the rate limiter, not the machine, sets the pace.
        assertThat(sent).hasSizeGreaterThanOrEqualTo(50).hasSizeLessThanOrEqualTo((int) (elapsed.toMillis() / 10) + 10);
        assertThat(simulator.published()).isEqualTo(sent.size());
        assertThat(producer.closed()).isTrue();
        Set<String> channelTopics = Arrays.stream(ContractTopic.channels()).map(ContractTopic::topic).collect(Collectors.toSet());
        assertThat(sent).allSatisfy(record -> {
            assertThat(channelTopics).contains(record.topic());
            EventMeta meta = (EventMeta) record.value().get(record.value().getSchema().getField("meta").pos());
            assertThat(meta.getOccurredAt()).isBetween(before.minusMillis(1), Instant.now());
        });
    }

    @Test
    void publishes_to_every_channel_topic_keyed_as_the_contract_says() {
        MockProducer<String, SpecificRecord> producer = mockProducer();
        TrafficSimulator simulator = new TrafficSimulator(producer, new TrafficSimulator.Settings(5_000, 50, 3));

        simulator.start();
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> simulator.published() >= 2_000);
        simulator.close();

        List<ProducerRecord<String, SpecificRecord>> sent = producer.history();
        assertThat(sent.stream().map(ProducerRecord::topic).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(ContractTopic.channelTopicNames());
        assertThat(sent).allSatisfy(record -> {
            ContractTopic topic = ContractTopic.byTopic(record.topic()).orElseThrow();
            assertThat(record.key()).isEqualTo(topic.recordKey((GenericRecord) record.value()).orElseThrow());
        });
    }

    @Test
    void keeps_its_rhythm_when_sends_fail() {
        MockProducer<String, SpecificRecord> producer = mockProducer();
        producer.sendException = new KafkaException("broker unreachable");
        TrafficSimulator simulator = new TrafficSimulator(producer, new TrafficSimulator.Settings(200, 5, 2));

        simulator.start();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> simulator.failed() > 0);
        producer.sendException = null;
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> simulator.published() > 0);
        simulator.close();

        assertThat(simulator.failed()).isPositive();
        assertThat(simulator.published()).isPositive();
    }

    @Test
    void rejects_nonsense_settings() {
        assertThatThrownBy(() -> new TrafficSimulator.Settings(0, 10, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrafficSimulator.Settings(5, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(TrafficSimulator.Settings.defaults(9)).isEqualTo(new TrafficSimulator.Settings(5, 200, 9));
    }

    private static MockProducer<String, SpecificRecord> mockProducer() {
        return new MockProducer<>(true, null, new StringSerializer(), (topic, value) -> new byte[0]);
    }
}
