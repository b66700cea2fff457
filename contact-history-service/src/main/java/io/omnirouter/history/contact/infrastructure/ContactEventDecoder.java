package io.omnirouter.history.contact.infrastructure;

import io.omnirouter.contact.ContactEvent;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.shared.kafka.DeadLetterPublisher.DeadLetter;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.SchemaRegistryUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.stereotype.Component;

/**
 * Turns contact.events records (Confluent-framed Avro bytes) into contacts, separating those that can
 * never be contacts (undecodable, or breaking the contract) with the reason. Shared by live ingest and
 * the rebuild, so both read the log alike.
 */
@Component
public class ContactEventDecoder {

    private final ConfluentAvroDeserializer<ContactEvent> deserializer;

    ContactEventDecoder(ConfluentAvroDeserializer<ContactEvent> contactEventDeserializer) {
        this.deserializer = contactEventDeserializer;
    }

    /** A contact and the record it was read from, whose bytes go to the dead-letter topic if it cannot be stored. */
    public record Received(ConsumerRecord<byte[], byte[]> record, Contact contact) {
    }

    /**
     * @param received the records that are contacts, in log order
     * @param rejected records that are not valid ContactEvents, each with why
     */
    public record Decoded(List<Received> received, List<DeadLetter> rejected) {

        public List<Contact> contacts() {
            return received.stream().map(Received::contact).toList();
        }
    }

    /**
     * @throws SchemaRegistryUnavailableException if the registry cannot be asked: not the records' fault,
     *                                            the caller retries
     */
    public Decoded decode(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Received> received = new ArrayList<>(records.size());
        List<DeadLetter> rejected = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                received.add(new Received(record, ContactEventMapper.toContact(deserializer.deserialize(record.topic(), record.value()))));
            } catch (SchemaRegistryUnavailableException e) {
                throw e;
            } catch (SerializationException | InvalidContactEventException e) {
                rejected.add(new DeadLetter(record, e));
            }
        }
        return new Decoded(received, rejected);
    }
}
