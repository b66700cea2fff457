package io.omnirouter.history.contact.infrastructure;

import io.omnirouter.contact.ContactEvent;
import io.omnirouter.history.contact.application.RecordingContacts;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.shared.kafka.DeadLetterPublisher;
import io.omnirouter.history.shared.kafka.DeadLetterPublisher.DeadLetter;
import io.omnirouter.serde.ConfluentAvroDeserializer;
import io.omnirouter.serde.SchemaRegistryUnavailableException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Ingests contact.events into the history, one poll's batch per database transaction. Values arrive as
 * bytes and are decoded here, so that a record which cannot be decoded goes to contact.events.DLT
 * instead of blocking its partition. Offsets are committed after the listener returns (ack mode
 * BATCH), i.e. after the database commit and the dead letters' acknowledgement: delivery is
 * at-least-once, and the store's idempotence makes the history exactly-once.
 */
@Component
class ContactEventsListener {

    private static final Logger log = LoggerFactory.getLogger(ContactEventsListener.class);

    private final ConfluentAvroDeserializer<ContactEvent> deserializer;
    private final RecordingContacts recording;
    private final DeadLetterPublisher deadLetters;

    ContactEventsListener(ConfluentAvroDeserializer<ContactEvent> contactEventDeserializer, RecordingContacts recording,
                          DeadLetterPublisher deadLetters) {
        this.deserializer = contactEventDeserializer;
        this.recording = recording;
        this.deadLetters = deadLetters;
    }

    @KafkaListener(topics = "#{T(io.omnirouter.schemas.ContractTopic).CONTACT_EVENTS.topic()}", batch = "true",
            concurrency = "${omnirouter.history.ingest.concurrency}")
    void onContactEvents(List<ConsumerRecord<byte[], byte[]>> records) {
        List<Contact> contacts = new ArrayList<>(records.size());
        List<DeadLetter> rejected = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                contacts.add(ContactEventMapper.toContact(deserializer.deserialize(record.topic(), record.value())));
            } catch (SchemaRegistryUnavailableException e) {
                // Not the record's fault: fail the batch, the error handler retries it once the registry is back.
                throw e;
            } catch (SerializationException | InvalidContactEventException e) {
                rejected.add(new DeadLetter(record, e));
            }
        }
        int recorded = recording.record(contacts);
        deadLetters.publish(rejected);
        log.debug("Batch of {}: {} contacts new, {} already stored, {} dead-lettered",
                records.size(), recorded, contacts.size() - recorded, rejected.size());
    }
}
