package io.omnirouter.history.contact.infrastructure;

import io.omnirouter.history.contact.application.RecordingContacts;
import io.omnirouter.history.contact.infrastructure.ContactEventDecoder.Decoded;
import io.omnirouter.history.ops.application.IngestMetrics;
import io.omnirouter.history.shared.kafka.DeadLetterPublisher;
import io.omnirouter.history.shared.kafka.DeadLetterPublisher.DeadLetter;
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
 * instead of blocking its partition. Offsets are committed after the listener returns (ack mode
 * BATCH), i.e. after the database commit and the dead letters' acknowledgement: delivery is
 * at-least-once, and the store's idempotence makes the history exactly-once.
 */
@Component
public class ContactEventsListener {

    /** The listener container's id (not its group: that is spring.kafka.consumer.group-id), to stop and start it. */
    public static final String LISTENER_ID = "contact-events";

    private static final Logger log = LoggerFactory.getLogger(ContactEventsListener.class);

    private final ContactEventDecoder decoder;
    private final RecordingContacts recording;
    private final DeadLetterPublisher deadLetters;
    private final IngestMetrics metrics;

    ContactEventsListener(ContactEventDecoder decoder, RecordingContacts recording, DeadLetterPublisher deadLetters) {
        this(decoder, recording, deadLetters, null);
    }

    @Autowired
    ContactEventsListener(ContactEventDecoder decoder, RecordingContacts recording, DeadLetterPublisher deadLetters,
                          IngestMetrics metrics) {
        this.decoder = decoder;
        this.recording = recording;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false,
            topics = "#{T(io.omnirouter.schemas.ContractTopic).CONTACT_EVENTS.topic()}", batch = "true",
            concurrency = "${omnirouter.history.ingest.concurrency}")
    void onContactEvents(List<ConsumerRecord<byte[], byte[]>> records) {
        // A registry outage fails the batch here: the error handler retries it once the registry is back.
        Decoded decoded = decoder.decode(records);
        int recorded = recording.record(decoded.contacts());
        deadLetters.publish(decoded.rejected());
        if (metrics != null) {
            decoded.rejected().stream().map(DeadLetter::cause).forEach(metrics::deadLettered);
        }
        log.debug("Batch of {}: {} contacts new, {} already stored, {} dead-lettered",
                records.size(), recorded, decoded.contacts().size() - recorded, decoded.rejected().size());
    }
}
