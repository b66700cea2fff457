package io.omnirouter.history.rebuild.application;

import io.omnirouter.history.contact.model.Contact;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** contact.events, read by the rebuild from where it got to. */
public interface ContactLog {

    /** The topic, for the progress kept per partition. */
    String topic();

    /**
     * What one poll gave: the valid contacts, how many records were read and skipped as invalid, and where each
     * partition read stands after them (the next offset to read).
     */
    record Chunk(List<Contact> contacts, int recordsRead, int recordsSkipped, Map<Integer, Long> nextOffsets) {
    }

    /**
     * Reads every partition from {@code from} (the next offset of each partition; absent: the beginning) up to where it
     * ended when the call started (committed transactions only), handing over one chunk per poll.
     *
     * @return the records read
     */
    long readFrom(Map<Integer, Long> from, Consumer<Chunk> handler);
}
