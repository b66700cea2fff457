package io.omnirouter.history.shared.action.infrastructure;

import com.google.crypto.tink.Aead;
import io.omnirouter.personal.action.SealedActions;
import io.omnirouter.personal.keys.DataKeys;
import io.omnirouter.personal.seal.UnreadablePersonalData;
import io.omnirouter.history.shared.action.model.AgentAction;
import io.omnirouter.history.shared.kafka.DeadLetterPublisher.DeadLetter;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.SchemaRegistryUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Turns agent.actions records (Confluent-framed Avro bytes) into actions, separating those that are no valid action
 * with the reason. Shared by the listener that applies them and the rebuild that replays them, so both read the log
 * alike.
 */
public class AgentActionDecoder {

    private final ConfluentAvroDeserializer<io.omnirouter.action.AgentAction> deserializer;
    private final DataKeys dataKeys;

    AgentActionDecoder(ConfluentAvroDeserializer<io.omnirouter.action.AgentAction> deserializer, DataKeys dataKeys) {
        this.deserializer = deserializer;
        this.dataKeys = dataKeys;
    }

    /**
     * @param actions  the records that are actions, in log order
     * @param rejected records that are not valid actions, each with why
     * @param erased   how many were actions about an erased customer (sealed under a shredded key), skipped
     */
    public record Decoded(List<AgentAction> actions, List<DeadLetter> rejected, int erased) {
    }

    /**
     * @throws SchemaRegistryUnavailableException if the registry cannot be asked: not the records' fault, the caller
     *                                            retries
     */
    public Decoded decode(List<ConsumerRecord<byte[], byte[]>> records) {
        List<ConsumerRecord<byte[], byte[]>> decodedRecords = new ArrayList<>(records.size());
        List<io.omnirouter.action.AgentAction> read = new ArrayList<>(records.size());
        List<DeadLetter> rejected = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                io.omnirouter.action.AgentAction action = deserializer.deserialize(record.topic(), record.value());
                if (action == null) {
                    throw AgentActionRecords.tombstone();
                }
                decodedRecords.add(record);
                read.add(action);
            } catch (SchemaRegistryUnavailableException e) {
                throw e;
            } catch (SerializationException | InvalidAgentActionException e) {
                rejected.add(new DeadLetter(record, e));
            }
        }
        // One query for the batch; a database outage fails the batch here, and it is retried.
        Map<UUID, Aead> keys = dataKeys.find(read.stream().filter(SealedActions::isSealed).map(AgentActionDecoder::keyIdOf)
                .filter(Objects::nonNull).toList());
        List<AgentAction> actions = new ArrayList<>(read.size());
        int erased = 0;
        for (int i = 0; i < read.size(); i++) {
            try {
                io.omnirouter.action.AgentAction action = read.get(i);
                UUID keyId = keyIdOf(action);
                if (SealedActions.isSealed(action) && keyId != null) {
                    Aead key = keys.get(keyId);
                    if (key == null) {
                        erased++; // its customer was erased
                        continue;
                    }
                    action = SealedActions.open(action, key);
                }
                actions.add(AgentActionRecords.fromRecord(action));
            } catch (UnreadablePersonalData e) {
                rejected.add(new DeadLetter(decodedRecords.get(i), new InvalidAgentActionException(e.getMessage())));
            } catch (InvalidAgentActionException e) {
                rejected.add(new DeadLetter(decodedRecords.get(i), e));
            }
        }
        return new Decoded(actions, rejected, erased);
    }

    /** The action's key id, or null if its action id is no UUID (the mapping rejects it, naming the field). */
    private static UUID keyIdOf(io.omnirouter.action.AgentAction action) {
        try {
            return SealedActions.keyIdOf(action);
        } catch (IllegalArgumentException | NullPointerException e) {
            return null;
        }
    }
}
