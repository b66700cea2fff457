package io.omnirouter.history.contact.infrastructure;

import com.google.crypto.tink.Aead;
import io.omnirouter.contact.ContactEvent;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.shared.kafka.DeadLetterPublisher.DeadLetter;
import io.omnirouter.personal.contact.SealedContacts;
import io.omnirouter.personal.keys.DataKeys;
import io.omnirouter.personal.seal.UnreadablePersonalData;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.SchemaRegistryUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.stereotype.Component;

/**
 * Turns contact.events records (Confluent-framed Avro bytes) into contacts, separating those that can
 * never be contacts (undecodable, or breaking the contract) with the reason. Shared by live ingest and
 * the rebuild, so both read the log alike.
 *
 * <p>A sealed contact is opened under its data key, all keys of a batch in one query. A contact whose key is gone
 * was erased (docs/personal-data.md): it is skipped, neither stored nor dead-lettered, so neither ingest nor a
 * rebuild brings it back.
 */
@Component
public class ContactEventDecoder {

    private final ConfluentAvroDeserializer<ContactEvent> deserializer;
    private final DataKeys dataKeys;

    ContactEventDecoder(ConfluentAvroDeserializer<ContactEvent> contactEventDeserializer, DataKeys dataKeys) {
        this.deserializer = contactEventDeserializer;
        this.dataKeys = dataKeys;
    }

    /** A contact and the record it was read from, whose bytes go to the dead-letter topic if it cannot be stored. */
    public record Received(ConsumerRecord<byte[], byte[]> record, Contact contact) {
    }

    /**
     * @param received the records that are contacts, in log order
     * @param rejected records that are not valid ContactEvents, each with why
     * @param erased   how many records were contacts of erased customers (sealed under a shredded key), skipped
     */
    public record Decoded(List<Received> received, List<DeadLetter> rejected, int erased) {

        public List<Contact> contacts() {
            return received.stream().map(Received::contact).toList();
        }
    }

    /**
     * @throws SchemaRegistryUnavailableException if the registry cannot be asked: not the records' fault,
     *                                            the caller retries
     */
    public Decoded decode(List<ConsumerRecord<byte[], byte[]>> records) {
        List<ConsumerRecord<byte[], byte[]>> decodedRecords = new ArrayList<>(records.size());
        List<ContactEvent> events = new ArrayList<>(records.size());
        List<DeadLetter> rejected = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                ContactEvent event = deserializer.deserialize(record.topic(), record.value());
                if (event == null) {
                    throw ContactEventMapper.tombstone();
                }
                decodedRecords.add(record);
                events.add(event);
            } catch (SchemaRegistryUnavailableException e) {
                throw e;
            } catch (SerializationException | InvalidContactEventException e) {
                rejected.add(new DeadLetter(record, e));
            }
        }
        // One query for the batch; a database outage fails the batch here, and it is retried.
        Map<UUID, Aead> keys = dataKeys.find(events.stream().filter(SealedContacts::isSealed)
                .map(ContactEventDecoder::keyIdOf).filter(id -> id != null).toList());
        List<Received> received = new ArrayList<>(events.size());
        int erased = 0;
        for (int i = 0; i < events.size(); i++) {
            ConsumerRecord<byte[], byte[]> record = decodedRecords.get(i);
            try {
                ContactEvent event = events.get(i);
                UUID keyId = keyIdOf(event);
                if (SealedContacts.isSealed(event) && keyId != null) {
                    Aead key = keys.get(keyId);
                    if (key == null) {
                        erased++;
                        continue;
                    }
                    event = SealedContacts.open(event, key);
                }
                received.add(new Received(record, ContactEventMapper.toContact(event)));
            } catch (UnreadablePersonalData e) {
                rejected.add(new DeadLetter(record, new InvalidContactEventException(e.getMessage())));
            } catch (InvalidContactEventException e) {
                rejected.add(new DeadLetter(record, e));
            }
        }
        return new Decoded(received, rejected, erased);
    }

    /** The contact's key id, or null if its contact id is no UUID (the mapper rejects it, naming the field). */
    private static UUID keyIdOf(ContactEvent event) {
        try {
            return SealedContacts.keyIdOf(event);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
