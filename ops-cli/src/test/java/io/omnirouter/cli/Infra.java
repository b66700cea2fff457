package io.omnirouter.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnirouter.testing.RealInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** The CLI pointed at the test broker and registry, and a few raw Kafka helpers for the ITs. */
final class Infra {

    private Infra() {
    }

    static CliRun cli(String... args) {
        return CliRun.against(RealInfrastructure.kafkaBootstrapServers(), RealInfrastructure.registryUrl(), args);
    }

    /** Sends one record with headers and waits for the broker's acknowledgement. */
    static void send(String topic, Integer partition, String key, byte[] value, List<Header> headers) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, partition, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                    value, headers)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("send to " + topic + " failed", e.getCause());
        }
    }

    static List<JsonNode> jsonLines(CliRun run) {
        return run.outLines().stream().map(line -> {
            try {
                return AvroJson.JSON.readTree(line);
            } catch (Exception e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }).toList();
    }
}
