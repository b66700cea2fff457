package io.omnirouter.history.rebuild.application;

import io.omnirouter.history.contact.model.Contact;
import java.util.List;
import java.util.function.Consumer;

/** contact.events, read from the beginning. */
public interface ContactLog {

    /** What one poll gave: the valid contacts, and how many records were read and skipped as invalid. */
    record Chunk(List<Contact> contacts, int recordsRead, int recordsSkipped) {
    }

    /**
     * Reads every partition from offset 0 up to where it ended when the call started (committed
     * transactions only), handing over one chunk per poll; returns when all are read.
     */
    void readFromTheBeginning(Consumer<Chunk> handler);
}
