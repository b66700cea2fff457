package io.omnirouter.history.shared.action.infrastructure;

import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.history.shared.kafka.DeadLetterPublisher.DeadLetter;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.SchemaRegistryUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Turns agent.actions records (Confluent-framed Avro bytes) into actions, separating those that are no valid action
 * with the reason. Shared by the listener that applies them and the rebuild that replays them, so both read the log
 * alike.
 */
public class AgentActionDecoder {

    private final ConfluentAvroDeserializer<io.omnirouter.action.AgentAction> deserializer;

    AgentActionDecoder(ConfluentAvroDeserializer<io.omnirouter.action.AgentAction> deserializer) {
        this.deserializer = deserializer;
    }

    /**
     * @param actions  the records that are actions, in log order
     * @param rejected records that are not valid actions, each with why
     */
    public record Decoded(List<AgentAction> actions, List<DeadLetter> rejected) {
    }

    /**
     * @throws SchemaRegistryUnavailableException if the registry cannot be asked: not the records' fault, the caller
     *                                            retries
     */
    public Decoded decode(List<ConsumerRecord<byte[], byte[]>> records) {
        List<AgentAction> actions = new ArrayList<>(records.size());
        List<DeadLetter> rejected = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                actions.add(AgentActionRecords.fromRecord(deserializer.deserialize(record.topic(), record.value())));
            } catch (SchemaRegistryUnavailableException e) {
                throw e;
            } catch (SerializationException | InvalidAgentActionException e) {
                rejected.add(new DeadLetter(record, e));
            }
        }
        return new Decoded(actions, rejected);
    }
}
