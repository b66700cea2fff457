package io.omnirouter.history.rebuild.application;

import io.omnirouter.history.contact.application.IsolatingRefusedContacts;
import io.omnirouter.history.contact.application.IsolatingRefusedContacts.Outcome;
import io.omnirouter.history.contact.model.Contact;
import io.omnirouter.history.rebuild.application.ContactLog.Chunk;
import io.omnirouter.history.rebuild.model.RebuildStatus;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Rebuilds every projection from contact.events offset 0 (SPEC §5: the same log always produces the same
 * history). In the background, one at a time per instance:
 * <ol>
 *   <li>stops this instance's live consumer (its offsets are committed);</li>
 *   <li>holds the follow-up still (on every instance) and empties the projections, keeping supervisors' and
 *       agents' decisions (undone merges, task decisions) and the follow-up tasks as published;</li>
 *   <li>reads the log from offset 0 up to where it ends now, with a consumer of its own (no group, nothing
 *       committed), and records each poll's contacts like live ingest does, announcing nothing; invalid records
 *       and contacts the database refuses even on their own are skipped (live ingest dead-lettered them);</li>
 *   <li>releases the follow-up, which derives every customer's tasks again from all its contacts (a task whose
 *       state is unchanged gets no new version), and starts the live consumer again: it resumes at the group's committed offsets, so what arrived
 *       meanwhile is consumed, and what the rebuild read already is recognised as stored.</li>
 * </ol>
 * The result is identical to the state before whatever order the partitions are read in, because the
 * stored state is by construction what applying all contacts in event-time order gives (see
 * ResolvingCustomers). Other instances may keep consuming meanwhile for the same reason; while the
 * rebuild runs, the API shows a history still being filled.
 */
@Service
public class RebuildingHistory {

    private static final Logger log = LoggerFactory.getLogger(RebuildingHistory.class);
    /** Attempts at one poll's contacts when PostgreSQL aborts the transaction to break a deadlock with live ingest. */
    private static final int ATTEMPTS = 5;

    private final ContactLog contactLog;
    private final LiveIngest liveIngest;
    private final Projections projections;
    private final IsolatingRefusedContacts recording;
    private final AtomicReference<RebuildStatus> status = new AtomicReference<>(RebuildStatus.NEVER_RUN);
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "history-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    public RebuildingHistory(ContactLog contactLog, LiveIngest liveIngest, Projections projections,
                             IsolatingRefusedContacts recording) {
        this.contactLog = contactLog;
        this.liveIngest = liveIngest;
        this.projections = projections;
        this.recording = recording;
    }

    /**
     * Starts a rebuild in the background.
     *
     * @return its status, RUNNING
     * @throws RebuildAlreadyRunningException if one is running
     */
    public RebuildStatus start() {
        RebuildStatus previous = status.get();
        RebuildStatus started = RebuildStatus.startedAt(Instant.now());
        if (previous.running() || !status.compareAndSet(previous, started)) {
            throw new RebuildAlreadyRunningException();
        }
        runner.execute(this::run);
        return started;
    }

    public RebuildStatus status() {
        return status.get();
    }

    private void run() {
        log.info("Rebuild of the history from contact.events offset 0 started");
        try {
            liveIngest.stop();
            try (Projections.Hold followUp = projections.holdFollowUp()) {
                projections.truncate();
                contactLog.readFromTheBeginning(this::record);
            } finally {
                liveIngest.start();
            }
            RebuildStatus done = status.updateAndGet(current -> current.succeededAt(Instant.now()));
            log.info("Rebuild succeeded: {} records read, {} contacts recorded, {} records skipped (invalid or refused by the database)",
                    done.recordsRead(), done.contactsRecorded(), done.recordsSkipped());
        } catch (RuntimeException e) {
            status.updateAndGet(current -> current.failedAt(Instant.now(), e.getClass().getSimpleName() + ": " + e.getMessage()));
            log.error("Rebuild failed; run it again once the cause is fixed", e);
        }
    }

    private void record(Chunk chunk) {
        Outcome<Contact> replayed;
        for (int attempt = 1; ; attempt++) {
            try {
                replayed = recording.replay(chunk.contacts(), Function.identity());
                break;
            } catch (PessimisticLockingFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
        // Ids and SQLStates only: the contacts' content is personal data.
        replayed.refused().forEach(refusal -> log.warn("Rebuild: {} skipped, the database refuses it (SQLState {}); it is on contact.events.DLT",
                refusal.item(), refusal.fault().sqlState()));
        Outcome<Contact> done = replayed;
        status.updateAndGet(current -> current.progressed(chunk.recordsRead(), done.recorded(),
                chunk.recordsSkipped() + done.refused().size()));
    }

    @PreDestroy
    void shutDown() {
        runner.shutdownNow();
    }
}
