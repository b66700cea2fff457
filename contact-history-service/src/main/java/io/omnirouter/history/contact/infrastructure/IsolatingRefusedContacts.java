package io.omnirouter.history.contact.infrastructure;

import io.omnirouter.history.contact.application.RecordingContacts;
import io.omnirouter.history.contact.infrastructure.ContactEventDecoder.Received;
import io.omnirouter.history.contact.model.RecordFault;
import io.omnirouter.history.contact.model.RecordFaultPolicy;
import io.omnirouter.history.shared.kafka.DeadLetterPublisher.DeadLetter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores a batch of contacts so that a record PostgreSQL refuses every time cannot block its partition: the batch
 * in one transaction ({@link RecordingContacts#record}), and when that fails with an error that can be a record's
 * fault ({@link RecordFaultPolicy}), each contact of the batch on its own, in its own transaction and in log order,
 * so that each is stored after its partition predecessors as in the batch. What fails alone with such an error is
 * handed back, to go to the dead-letter topic; everything else of the batch is stored.
 *
 * <p>Any other failure, of the batch or in the one-by-one pass, propagates: the listener container retries the
 * whole batch with back-off, as for any outage, and nothing is dead-lettered. What the pass had stored before is
 * then recognised as stored (exactly once, announced once).
 */
@Component
class IsolatingRefusedContacts {

    private static final Logger log = LoggerFactory.getLogger(IsolatingRefusedContacts.class);

    /** Causes looked at, at most: a chain that loops must not hang the consumer. */
    private static final int MAX_CAUSES = 32;

    private final RecordingContacts recording;

    IsolatingRefusedContacts(RecordingContacts recording) {
        this.recording = recording;
    }

    /** A record whose contact PostgreSQL refused on its own, and why. */
    record Refusal(ConsumerRecord<byte[], byte[]> record, RecordFault fault) {

        DeadLetter deadLetter() {
            return new DeadLetter(record, new ContactRefusedException(fault));
        }
    }

    /**
     * @param recorded contacts that were new and are stored now
     * @param refused  contacts refused even alone, in log order
     */
    record Outcome(int recorded, List<Refusal> refused) {
    }

    /**
     * @param batch contacts in log order
     * @throws RuntimeException whatever failure is not the record's fault; the caller must not commit the offsets
     */
    Outcome record(List<Received> batch) {
        try {
            return new Outcome(recording.record(batch.stream().map(Received::contact).toList()), List.of());
        } catch (RuntimeException failure) {
            RecordFault fault = recordFaultIn(failure).orElseThrow(() -> failure);
            log.warn("Storing a batch of {} contacts failed with SQLState {}, which can be a record's fault: storing them "
                    + "one by one to find the contacts PostgreSQL refuses", batch.size(), fault.sqlState());
            return oneByOne(batch);
        }
    }

    private Outcome oneByOne(List<Received> batch) {
        int recorded = 0;
        List<Refusal> refused = new ArrayList<>();
        for (Received received : batch) {
            try {
                recorded += recording.record(List.of(received.contact()));
            } catch (RuntimeException failure) {
                // Refused alone with a record's fault: dead-lettered. Any other failure (the database went away
                // meanwhile) ends the pass, and the container retries the whole batch.
                refused.add(new Refusal(received.record(), recordFaultIn(failure).orElseThrow(() -> failure)));
            }
        }
        return new Outcome(recorded, refused);
    }

    /** The record's fault behind {@code failure}, if the policy takes it for one. */
    static Optional<RecordFault> recordFaultIn(Throwable failure) {
        return RecordFaultPolicy.faultOf(sqlStateOf(failure));
    }

    /**
     * The SQLState of the outermost SQLException in the cause chain that has one: Spring's translated exceptions
     * wrap the driver's (BatchUpdateException, PSQLException), and a failed rollback (TransactionSystemException)
     * wraps the rollback's failure, a connection error. Null if none has one (a pool timeout, a registry failure).
     */
    static String sqlStateOf(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth++ < MAX_CAUSES; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
