package io.omnirouter.history.contact.application;

import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.contact.model.RecordFault;
import io.omnirouter.history.contact.model.RecordFaultPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Stores a batch of contacts so that a record PostgreSQL refuses every time cannot block the log: the batch in one
 * transaction ({@link RecordingContacts}), and when that fails with an error that can be a record's fault
 * ({@link RecordFaultPolicy}), each contact of the batch on its own, in its own transaction and in log order, so that
 * each is stored after its partition predecessors, as in the batch. Each contact that fails alone with such an error
 * is handed back, with why; everything else of the batch is stored.
 *
 * <p>Any other failure, of the batch or in the one-by-one pass, propagates: the caller retries the whole batch, as for
 * any outage, and nothing is refused. What the pass had stored before is then recognised as stored (exactly once,
 * announced once).
 *
 * @see RecordingContacts#record
 */
@Service
public class IsolatingRefusedContacts {

    private static final Logger log = LoggerFactory.getLogger(IsolatingRefusedContacts.class);

    private final RecordingContacts recording;
    private final RecordFaultDiagnosis diagnosis;

    public IsolatingRefusedContacts(RecordingContacts recording, RecordFaultDiagnosis diagnosis) {
        this.recording = recording;
        this.diagnosis = diagnosis;
    }

    /** An item of the batch whose contact the database refused even on its own, and why. */
    public record Refusal<T>(T item, RecordFault fault) {
    }

    /**
     * @param recorded contacts that were new and are stored now
     * @param refused  items refused even alone, in log order
     */
    public record Outcome<T>(int recorded, List<Refusal<T>> refused) {
    }

    /**
     * Live ingest: {@link RecordingContacts#record}, isolating the refused contacts.
     *
     * @param batch     items in log order, each carrying a contact (e.g. with the record it was read from)
     * @param contactOf the item's contact
     * @throws RuntimeException whatever failure is not a record's fault; nothing of the batch may be taken as done
     */
    public <T> Outcome<T> record(List<T> batch, Function<T, Contact> contactOf) {
        return store(batch, contactOf, recording::record);
    }

    /** A rebuild: {@link RecordingContacts#replay}, isolating the refused contacts. */
    public <T> Outcome<T> replay(List<T> batch, Function<T, Contact> contactOf) {
        return store(batch, contactOf, recording::replay);
    }

    private <T> Outcome<T> store(List<T> batch, Function<T, Contact> contactOf, ToIntFunction<List<Contact>> storing) {
        try {
            return new Outcome<>(storing.applyAsInt(batch.stream().map(contactOf).toList()), List.of());
        } catch (RuntimeException failure) {
            RecordFault fault = diagnosis.recordFaultIn(failure).orElseThrow(() -> failure);
            log.warn("Storing a batch of {} contacts failed with SQLState {}, which can be a record's fault: storing them "
                    + "one by one to find the contacts PostgreSQL refuses", batch.size(), fault.sqlState());
        }
        int recorded = 0;
        List<Refusal<T>> refused = new ArrayList<>();
        for (T item : batch) {
            try {
                recorded += storing.applyAsInt(List.of(contactOf.apply(item)));
            } catch (RuntimeException failure) {
                // Refused alone with a record's fault: handed back. Any other failure (the database went away
                // meanwhile) ends the pass, and the caller retries the whole batch.
                refused.add(new Refusal<>(item, diagnosis.recordFaultIn(failure).orElseThrow(() -> failure)));
            }
        }
        return new Outcome<>(recorded, refused);
    }
}
