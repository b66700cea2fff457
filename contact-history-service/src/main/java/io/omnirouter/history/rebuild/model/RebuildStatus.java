package io.omnirouter.history.rebuild.model;

import java.time.Instant;

/**
 * Where the rebuild of the projections stands.
 *
 * @param recordsRead      contact.events records read from offset 0 up to where the log ended when the rebuild started
 * @param contactsRecorded contacts stored again
 * @param recordsSkipped   records that are not valid ContactEvents, or whose contacts the database refuses even on
 *                         their own (they were dead-lettered when first consumed)
 * @param failure          why it failed; null unless FAILED
 */
public record RebuildStatus(State state, Instant startedAt, Instant finishedAt, long recordsRead, long contactsRecorded,
                            long recordsSkipped, String failure) {

    public enum State { NEVER_RUN, RUNNING, SUCCEEDED, FAILED }

    public static final RebuildStatus NEVER_RUN = new RebuildStatus(State.NEVER_RUN, null, null, 0, 0, 0, null);

    public static RebuildStatus startedAt(Instant at) {
        return new RebuildStatus(State.RUNNING, at, null, 0, 0, 0, null);
    }

    public RebuildStatus progressed(long read, long recorded, long skipped) {
        return new RebuildStatus(state, startedAt, finishedAt, recordsRead + read, contactsRecorded + recorded,
                recordsSkipped + skipped, failure);
    }

    public RebuildStatus succeededAt(Instant at) {
        return new RebuildStatus(State.SUCCEEDED, startedAt, at, recordsRead, contactsRecorded, recordsSkipped, null);
    }

    public RebuildStatus failedAt(Instant at, String why) {
        return new RebuildStatus(State.FAILED, startedAt, at, recordsRead, contactsRecorded, recordsSkipped, why);
    }

    public boolean running() {
        return state == State.RUNNING;
    }
}
