package io.omnirouter.history.contact.infrastructure;

import io.omnirouter.history.contact.application.IsolatingRefusedContacts;
import io.omnirouter.history.contact.application.IsolatingRefusedContacts.Outcome;
import io.omnirouter.history.contact.application.IsolatingRefusedContacts.Refusal;
import io.omnirouter.history.contact.infrastructure.ContactEventDecoder.Decoded;
import io.omnirouter.history.contact.infrastructure.ContactEventDecoder.Received;
import io.omnirouter.history.ops.application.IngestMetrics;
import io.omnirouter.history.shared.kafka.DeadLetterPublisher;
import io.omnirouter.history.shared.kafka.DeadLetterPublisher.DeadLetter;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Ingests contact.events into the history, one poll's batch per database transaction. Values arrive as
 * bytes and are decoded here, so that a record which cannot be decoded goes to contact.events.DLT
 * instead of blocking its partition; so does a contact PostgreSQL refuses to store even on its own
 * ({@link IsolatingRefusedContacts}). Offsets are committed after the listener returns (ack mode
 * BATCH), i.e. after the database commits and the dead letters' acknowledgement: delivery is
 * at-least-once, and the store's idempotence makes the history exactly-once.
 */
@Component
public class ContactEventsListener {

    /** The listener container's id (not its group: that is spring.kafka.consumer.group-id), to stop and start it. */
    public static final String LISTENER_ID = "contact-events";

    private static final Logger log = LoggerFactory.getLogger(ContactEventsListener.class);

    private final ContactEventDecoder decoder;
    private final IsolatingRefusedContacts storing;
    private final DeadLetterPublisher deadLetters;
    private final IngestMetrics metrics;

    ContactEventsListener(ContactEventDecoder decoder, IsolatingRefusedContacts storing, DeadLetterPublisher deadLetters) {
        this(decoder, storing, deadLetters, null);
    }

    @Autowired
    ContactEventsListener(ContactEventDecoder decoder, IsolatingRefusedContacts storing, DeadLetterPublisher deadLetters,
                          IngestMetrics metrics) {
        this.decoder = decoder;
        this.storing = storing;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false,
            topics = "#{T(io.omnirouter.schemas.ContractTopic).CONTACT_EVENTS.topic()}", batch = "true",
            concurrency = "${omnirouter.history.ingest.concurrency}")
    void onContactEvents(List<ConsumerRecord<byte[], byte[]>> records) {
        // A registry outage fails the batch here, a database outage in storing: the error handler retries it once it is back.
        Decoded decoded = decoder.decode(records);
        Outcome<Received> stored = storing.record(decoded.received(), Received::contact);
        List<DeadLetter> letters = new ArrayList<>(decoded.rejected());
        stored.refused().forEach(refusal -> letters.add(new DeadLetter(refusal.item().record(), new ContactRefusedException(refusal.fault()))));
        deadLetters.publish(letters);
        if (metrics != null) {
            stored.refused().stream().map(Refusal::fault).forEach(fault -> metrics.contactRefused(fault.sqlState()));
        }
        log.debug("Batch of {}: {} contacts new, {} already stored; dead-lettered: {} refused by the database, {} invalid",
                records.size(), stored.recorded(), decoded.received().size() - stored.recorded() - stored.refused().size(),
                stored.refused().size(), decoded.rejected().size());
    }
}
