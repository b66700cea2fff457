package io.omnirouter.history.rebuild.application;

import io.omnirouter.history.rebuild.model.RebuildStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Rebuilds as the database keeps them: one running at a time in the cluster, run by whichever instance holds it. */
public interface RebuildRuns {

    /**
     * Records a new rebuild as RUNNING on {@code instance}, claimed by it before anyone else can.
     *
     * @throws RebuildAlreadyRunningException if one is running anywhere
     */
    Lease start(Instant at, String instance, String schemaVersion);

    /** The running rebuild, or the last one; {@link RebuildStatus#NEVER_RUN} if none. */
    RebuildStatus current();

    /** The schema version the running rebuild's shadow was created with. */
    String schemaVersionOf(UUID rebuildId);

    /**
     * Takes the right to run the running rebuild, if there is one and no live instance holds it: held until the lease
     * is closed or this process dies. A second call on the same instance while it holds it gives nothing.
     */
    Optional<Lease> claim(String instance);

    /** What one poll's records added to a rebuild's counts. */
    record Progress(long recordsRead, long contactsRecorded, long actionsApplied, long actionsRefused, long recordsSkipped) {

        static Progress ofContacts(long read, long recorded, long skipped) {
            return new Progress(read, recorded, 0, 0, skipped);
        }

        static Progress ofActions(long read, long applied, long refused, long skipped) {
            return new Progress(read, 0, applied, refused, skipped);
        }
    }

    /** Adds to the counts. */
    void progressed(UUID rebuildId, Progress progress);

    void succeeded(UUID rebuildId, Instant at);

    void failed(UUID rebuildId, Instant at, String why);

    /** The right to run a rebuild; closing it gives the right up. */
    interface Lease extends AutoCloseable {

        UUID rebuildId();

        /** Whether this lease resumes a rebuild another instance (or this one, before it was restarted) started. */
        boolean resumes();

        @Override
        void close();
    }
}
