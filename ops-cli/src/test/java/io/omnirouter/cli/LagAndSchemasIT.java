package io.omnirouter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.omnirouter.schemas.ContractTopic;
import io.omnirouter.testing.RealInfrastructure;
import io.omnirouter.testing.WithRealInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

@WithRealInfrastructure
class LagAndSchemasIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void lagIsTheDistanceFromTheCommittedToTheEndOffset() {
        String topic = "lag-it-" + run;
        String group = "lag-it-group-" + run;
        RealInfrastructure.createTopics(2, topic);
        for (int i = 0; i < 5; i++) {
            Infra.send(topic, 0, "k" + i, new byte[] {1}, List.of());
        }
        Infra.send(topic, 1, "k", new byte[] {1}, List.of());
        commit(group, Map.of(new TopicPartition(topic, 0), 2L, new TopicPartition(topic, 1), 1L));

        CliRun lag = Infra.cli("lag", "--group", group);

        assertThat(lag.exitCode()).as(lag.toString()).isZero();
        assertThat(lag.outLines()).containsExactly(
                lag.outLines().get(0),
                row(lag, group, topic, 0),
                row(lag, group, topic, 1),
                group + ": total lag 3 over 2 partitions");
        assertThat(lag.outLines().get(0).split("\\s+")).containsExactly("GROUP", "STATE", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG");
        assertThat(row(lag, group, topic, 0).split("\\s+")).containsExactly(group, "Empty", topic, "0", "2", "5", "3");
        assertThat(row(lag, group, topic, 1).split("\\s+")).containsExactly(group, "Empty", topic, "1", "1", "1", "0");

        CliRun all = Infra.cli("lag");
        assertThat(all.out()).contains(group);

        CliRun unknown = Infra.cli("lag", "--group", "no-such-group-" + run);
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(unknown.err()).startsWith("error: unknown consumer group 'no-such-group-" + run + "'; known: ");
    }

    @Test
    void registeredSchemasAreListedWithTheirIds() {
        CliRun register = Infra.cli("schemas", "register");

        assertThat(register.exitCode()).as(register.toString()).isZero();
        List<String> ids = new ArrayList<>();
        for (ContractTopic topic : ContractTopic.values()) {
            Matcher m = Pattern.compile(Pattern.quote(topic.valueSubject()) + "\\s+(\\d+)\\s+" + Pattern.quote(topic.valueSchema().getFullName()))
                    .matcher(register.out());
            assertThat(m.find()).as(register.out()).isTrue();
            ids.add(m.group(1));
        }
        assertThat(register.out()).contains("registered " + ContractTopic.values().length + " schemas at " + RealInfrastructure.registryUrl());

        CliRun list = Infra.cli("schemas", "list");

        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.outLines().get(0).split("\\s+")).containsExactly("SUBJECT", "VERSION", "ID", "SCHEMA");
        ContractTopic[] topics = ContractTopic.values();
        for (int i = 0; i < topics.length; i++) {
            Pattern row = Pattern.compile(Pattern.quote(topics[i].valueSubject()) + "\\s+\\d+\\s+" + ids.get(i) + "\\s+"
                    + Pattern.quote(topics[i].valueSchema().getFullName()));
            assertThat(row.matcher(list.out()).find()).as(list.out()).isTrue();
        }

        CliRun again = Infra.cli("schemas", "register");
        assertThat(again.out()).isEqualTo(register.out());
    }

    private static String row(CliRun run, String group, String topic, int partition) {
        return run.outLines().stream()
                .filter(l -> l.startsWith(group + " ") && l.split("\\s+").length == 7 && l.split("\\s+")[2].equals(topic)
                        && l.split("\\s+")[3].equals(Integer.toString(partition)))
                .findFirst().orElseThrow(() -> new AssertionError("no row for " + topic + "-" + partition + " in\n" + run));
    }

    private static void commit(String group, Map<TopicPartition, Long> offsets) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(offsets.keySet());
            Map<TopicPartition, OffsetAndMetadata> commit = new java.util.HashMap<>();
            offsets.forEach((p, o) -> commit.put(p, new OffsetAndMetadata(o)));
            consumer.commitSync(commit);
        }
    }
}
