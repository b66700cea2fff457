package io.omnirouter.history.shared.action.infrastructure;

import io.omnirouter.history.shared.action.application.ActionLog;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.schemas.ContractTopic;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes actions to agent.actions, each in a Kafka transaction of its own (spring-kafka's transactional template:
 * a pool of producers, each with its own transactional id under this instance's prefix, so that concurrent requests
 * do not wait on one producer).
 */
class KafkaActionLog implements ActionLog, AutoCloseable {

    private static final String TOPIC = ContractTopic.AGENT_ACTIONS.topic();

    private final DefaultKafkaProducerFactory<String, io.omnirouter.action.AgentAction> producers;
    private final KafkaTemplate<String, io.omnirouter.action.AgentAction> template;

    KafkaActionLog(DefaultKafkaProducerFactory<String, io.omnirouter.action.AgentAction> producers) {
        this.producers = producers;
        this.template = new KafkaTemplate<>(producers);
    }

    @Override
    public void close() {
        producers.destroy();
    }

    @Override
    public void publish(AgentAction action) {
        ProducerRecord<String, io.omnirouter.action.AgentAction> record =
                new ProducerRecord<>(TOPIC, action.key(), AgentActionRecords.toRecord(action));
        template.executeInTransaction(operations -> {
            try {
                // Committing the transaction flushes it anyway; waiting here reports a refused send as its own cause.
                return operations.send(record).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while publishing " + action, e);
            } catch (ExecutionException e) {
                throw new KafkaException("publishing " + action + " failed", e.getCause());
            }
        });
    }
}
