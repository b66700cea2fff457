package io.omnirouter.history.shared.action.infrastructure;

import io.omnirouter.personal.action.SealedActions;
import io.omnirouter.personal.keys.DataKeys;
import io.omnirouter.history.shared.action.application.ActionLog;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.schemas.ContractTopic;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes actions to agent.actions, their personal fields sealed ({@link SealedActions}), each in a Kafka transaction of its own (spring-kafka's transactional template:
 * a pool of producers, each with its own transactional id under this instance's prefix, so that concurrent requests
 * do not wait on one producer).
 */
class KafkaActionLog implements ActionLog, AutoCloseable {

    private static final String TOPIC = ContractTopic.AGENT_ACTIONS.topic();

    private final DefaultKafkaProducerFactory<String, io.omnirouter.action.AgentAction> producers;
    private final KafkaTemplate<String, io.omnirouter.action.AgentAction> template;
    private final DataKeys dataKeys;

    KafkaActionLog(DefaultKafkaProducerFactory<String, io.omnirouter.action.AgentAction> producers, DataKeys dataKeys) {
        this.producers = producers;
        this.template = new KafkaTemplate<>(producers);
        this.dataKeys = dataKeys;
    }

    @Override
    public void close() {
        producers.destroy();
    }

    @Override
    public void publish(AgentAction action) {
        // Its personal fields sealed under a key of its own, stored before the action is published
        // (docs/personal-data.md): erasing the customer shreds it.
        UUID keyId = action.actionId();
        ProducerRecord<String, io.omnirouter.action.AgentAction> record = new ProducerRecord<>(TOPIC, action.key(),
                SealedActions.seal(AgentActionRecords.toRecord(action), dataKeys.createOrFind(List.of(keyId)).get(keyId)));
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
